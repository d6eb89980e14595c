import DurableFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state file: read when another process changed it, written atomically (temporary file in the same
/// folder, fsync, rename) after each call that changed something, under an advisory lock on a sidecar
/// `<file>.lock` held for one call at a time, so several fleetform processes can share a state.
///
/// Cheap per call: the file is decoded again only when its identity (device, inode, size, modification
/// time) differs from what this store last wrote or read, and each fleet's JSON is cached, so a write
/// encodes only the fleets that changed. Not thread-safe: the simulation calls it under its own lock.
final class StateFileStore {
    let path: String
    private let lockPath: String
    private var lockDescriptor: Int32 = -1
    private var fingerprint: Fingerprint?
    /// The file version `fingerprint` describes, kept open: while it is open its inode cannot be reused by
    /// a newer version, so an equal (device, inode) really is the same file.
    private var pinnedDescriptor: Int32 = -1
    private var fragments: [String: Data] = [:]
    /// Fleets encoded to JSON so far: the work a write does, which tests check instead of timing it.
    private(set) var fleetsEncoded = 0

    private struct Fingerprint: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    init(path: String) {
        self.path = path
        self.lockPath = path + ".lock"
    }

    deinit {
        if lockDescriptor >= 0 { close(lockDescriptor) }
        if pinnedDescriptor >= 0 { close(pinnedDescriptor) }
    }

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Runs `body` holding the exclusive lock on the sidecar file.
    func locked<R>(_ body: () throws -> R) throws -> R {
        if lockDescriptor < 0 {
            lockDescriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard lockDescriptor >= 0 else { throw failure("cannot open the lock file \(lockPath)") }
        }
        while flock(lockDescriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("cannot lock \(lockPath)") }
        }
        defer { _ = flock(lockDescriptor, LOCK_UN) }
        return try body()
    }

    /// Loads the file into `engine` when it changed since this store last saw it. Call while locked.
    func refresh(_ engine: inout SimulationEngine) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open the GameLift simulation state file") }
        let current: Fingerprint
        do {
            current = try fingerprint(of: descriptor)
            guard current != fingerprint else {
                close(descriptor)
                return
            }
            let data = try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readToEnd() ?? Data()
            engine.replace(try Self.decode(data, file: path))
        } catch {
            close(descriptor)
            throw error
        }
        fragments = [:]
        pin(descriptor, current)
    }

    /// Reads and checks a state (or seed) file.
    static func read(_ path: String) throws -> SimulationState {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SimulationError("\(path): cannot read the GameLift simulation state: \(error.localizedDescription)")
        }
        return try decode(data, file: path)
    }

    private static func decode(_ data: Data, file: String) throws -> SimulationState {
        try StateCoding.decode(SimulationState.self, from: data, file: file).validated(file: file)
    }

    /// Writes `state` when `changed` names any fleet (all fleets when `everything`). Call while locked.
    func save(_ state: SimulationState, changed: Set<String>, everything: Bool = false) throws {
        guard everything || !changed.isEmpty else { return }
        do {
            try encodeAndWrite(state, changed: changed, everything: everything)
        } catch {
            // The change stays in memory only: forget the file so the next call reloads what is on disk.
            fingerprint = nil
            throw error
        }
    }

    private func encodeAndWrite(_ state: SimulationState, changed: Set<String>, everything: Bool) throws {
        if everything { fragments = [:] }
        for id in changed { fragments[id] = nil }
        let encoder = StateCoding.encoder()
        var document = Data("{\n  \"Version\" : \(state.version),\n  \"Account\" : ".utf8)
        document += try encoder.encode(state.account)
        document += Data(",\n  \"Fleets\" : [".utf8)
        for (offset, fleet) in state.fleets.enumerated() {
            let fragment: Data
            if let cached = fragments[fleet.fleetId] {
                fragment = cached
            } else {
                let text = String(decoding: try encoder.encode(fleet), as: UTF8.self)
                fleetsEncoded += 1
                fragment = Data(text.replacingOccurrences(of: "\n", with: "\n    ").utf8)
                fragments[fleet.fleetId] = fragment
            }
            document += Data((offset == 0 ? "\n    " : ",\n    ").utf8)
            document += fragment
        }
        document += Data("\n  ]\n}\n".utf8)
        let descriptor = try writeAtomically(document)
        do {
            pin(descriptor, try fingerprint(of: descriptor))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Writes a temporary file and renames it over the state file (`DurableFile`); returns the new file, still
    /// open.
    private func writeAtomically(_ data: Data) throws -> Int32 {
        do {
            return try DurableFile.replaceKeepingOpen(path, with: data)
        } catch {
            throw SimulationError("\(path): \(error)")
        }
    }

    /// Remembers `descriptor`'s file as the version this store knows. Call while locked.
    private func pin(_ descriptor: Int32, _ current: Fingerprint) {
        if pinnedDescriptor >= 0 { close(pinnedDescriptor) }
        pinnedDescriptor = descriptor
        fingerprint = current
    }

    private func fingerprint(of descriptor: Int32) throws -> Fingerprint {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot inspect the state file") }
        #if canImport(Glibc)
            let time = info.st_mtim
        #else
            let time = info.st_mtimespec
        #endif
        return Fingerprint(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
    }

    private func failure(_ what: String) -> SimulationError {
        SimulationError("\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
