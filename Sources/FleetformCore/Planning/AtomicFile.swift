import FleetSpec
import Foundation

/// Writes a file so that readers see the old content or the new, never a mix: a temporary file in the same
/// folder, flushed to disk, then renamed over the target.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFileError(path: path, reason: String(cString: strerror(errno))) }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        do {
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw AtomicFileError(path: path, reason: String(cString: strerror(errno)))
                    }
                    offset += n
                }
            }
            guard fsync(fd) == 0 else { throw AtomicFileError(path: path, reason: String(cString: strerror(errno))) }
            close(fd)
            closed = true
            guard rename(temporary, path) == 0 else {
                throw AtomicFileError(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable.
        let dirfd = open(directory, O_RDONLY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }
}

public struct AtomicFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Saving and loading plan files (`plan --out`, `apply --plan`).
public enum PlanFile {
    public static func save(_ plan: PlanDocument, to path: String) throws {
        var data = try ReportJSON.encoder().encode(plan)
        data.append(0x0A)
        try AtomicFile.write(data, to: path)
    }

    /// Reads a saved plan and checks all of it (`PlanFileValidator`) before anything can be sent.
    public static func load(from path: String) throws -> PlanDocument {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // One byte past the cap is enough to know the file is too large.
            data = try handle.read(upToCount: PlanFileValidator.maxSize + 1) ?? Data()
        } catch {
            throw PlanFileError(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try PlanFileValidator.decode(data, path: path)
    }
}

/// A saved plan that cannot be applied: why, and every located problem (`path#/json/pointer: error: …`).
public struct PlanFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var diagnostics: [Diagnostic]

    public init(path: String, reason: String, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.reason = reason
        self.diagnostics = diagnostics
    }

    public var description: String {
        (["\(path): \(reason)"] + diagnostics.map { d in d.description + (d.hint.map { " (\($0))" } ?? "") })
            .joined(separator: "\n")
    }
}
