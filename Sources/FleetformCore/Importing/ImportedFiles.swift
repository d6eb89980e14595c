import DurableFiles
import Foundation

/// Where `import` puts files, and the writing itself: all targets are checked before anything is written, so
/// a refused import leaves the folder as it was; each file is written atomically.
public enum ImportedFiles {
    /// The published location of the fleet-file schema, for files written outside a fleetform checkout.
    public static let schemaURL = "https://github.com/fleetform/fleetform/schemas/fleet.schema.json"

    /// The `$schema` reference for files in `directory`: a relative path to the nearest
    /// `schemas/fleet.schema.json` in it or a folder above it, else `schemaURL`.
    public static func schemaReference(
        forFilesIn directory: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> String {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        var ups = 0
        while true {
            if fileExists(folder.appendingPathComponent("schemas/fleet.schema.json").path) {
                return String(repeating: "../", count: ups) + "schemas/fleet.schema.json"
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return schemaURL }
            folder = parent
            ups += 1
        }
    }

    /// The paths among `files` that already exist: without `--force`, import refuses them all.
    public static func existing(_ paths: [String]) -> [String] {
        paths.filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Writes each (path, text) atomically. Stops at the first failure, naming the file.
    public static func write(_ files: [(path: String, text: String)]) throws {
        for file in files { try DurableFile.replace(file.path, with: Data(file.text.utf8)) }
    }
}
