import Foundation

/// Turns path arguments into the list of fleet files: files as given, directories searched recursively for
/// `*.yaml` and `*.yml` in sorted order, hidden folders and files skipped, symbolic links to folders not
/// followed (so a link loop cannot hang discovery).
enum FileDiscovery {
    static let extensions: Set<String> = ["yaml", "yml"]

    /// The files to load, in order without repeats, and a diagnostic for each argument that names nothing.
    static func files(for paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            guard let status = FileStatus(path) else {
                diagnostics.append(
                    Diagnostic(
                        .error, .unreadableFile, "\(path): no such file or directory",
                        hint: "pass fleet files or folders that hold them", at: nil))
                continue
            }
            let found = status.kind == .directory ? walk(path) : [path]
            if found.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning, .noFleets, "\(path): no *.yaml or *.yml files found",
                        hint: "fleet files end in .yaml or .yml; hidden folders are skipped", at: nil))
            }
            for file in found where seen.insert(file).inserted { files.append(file) }
        }
        return (files, diagnostics)
    }

    private static func walk(_ directory: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        var files: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch FileStatus(path, followLinks: false)?.kind {
            case .directory?:
                files += walk(path)
            case .regular?, .symbolicLink?:
                // A link to a file counts; a link to a folder is not followed.
                guard FileStatus(path)?.kind == .regular else { continue }
                if let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased())
                {
                    files.append(path)
                }
            default:
                continue
            }
        }
        return files
    }
}
