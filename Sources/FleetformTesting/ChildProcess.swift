import Foundation

/// A subprocess whose stdout and stderr go to files; killed (SIGKILL) and reaped on `stop()` and on deinit,
/// so none outlives its test even when the test fails.
public final class ChildProcess: @unchecked Sendable {
    public let process: Process
    public let stdoutPath: String
    public let stderrPath: String

    /// Starts `executable arguments…` in `directory` with exactly `environment`.
    public init(
        _ executable: URL, _ arguments: [String], directory: String, environment: [String: String],
        outputPrefix: String
    ) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        stdoutPath = outputPrefix + ".stdout"
        stderrPath = outputPrefix + ".stderr"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` seconds for the process to exit; kills it when it does not. Returns the exit
    /// status, or nil when it had to be killed.
    public func wait(timeout: Double) async -> Int32? {
        guard await poll(deadline: timeout, interval: 0.05, { !process.isRunning }) else {
            stop()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, as a crash or the OOM killer would end it, then reap.
    public func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Ends the process if it still runs.
    public func stop() { kill() }

    /// Runs a command to completion (killed after `timeout` seconds) and returns it finished.
    public static func run(
        _ executable: URL, _ arguments: [String], directory: String, environment: [String: String],
        outputPrefix: String, timeout: Double = 120
    ) async throws -> (status: Int32?, child: ChildProcess) {
        let child = try ChildProcess(
            executable, arguments, directory: directory, environment: environment, outputPrefix: outputPrefix)
        return (await child.wait(timeout: timeout), child)
    }
}
