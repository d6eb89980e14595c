import Foundation
import GameLiftAPI

/// The files of an uploaded build, so launch paths can be checked before GameLift finds them missing
/// (`SERVER_PROCESS_INVALID_PATH`). Paths are relative to the build root, with `/` separators.
public struct BuildManifest: Sendable, Hashable {
    /// Relative paths of the build's files.
    public private(set) var files: Set<String>

    /// A manifest of the given relative paths.
    public init(files: some Sequence<String>) {
        self.files = Set(files.map(Self.normalize).filter { !$0.isEmpty })
    }

    /// Reads a manifest from a build directory (every file under it) or from a text file listing one relative
    /// path per line (blank lines and `#` comments ignored).
    public init(contentsOf path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BuildManifestError(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            guard let walker = FileManager.default.enumerator(atPath: path) else {
                throw BuildManifestError(path: path, reason: "the folder cannot be listed")
            }
            var files: [String] = []
            while let relative = walker.nextObject() as? String {
                if walker.fileAttributes?[.type] as? FileAttributeType != .typeDirectory { files.append(relative) }
            }
            self.init(files: files)
        } else {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw BuildManifestError(path: path, reason: "not a readable UTF-8 text file")
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            self.init(files: lines.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        }
    }

    /// Whether the file a launch path names (`/local/game/x` or `C:\game\x`) is in the build.
    public func contains(launchPath: String) -> Bool {
        guard let relative = Self.relativePath(ofLaunchPath: launchPath) else { return false }
        return files.contains(Self.normalize(relative))
    }

    /// The part of a launch path inside the build root, or `nil` when it is under neither root.
    public static func relativePath(ofLaunchPath launchPath: String) -> String? {
        LaunchPathRoot.relativePath(of: launchPath)
    }

    private static func normalize(_ path: String) -> String {
        var parts = path.replacingOccurrences(of: "\\", with: "/").split(separator: "/").map(String.init)
        parts.removeAll { $0 == "." }
        return parts.joined(separator: "/")
    }
}

/// A build manifest that cannot be read, with the reason.
public struct BuildManifestError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot read the build manifest \(path): \(reason)" }
}
