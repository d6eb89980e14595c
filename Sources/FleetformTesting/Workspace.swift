import Foundation

/// A temporary folder of its own for one test, removed by `remove()`.
public struct Workspace: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` (a path inside the workspace, its folders made as needed); returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Waits, polling every `interval` seconds, until `condition` holds or `deadline` seconds pass; true when
/// it held. Polling a condition (not sleeping a fixed time) keeps tests fast and free of timing guesses. It
/// sleeps without holding a thread, so the servers the test talks to keep running however many tests wait.
public func poll(deadline: Double, interval: Double = 0.02, _ condition: () -> Bool) async -> Bool {
    let end = Date().addingTimeInterval(deadline)
    while Date() < end {
        if condition() { return true }
        try? await Task.sleep(for: .seconds(interval))
    }
    return condition()
}

/// Runs blocking work (waiting for a subprocess) on a thread of its own. The concurrency pool has one
/// thread per core; a test that blocks one would starve the servers and clients of every other test.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
