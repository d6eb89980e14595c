import FleetSpec
import Foundation
import GameLiftSimulation
import Testing

/// Mutation fuzzing of the fleet-file loader: start from every example file (valid and invalid), apply
/// random edits, and check that loading never crashes and that every problem it reports is located in the
/// file it was given. Deterministic under the seed; FLEETFORM_FUZZ_COUNT sets how many inputs (default 10,000).
@Suite("YAML fuzzing")
struct YAMLFuzzTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func corpus() throws -> [String] {
        var texts: [String] = []
        for folder in ["examples/fleets", "examples/invalid"] {
            let root = repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
                texts.append(try String(contentsOf: url, encoding: .utf8))
            }
        }
        return texts.sorted()
    }

    static var count: Int {
        ProcessInfo.processInfo.environment["FLEETFORM_FUZZ_COUNT"].flatMap(Int.init) ?? 10_000
    }

    @Test("mutated fleet files never crash the loader, and every diagnostic is located")
    func fuzz() throws {
        let corpus = try Self.corpus()
        try #require(!corpus.isEmpty, "no example files found under examples/")
        var random = SeededGenerator(seed: 0x5EED_F1EE_7F0A)
        var located = 0
        var failures: [String] = []
        let known = Set(DiagnosticCatalogue.entries.map(\.code))
        for i in 0..<Self.count {
            var text = corpus[Int(random.next() % UInt64(corpus.count))]
            for _ in 0...(random.next() % 4) { text = Mutator.mutate(text, &random) }
            let path = "fuzz/\(i).yaml"
            let result = FleetLoader.load(text: text, path: path, options: LoadOptions(defaultRegion: "us-west-2"))
            located += result.diagnostics.count
            failures += Self.misplaced(result.diagnostics, in: path, known: known).map {
                "input \(i): unlocated or unknown diagnostic \($0)\n--- input ---\n\(text)"
            }
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(located > 0, "the mutations should produce diagnostics")
    }

    /// The diagnostics that are not located in the file at `path`, or have no message, or a code not published.
    static func misplaced(_ diagnostics: [Diagnostic], in path: String, known: Set<DiagnosticCode>) -> [Diagnostic] {
        diagnostics.filter { d in
            guard let at = d.location, at.path == path, at.line >= 1, at.column >= 1, !d.message.isEmpty else {
                return true
            }
            return !known.contains(d.code)
        }
    }

    @Test("an alias bomb (9 levels of 9 references) is rejected with a located error")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let result = FleetLoader.load(text: text, path: "bomb.yaml", options: LoadOptions())
        #expect(result.documents.isEmpty)
        #expect(result.diagnostics.contains { $0.code == .nodeBudgetExceeded && $0.location?.path == "bomb.yaml" })
    }
}

/// Edits that tend to find parser and decoder bugs: YAML's special characters, anchors and aliases,
/// indentation changes, duplicated and swapped lines, odd scalars, truncation.
enum Mutator {
    static let tokens = [
        "&a ", "*a", "<<: *a", "{", "}", "[", "]", ": ", "- ", "\t", "'", "\"", "#", "\n", "---\n", "...\n",
        "!!binary ", "!!str ", "!!int ", "? ", "|", ">", "%YAML 1.2\n", "\u{0}", "é", "\u{FEFF}", "\r\n",
        "9999999999999999999999", "-1", "0", "~", "null", "0x1F", "1e400", ".inf", "true", "\\", "C:\\game\\x",
        "FleetId: ", "ServerProcesses:", "  - LaunchPath: /local/game/", "ConcurrentExecutions: 51",
        "arn:aws:gamelift:us-east-1::fleet/fleet-1", "Region: mars-1",
    ]

    static func mutate(_ text: String, _ random: inout SeededGenerator, tokens: [String] = tokens) -> String {
        var chars = Array(text.unicodeScalars)
        var lines = text.components(separatedBy: "\n")
        func position() -> Int { chars.isEmpty ? 0 : Int(random.next() % UInt64(chars.count + 1)) }
        switch random.next() % 8 {
        case 0:
            let at = position()
            let length = Int(random.next() % 6)
            chars.removeSubrange(at..<min(chars.count, at + length))
        case 1:
            let token = tokens[Int(random.next() % UInt64(tokens.count))]
            chars.insert(contentsOf: token.unicodeScalars, at: position())
        case 2 where !lines.isEmpty:
            let i = Int(random.next() % UInt64(lines.count))
            lines.insert(lines[i], at: i)
            return lines.joined(separator: "\n")
        case 3 where lines.count > 1:
            let i = Int(random.next() % UInt64(lines.count))
            let j = Int(random.next() % UInt64(lines.count))
            lines.swapAt(i, j)
            return lines.joined(separator: "\n")
        case 4 where !chars.isEmpty:
            let at = Int(random.next() % UInt64(chars.count))
            chars[at] = Unicode.Scalar(UInt8(32 + random.next() % 95))
        case 5 where !lines.isEmpty:
            let i = Int(random.next() % UInt64(lines.count))
            lines[i] = random.next() % 2 == 0 ? "  " + lines[i] : String(lines[i].drop { $0 == " " })
            return lines.joined(separator: "\n")
        case 6:
            chars = Array(chars.prefix(position()))
        default:
            let token = tokens[Int(random.next() % UInt64(tokens.count))]
            chars.append(contentsOf: token.unicodeScalars)
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: chars)
        return String(out)
    }
}
