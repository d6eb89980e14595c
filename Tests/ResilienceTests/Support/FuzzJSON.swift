import Foundation
import GameLiftEmulator
import GameLiftSimulation

/// A JSON document as a tree the fuzzers can edit value by value, and write back as JSON text or CBOR with
/// any node replaced by a raw fragment (a number no Swift type holds, a string, deep nesting), a key added,
/// duplicated or removed. Object keys keep their order, so every run is deterministic under its seed.
indirect enum FuzzJSON: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([FuzzJSON])
    case object([(key: String, value: FuzzJSON)])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([FuzzJSON].self) {
            self = .array(a)
        } else {
            let dictionary = try c.decode([String: FuzzJSON].self)
            self = .object(dictionary.keys.sorted().map { (key: $0, value: dictionary[$0] ?? .null) })
        }
    }

    static func parse(_ text: String) throws -> FuzzJSON {
        try JSONDecoder().decode(FuzzJSON.self, from: Data(text.utf8))
    }

    /// Nodes in pre-order, the root included.
    var nodeCount: Int {
        switch self {
        case .array(let items): 1 + items.reduce(0) { $0 + $1.nodeCount }
        case .object(let pairs): 1 + pairs.reduce(0) { $0 + $1.value.nodeCount }
        default: 1
        }
    }

    /// One edit of the node at a pre-order index.
    enum Edit {
        case replace(String)
        case addKey(String, String)
        case duplicateFirstKey(String)
        case removeFirstKey
    }

    /// JSON text with `edit` applied at node `target` (object edits on a non-object replace it instead).
    func json(editing target: Int, _ edit: Edit) -> String {
        var counter = 0
        var out = ""
        write(&out, &counter, target, edit)
        return out
    }

    private func write(_ out: inout String, _ counter: inout Int, _ target: Int, _ edit: Edit) {
        let index = counter
        counter += 1
        if index == target {
            switch (edit, self) {
            case (.replace(let raw), _):
                skip(&counter)
                out += raw
                return
            case (.addKey(let key, let raw), .object(let pairs)):
                let extended = pairs + [(key: key, value: FuzzJSON.null)]
                writeObject(extended, &out, &counter, target, edit, raw: (pairs.count, raw))
                return
            case (.duplicateFirstKey(let raw), .object(let pairs)) where !pairs.isEmpty:
                let extended = pairs + [(key: pairs[0].key, value: FuzzJSON.null)]
                writeObject(extended, &out, &counter, target, edit, raw: (pairs.count, raw))
                return
            case (.removeFirstKey, .object(let pairs)) where !pairs.isEmpty:
                counter += pairs[0].value.nodeCount
                writeObject(Array(pairs.dropFirst()), &out, &counter, target, edit, raw: nil)
                return
            default:
                skip(&counter)
                out += "null"
                return
            }
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? "\(d)" : "0"
        case .string(let s): out += HostileValues.jsonString(s)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                item.write(&out, &counter, target, edit)
            }
            out += "]"
        case .object(let pairs): writeObject(pairs, &out, &counter, target, edit, raw: nil)
        }
    }

    private func writeObject(
        _ pairs: [(key: String, value: FuzzJSON)], _ out: inout String, _ counter: inout Int, _ target: Int,
        _ edit: Edit, raw: (index: Int, text: String)?
    ) {
        out += "{"
        for (offset, pair) in pairs.enumerated() {
            if offset > 0 { out += "," }
            out += HostileValues.jsonString(pair.key) + ":"
            if let raw, raw.index == offset {
                out += raw.text
            } else {
                pair.value.write(&out, &counter, target, edit)
            }
        }
        out += "}"
    }

    /// Advances past this node's children without writing them.
    private func skip(_ counter: inout Int) { counter += nodeCount - 1 }

    /// The tree as CBOR, with the node at `target` replaced by `replacement` when given.
    func cbor(replacing target: Int = -1, with replacement: CBORValue? = nil) -> CBORValue {
        var counter = 0
        return cbor(&counter, target, replacement)
    }

    private func cbor(_ counter: inout Int, _ target: Int, _ replacement: CBORValue?) -> CBORValue {
        let index = counter
        counter += 1
        if index == target, let replacement {
            skip(&counter)
            return replacement
        }
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .integer(let i): return .int(i)
        case .number(let d): return .float(d)
        case .string(let s): return .text(s)
        case .array(let items): return .array(items.map { $0.cbor(&counter, target, replacement) })
        case .object(let pairs):
            return .map(pairs.map { CBORMapEntry(.text($0.key), $0.value.cbor(&counter, target, replacement)) })
        }
    }
}

extension SeededGenerator {
    /// A number in `0..<count` (count > 0).
    mutating func below(_ count: Int) -> Int { Int(next() % UInt64(max(1, count))) }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
