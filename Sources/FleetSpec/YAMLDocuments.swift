import Foundation
import Yams

/// A YAML file's documents, composed with their places after the checks that keep hostile input cheap: UTF-8,
/// the event pre-scan (syntax, node budget once aliases are followed, duplicate keys). Fleet files and the
/// settings file are read through it.
enum YAMLDocuments {
    /// The non-empty documents' roots, each with the number of lines before the text it was composed from, and
    /// every problem found (no roots at all when the file cannot be composed; the problems say why).
    static func compose(bytes: [UInt8], path: String, maxNodes: Int) -> ([(Node, Int)], [Diagnostic]) {
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (
                [],
                [Diagnostic(.error, .unreadableFile, "the file is not UTF-8 text", hint: "save it as UTF-8", at: start)]
            )
        }
        let scan = YAMLPrescan(utf8: bytes, maxNodes: maxNodes)
        switch scan.failure {
        case .syntax(let message, let line, let column)?:
            let location = SourceLocation(path: path, line: line, column: column)
            return ([], [Diagnostic(.error, .yamlSyntax, "invalid YAML: \(message)", at: location)])
        case .budget(_, let line, let column)?:
            let location = SourceLocation(path: path, line: line, column: column)
            return (
                [],
                [
                    Diagnostic(
                        .error, .nodeBudgetExceeded,
                        "the YAML expands to more than \(maxNodes) nodes once aliases are followed",
                        hint: "write it out without anchors and aliases; no fleetform file needs this many nodes",
                        at: location)
                ]
            )
        case nil:
            break
        }
        var diagnostics: [Diagnostic] = []
        for duplicate in scan.duplicateKeys {
            diagnostics.append(
                Diagnostic(
                    .error, .duplicateKey,
                    "duplicate key '\(duplicate.key)' (first at line \(duplicate.first.line), "
                        + "column \(duplicate.first.column))",
                    hint: "remove one; YAML tools disagree about which of the two wins",
                    at: SourceLocation(path: path, line: duplicate.second.line, column: duplicate.second.column)))
        }
        let roots = compose(text, scan: scan, path: path, into: &diagnostics).filter { root, _ in
            guard case .scalar(let scalar) = root else { return true }
            return !(YAMLKind(of: root) == .null && scalar.string.isEmpty)
        }
        return (roots, diagnostics)
    }

    /// The documents' root nodes, each with the number of lines before the text it was composed from.
    /// Yams refuses a mapping with a duplicate key, so when the pre-scan found one, every other document
    /// is composed on its own and the broken ones are skipped (their duplicates are already reported).
    private static func compose(_ text: String, scan: YAMLPrescan, path: String, into diagnostics: inout [Diagnostic])
        -> [(Node, Int)]
    {
        if scan.duplicateKeys.isEmpty { return composeAll(text, lineOffset: 0, path: path, into: &diagnostics) }
        let broken = Set(scan.duplicateKeys.map(\.document))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var roots: [(Node, Int)] = []
        for (index, startLine) in scan.documentStartLines.enumerated() where !broken.contains(index) {
            let end = index + 1 < scan.documentStartLines.count ? scan.documentStartLines[index + 1] - 1 : lines.count
            let slice = lines[(startLine - 1)..<max(startLine - 1, end)].joined(separator: "\n")
            roots += composeAll(slice, lineOffset: startLine - 1, path: path, into: &diagnostics)
        }
        return roots
    }

    private static func composeAll(_ text: String, lineOffset: Int, path: String, into diagnostics: inout [Diagnostic])
        -> [(Node, Int)]
    {
        do {
            // The basic resolver leaves plain scalars untyped; YAMLKind types them without regular expressions.
            // The encoding is given because Yams' default reads the process environment on every parser.
            var roots: [(Node, Int)] = []
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            while let root = try parser.nextRoot() { roots.append((root, lineOffset)) }
            return roots
        } catch {
            let (message, line, column) = Self.describe(error)
            diagnostics.append(
                Diagnostic(
                    .error, .yamlSyntax, "invalid YAML: \(message)",
                    at: SourceLocation(path: path, line: line + lineOffset, column: column)))
            return []
        }
    }

    private static func describe(_ error: any Error) -> (String, Int, Int) {
        switch error as? YamlError {
        case .composer(_, let problem, let mark, _)?, .parser(_, let problem, let mark, _)?,
            .scanner(_, let problem, let mark, _)?:
            return (problem, mark.line, mark.column)
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return ("duplicate keys \(duplicates.joined(separator: ", "))", context.mark.line, context.mark.column)
        default:
            return ("\(error)", 1, 1)
        }
    }

}
