import Foundation
import GameLiftSimulation

/// Edits of a JSON document (a saved plan, a journal line, a request body): a value replaced by a hostile one,
/// a key added, duplicated or removed, or the text cut short.
enum JSONValueMutator {
    static let keys = ["Unknown", "FleetID", "concurrentExecutions", "", "__proto__", "ConcurrentExecutions", "Ω"]

    static func mutate(_ tree: FuzzJSON, _ random: inout SeededGenerator) -> String {
        let target = random.below(tree.nodeCount)
        switch random.below(12) {
        case 0: return tree.json(editing: target, .addKey(random.pick(keys), fragment(&random)))
        case 1: return tree.json(editing: target, .duplicateFirstKey(fragment(&random)))
        case 2: return tree.json(editing: target, .removeFirstKey)
        case 3:
            let text = tree.json(editing: -1, .removeFirstKey)
            return String(text.prefix(random.below(text.count)))
        default: return tree.json(editing: target, .replace(fragment(&random)))
        }
    }

    /// A hostile value, numbers half the time: they are what broke the sums.
    static func fragment(_ random: inout SeededGenerator) -> String {
        random.below(2) == 0 ? random.pick(HostileValues.numbers) : random.pick(HostileValues.jsonFragments)
    }
}

/// Edits of a fleet file line by line: a `Key: value` line gets a hostile value, is repeated (a duplicate key)
/// or gets an unknown neighbour; now and then a byte-level edit of the existing `Mutator` instead.
enum YAMLValueMutator {
    static func mutate(_ text: String, _ random: inout SeededGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        let candidates = lines.indices.filter { keyValue(lines[$0]) != nil }
        guard !candidates.isEmpty, random.below(8) != 0 else { return Mutator.mutate(text, &random) }
        for _ in 0...random.below(2) {
            let index = random.pick(candidates)
            guard let pair = keyValue(lines[index]) else { continue }
            let (indent, key) = pair
            let sibling = String(repeating: " ", count: indent.count)
            switch random.below(6) {
            case 0: lines.insert(sibling + key + ": " + value(&random), at: index + 1)
            case 1: lines.insert(sibling + random.pick(JSONValueMutator.keys) + ": " + value(&random), at: index + 1)
            default: lines[index] = indent + key + ": " + value(&random)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The indentation (with any `- `) and the key of a `Key: value` line.
    static func keyValue(_ line: String) -> (String, String)? {
        let indent = line.prefix { $0 == " " || $0 == "-" }
        let rest = line.dropFirst(indent.count)
        guard let colon = rest.firstIndex(of: ":"), rest.first?.isLetter == true else { return nil }
        let key = rest[..<colon]
        guard key.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return (String(indent), String(key))
    }

    static func value(_ random: inout SeededGenerator) -> String {
        switch random.below(10) {
        case 0...4: return random.pick(HostileValues.numbers + HostileValues.yamlNumbers)
        case 5...7: return HostileValues.jsonString(random.pick(HostileValues.strings))
        case 8:
            return random.pick(["[" + HostileValues.deepArray(600) + "]", "{a: {b: {c: [1, [2, [3]]]}}}", "~", "[]"])
        default: return random.pick(HostileValues.strings.filter { !$0.contains("\n") && !$0.hasPrefix(" ") })
        }
    }
}
