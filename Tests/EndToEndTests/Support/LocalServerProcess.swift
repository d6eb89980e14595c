import Foundation

/// Finds the package's built executables (`.build/debug/<name>`), for tests that run the real binaries.
enum BuiltExecutable {
    /// The package root: three levels above this file (Tests/EndToEndTests/Support).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable `name`, searched where SwiftPM puts it for this build (next to the test bundle),
    /// then in `.build/debug`; nil when it has not been built.
    static func url(_ name: String) -> URL? {
        var candidates: [URL] = []
        // The test bundle lives in the same products directory as the executables.
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent(name))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent(name))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether tests that need the built binaries run: always in CI (where a missing binary must fail
    /// loudly), elsewhere only when they have been built.
    static func available(_ names: String...) -> Bool {
        ProcessInfo.processInfo.environment["CI"] != nil || names.allSatisfy { url($0) != nil }
    }
}

/// A `gamelift-local` started as a subprocess on an ephemeral port; `stop()` sends SIGTERM and waits.
final class LocalServerProcess: @unchecked Sendable {
    /// Why the server could not be started.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    let process: Process
    /// The port it printed on stdout.
    let port: Int
    private let stderrFile: URL

    /// `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_GAMELIFT`.
    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// What the server logged on stderr so far (one line per request).
    var log: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    private init(process: Process, port: Int, stderrFile: URL) {
        self.process = process
        self.port = port
        self.stderrFile = stderrFile
    }

    /// Starts `gamelift-local --port 0 <arguments>` and waits (up to `timeout` seconds) for its
    /// `listening on http://127.0.0.1:<port>` line.
    static func start(arguments: [String], timeout: Double = 30) throws -> LocalServerProcess {
        guard let executable = BuiltExecutable.url("gamelift-local") else {
            throw StartFailure(description: "gamelift-local is not built; run swift build --product gamelift-local")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--port", "0"] + arguments
        let stdout = Pipe()
        let stderrFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("gamelift-local-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()

        // Read stdout on a background thread; the first line carries the port.
        let firstLine = FirstLineReader(handle: stdout.fileHandleForReading)
        guard let line = firstLine.wait(timeout: timeout),
            let portText = line.split(separator: ":").last, let port = Int(portText),
            line.hasPrefix("listening on http://")
        else {
            process.terminate()
            process.waitUntilExit()
            let log = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw StartFailure(description: "gamelift-local did not report a port; stderr:\n\(log)")
        }
        return LocalServerProcess(process: process, port: port, stderrFile: stderrFile)
    }

    /// Sends SIGTERM and waits for the process to exit; returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: stderrFile)
        return process.terminationStatus
    }
}

/// Reads the first line of a pipe on a background thread, so the caller can wait for it with a timeout.
private final class FirstLineReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var line: String?

    init(handle: FileHandle) {
        Thread.detachNewThread { [self] in
            var bytes: [UInt8] = []
            while true {
                let chunk = handle.readData(ofLength: 1)
                guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
                bytes.append(byte)
            }
            lock.withLock { line = String(decoding: bytes, as: UTF8.self) }
            done.signal()
        }
    }

    func wait(timeout: Double) -> String? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { line }
    }
}
