import Foundation

/// Fleet paths that lie under different settings files: one run has one.
public struct SettingsFilesDisagree: Error, Sendable, Hashable {
    public var files: [String]

    /// The error, as a diagnostic; `names` says what the caller calls the option that names one file.
    public func diagnostic(names: RunOptionNames) -> Diagnostic {
        Diagnostic(
            .error, .settingsFilesDisagree,
            "the fleet paths lie under different settings files: \(files.joined(separator: ", "))",
            hint: "run once per settings file, or name one with \(names[.settingsFile])", at: nil)
    }
}

/// Finds and loads `fleetform.yaml` (docs/policy.md, "The file").
public enum SettingsFile {
    /// Settings files are small; a larger one is refused before it is read.
    public static let maxBytes = 1 << 20
    /// Far past any real settings file, tiny next to an alias bomb.
    static let maxNodes = 100_000

    /// The settings file that governs `paths`: in the folder of each path (a folder is its own), or the nearest
    /// folder above it, up to the repository root (the first folder with a `.git`). `nil` when there is none; an
    /// error (FF608) when the paths lie under different ones.
    public static func locate(for paths: [String]) -> Result<String?, SettingsFilesDisagree> {
        var found: [String: String] = [:]
        for path in paths {
            guard let file = nearest(to: path) else { continue }
            found[file] = shown(file)
        }
        guard found.count <= 1 else {
            let files = found.keys.sorted()
            return .failure(SettingsFilesDisagree(files: files))
        }
        return .success(found.values.first)
    }

    /// `path` relative to the working directory when it is inside it, as fleet paths are shown; else absolute.
    private static func shown(_ path: String) -> String {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    private static func nearest(to path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL
        if FileStatus(folder.path)?.kind != .directory { folder.deleteLastPathComponent() }
        // Bounded: a path has at most as many folders above it as it has components.
        for _ in 0...folder.pathComponents.count {
            let candidate = folder.appendingPathComponent(RepositorySettings.fileName).path
            if FileStatus(candidate)?.kind == .regular { return candidate }
            if FileStatus(folder.appendingPathComponent(".git").path) != nil || folder.path == "/" { return nil }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// Reads and checks the settings file at `path`. Never throws: every problem is a diagnostic of the result.
    public static func load(path: String) -> RepositorySettings {
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var settings = RepositorySettings(path: path, folder: folder, environments: [])
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard let status = FileStatus(path), status.kind == .regular else {
            settings.diagnostics = [
                Diagnostic(.error, .unreadableFile, "the settings file cannot be read (no such file)", at: start)
            ]
            return settings
        }
        guard status.size <= maxBytes, let handle = FileHandle(forReadingAtPath: path) else {
            settings.diagnostics = [
                Diagnostic(
                    .error, status.size > maxBytes ? .fileTooLarge : .unreadableFile,
                    status.size > maxBytes
                        ? "the settings file is \(status.size) bytes; the limit is \(maxBytes)"
                        : "cannot open the file",
                    at: start)
            ]
            return settings
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        return load(bytes: [UInt8](data.prefix(maxBytes)), path: path, folder: folder)
    }

    /// Reads settings text that is not on disk (a test, a fuzzer); `path` locates, `folder` anchors the globs.
    public static func load(bytes: [UInt8], path: String, folder: String) -> RepositorySettings {
        var settings = RepositorySettings(path: path, folder: folder, environments: [])
        let (roots, problems) = YAMLDocuments.compose(bytes: bytes, path: path, maxNodes: maxNodes)
        settings.diagnostics = problems
        guard let (root, lineOffset) = roots.first else {
            if !problems.hasErrors {
                settings.diagnostics.append(
                    Diagnostic(
                        .error, .missingKey, "the settings file is empty",
                        hint: "add `environments:` (docs/policy.md), or delete the file",
                        at: SourceLocation(path: path, line: 1, column: 1)))
            }
            return settings
        }
        var reader = SettingsReader(path: path, lineOffset: lineOffset)
        settings.environments = reader.read(root)
        settings.diagnostics += reader.problems
        if roots.count > 1 {
            settings.diagnostics.append(
                Diagnostic(
                    .error, .yamlSyntax, "the settings file holds \(roots.count) documents; it must hold one",
                    at: SourceLocation(path: path, line: roots[1].1 + 1, column: 1)))
        }
        settings.diagnostics.sort(by: Diagnostic.readingOrder)
        return settings
    }
}
