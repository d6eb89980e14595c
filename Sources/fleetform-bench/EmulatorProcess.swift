import Foundation

/// A subprocess serving GameLift on 127.0.0.1 that prints `listening on http://127.0.0.1:<port>` first;
/// `stop()` (also run on deinit) terminates it and waits, so no server outlives the benchmark.
final class EmulatorProcess: @unchecked Sendable {
    /// Why the server could not be started.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    private let process: Process
    /// `http://127.0.0.1:<port>`.
    let endpoint: String

    private init(process: Process, endpoint: String) {
        self.process = process
        self.endpoint = endpoint
    }

    deinit { stop() }

    /// Runs `executable arguments…` and waits up to `timeout` seconds for its listening line.
    static func start(executable: URL, arguments: [String], timeout: Double = 60) throws -> EmulatorProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        try process.run()
        let reader = FirstLine(stdout.fileHandleForReading)
        guard let line = reader.wait(timeout: timeout), line.hasPrefix("listening on http://"),
            let url = line.split(separator: " ").last
        else {
            process.terminate()
            process.waitUntilExit()
            throw StartFailure(description: "\(executable.lastPathComponent) did not report where it listens")
        }
        return EmulatorProcess(process: process, endpoint: String(url))
    }

    /// This executable, for re-running it as `serve-emulator`.
    static var ownExecutable: URL { Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]) }

    /// Terminates the server (SIGTERM) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Reads the first line of a pipe on a thread of its own, so the caller can wait for it with a deadline.
private final class FirstLine: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var line: String?

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var bytes: [UInt8] = []
            while let byte = handle.readData(ofLength: 1).first, byte != UInt8(ascii: "\n") { bytes.append(byte) }
            lock.withLock { line = String(decoding: bytes, as: UTF8.self) }
            done.signal()
            // Keep draining so the server never blocks on a full pipe.
            while !handle.readData(ofLength: 4096).isEmpty {}
        }
    }

    func wait(timeout: Double) -> String? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { line }
    }
}
