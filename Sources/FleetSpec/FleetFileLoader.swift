import Foundation
import Yams

/// Loads one fleet file: size cap, read, event pre-scan (syntax, node budget, duplicate keys), compose with
/// places, then the reader and the rules for each document. Never throws: every problem is a diagnostic.
struct FleetFileLoader {
    let options: LoadOptions

    /// The fleets in the file at `path` and the problems found in it.
    func load(path: String) -> (documents: [FleetDocument], diagnostics: [Diagnostic]) {
        let start = SourceLocation(path: path, line: 1, column: 1)
        if let size = FileStatus(path)?.size, size > options.maxFileBytes {
            return ([], [tooLarge(size: "\(size) bytes", at: start)])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return ([], [Diagnostic(.error, .unreadableFile, "cannot open the file", at: start)])
        }
        defer { try? handle.close() }
        // Read at most one byte past the cap, in case the file grew since it was measured or is not a plain file.
        let data: Data
        do {
            data = try handle.read(upToCount: options.maxFileBytes + 1) ?? Data()
        } catch {
            return ([], [Diagnostic(.error, .unreadableFile, "cannot read the file: \(error)", at: start)])
        }
        if data.count > options.maxFileBytes {
            return ([], [tooLarge(size: "more than \(options.maxFileBytes) bytes", at: start)])
        }
        return load(bytes: [UInt8](data), path: path)
    }

    /// The fleets in `bytes`, the contents of a file at `path` (which is used only for locations).
    func load(bytes: [UInt8], path: String) -> (documents: [FleetDocument], diagnostics: [Diagnostic]) {
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (
                [],
                [
                    Diagnostic(
                        .error, .unreadableFile, "the file is not UTF-8 text", hint: "save it as UTF-8",
                        at: start)
                ]
            )
        }
        let scan = YAMLPrescan(utf8: bytes, maxNodes: options.maxNodes)
        var diagnostics: [Diagnostic] = []
        switch scan.failure {
        case .syntax(let message, let line, let column)?:
            return (
                [],
                [
                    Diagnostic(
                        .error, .yamlSyntax, "invalid YAML: \(message)",
                        at: SourceLocation(path: path, line: line, column: column))
                ]
            )
        case .budget(_, let line, let column)?:
            return (
                [],
                [
                    Diagnostic(
                        .error, .nodeBudgetExceeded,
                        "the YAML expands to more than \(options.maxNodes) nodes once aliases are followed",
                        hint:
                            "write the fleets out without anchors and aliases; "
                            + "a fleet file never needs this many nodes",
                        at: SourceLocation(path: path, line: line, column: column))
                ]
            )
        case nil:
            break
        }
        for duplicate in scan.duplicateKeys {
            diagnostics.append(
                Diagnostic(
                    .error, .duplicateKey,
                    "duplicate key '\(duplicate.key)' (first at line \(duplicate.first.line), "
                        + "column \(duplicate.first.column))",
                    hint: "remove one; YAML tools disagree about which of the two wins",
                    at: SourceLocation(path: path, line: duplicate.second.line, column: duplicate.second.column)))
        }
        var documents: [FleetDocument] = []
        var fleetCount = 0
        for (root, lineOffset) in compose(text, scan: scan, path: path, into: &diagnostics) {
            if case .scalar(let scalar) = root, YAMLKind(of: root) == .null, scalar.string.isEmpty { continue }
            fleetCount += 1
            var reader = FleetDocumentReader(path: path, lineOffset: lineOffset)
            let draft = reader.read(root)
            diagnostics += reader.diagnostics
            guard let draft else { continue }
            let (document, problems) = FleetRules.check(
                draft, defaultRegion: options.defaultRegion, names: options.names)
            diagnostics += problems
            guard let document else { continue }
            if let manifest = options.buildManifest {
                diagnostics += LiveFleetRules.checkAgainstFleet(document, operatingSystem: nil, buildManifest: manifest)
            }
            documents.append(document)
        }
        if fleetCount == 0, !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(
                    .warning, .noFleets, "the file declares no fleets",
                    hint: "add a fleet document (FleetId, RuntimeConfiguration) or delete the file", at: start))
        }
        return (documents, diagnostics)
    }

    /// The documents' root nodes, each with the number of lines before the text it was composed from.
    /// Yams refuses a mapping with a duplicate key, so when the pre-scan found one, every other document
    /// is composed on its own and the broken ones are skipped (their duplicates are already reported).
    private func compose(_ text: String, scan: YAMLPrescan, path: String, into diagnostics: inout [Diagnostic])
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

    private func composeAll(_ text: String, lineOffset: Int, path: String, into diagnostics: inout [Diagnostic])
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

    private func tooLarge(size: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .error, .fileTooLarge, "the file is \(size); the limit is \(options.maxFileBytes) bytes",
            hint: "split the fleets across several files, or raise the limit with \(options.names[.maxFileBytes])",
            at: location)
    }
}
