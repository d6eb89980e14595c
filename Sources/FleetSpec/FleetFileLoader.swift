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
        let (roots, problems) = YAMLDocuments.compose(bytes: bytes, path: path, maxNodes: options.maxNodes)
        var diagnostics = problems
        let (environment, placement) = governing(path)
        diagnostics += placement
        var documents: [FleetDocument] = []
        var fleetCount = 0
        for (root, lineOffset) in roots {
            fleetCount += 1
            var reader = FleetDocumentReader(path: path, lineOffset: lineOffset)
            let draft = reader.read(root)
            diagnostics += reader.diagnostics
            guard let draft else { continue }
            let (checked, problems) = FleetRules.check(
                draft, defaultRegion: environment?.region ?? options.defaultRegion, names: options.names)
            diagnostics += problems
            guard var document = checked else { continue }
            if let environment {
                document.environment = environment.name
                diagnostics += environment.checkFileRules(document, names: options.names)
                diagnostics += environment.checkAccount(of: document)
            }
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

    /// The environment of the settings that governs the file at `path`, and the problems of its placement: in
    /// no environment (a warning: it is planned with the run's credentials and no rules), or in two (an error).
    private func governing(_ path: String) -> (Environment?, [Diagnostic]) {
        guard let settings = options.settings else { return (nil, []) }
        let start = SourceLocation(path: path, line: 1, column: 1)
        let matching = settings.environments(governing: path)
        switch matching.count {
        case 0:
            return (
                nil,
                [
                    Diagnostic(
                        .warning, .fleetOutsideEnvironments,
                        "no environment of \(settings.path) matches this file: its fleets are planned as the run "
                            + "itself, under no rules",
                        hint: "add a match glob for it to an environment", at: start)
                ]
            )
        case 1:
            return (matching[0], [])
        default:
            var diagnostic = Diagnostic(
                .error, .environmentsOverlap,
                "environments \(matching.map { "'\($0.name)'" }.joined(separator: " and ")) both match this file",
                hint: "narrow their match globs so each fleet file is in one environment", at: start)
            diagnostic.related = matching[1].match.first { $0.glob.matches(relativePath(path, settings)) }?.location
            return (nil, [diagnostic])
        }
    }

    private func relativePath(_ path: String, _ settings: RepositorySettings) -> String {
        RepositorySettings.relativePath(of: path, under: settings.folder) ?? path
    }

    private func tooLarge(size: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(
            .error, .fileTooLarge, "the file is \(size); the limit is \(options.maxFileBytes) bytes",
            hint: "split the fleets across several files, or raise the limit with \(options.names[.maxFileBytes])",
            at: location)
    }
}
