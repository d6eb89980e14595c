import Foundation

/// Writes that survive a crash or a power cut, in one place for every file fleetform must not lose or tear:
/// plan files, imported fleet files, the journal and the simulation's state file.
public enum DurableFile {
    /// Replaces the file at `path` with `data` so that readers see the old content or the new, never a mix:
    /// a temporary file in the same folder, written and flushed to disk (`fsync`), renamed over `path`, then
    /// the folder flushed so that the rename itself is durable. Creates the folder when it is missing.
    public static func replace(_ path: String, with data: Data) throws(DurableFileError) {
        _ = close(try replaceKeepingOpen(path, with: data))
    }

    /// `replace`, returning the new file still open (for writing), so that the caller can later tell
    /// whether another process has replaced it since.
    public static func replaceKeepingOpen(_ path: String, with data: Data) throws(DurableFileError) -> Int32 {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try createFolder(folder, for: path)
        let temporary = "\(folder)/.\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DurableFileError.failed(path: path, "cannot create \(temporary)") }
        do throws(DurableFileError) {
            try writeAll(data, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw DurableFileError.failed(path: path) }
            guard rename(temporary, path) == 0 else { throw DurableFileError.failed(path: path) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        syncFolder(folder)
        return descriptor
    }

    /// Opens `path` for appending, creating it (and its folder) when missing.
    public static func openForAppending(_ path: String) throws(DurableFileError) -> Int32 {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try createFolder(folder, for: path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DurableFileError.failed(path: path) }
        return descriptor
    }

    /// Appends `data` to a file opened by `openForAppending` and flushes it to disk before returning.
    public static func append(_ data: Data, to descriptor: Int32, path: String) throws(DurableFileError) {
        try writeAll(data, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else { throw DurableFileError.failed(path: path) }
    }

    /// Writes every byte, resuming after interrupted and partial writes.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(DurableFileError) {
        let failure: Int32? = data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw DurableFileError(path: path, reason: String(cString: strerror(failure))) }
    }

    private static func createFolder(_ folder: String, for path: String) throws(DurableFileError) {
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DurableFileError(
                path: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Flushes a folder, so that a rename in it survives a power cut.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
