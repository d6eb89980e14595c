import Foundation

/// A subprocess whose stdout and stderr go to files; killed (SIGKILL) and reaped on `stop()` and on deinit,
/// so none outlives its test even when the test fails.
final class ChildProcess: @unchecked Sendable {
    let process: Process
    let stdoutPath: String
    let stderrPath: String

    /// Starts `executable arguments…` in `directory` with exactly `environment`.
    init(
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

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` seconds for the process to exit; kills it when it does not. Returns the exit
    /// status, or nil when it had to be killed.
    func wait(timeout: Double) -> Int32? {
        guard poll(deadline: timeout, interval: 0.05, { !process.isRunning }) else {
            stop()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, as a crash or the OOM killer would end it, then reap.
    func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Ends the process if it still runs.
    func stop() { kill() }

    /// Runs a command to completion (killed after `timeout` seconds) and returns it finished.
    static func run(
        _ executable: URL, _ arguments: [String], directory: String, environment: [String: String],
        outputPrefix: String, timeout: Double = 120
    ) throws -> (status: Int32?, child: ChildProcess) {
        let child = try ChildProcess(
            executable, arguments, directory: directory, environment: environment, outputPrefix: outputPrefix)
        return (child.wait(timeout: timeout), child)
    }
}

/// `gamelift-local --port 0 …` as a subprocess: waits (with a deadline) for its listening line.
final class EmulatorServer: @unchecked Sendable {
    let child: ChildProcess
    let endpoint: String

    init(arguments: [String], workspace: Workspace, name: String = "gamelift-local") throws {
        guard let binary = Binaries.url("gamelift-local") else {
            throw SetupFailure(Binaries.missing("gamelift-local"))
        }
        child = try ChildProcess(
            binary, ["--port", "0", "--log-level", "warning"] + arguments, directory: workspace.path,
            environment: ["PATH": "/usr/bin:/bin"], outputPrefix: workspace.file(name))
        var found: String?
        let child = self.child
        _ = poll(deadline: 60) {
            if let line = child.stdout.split(separator: "\n").first, line.hasPrefix("listening on http://") {
                found = String(line.dropFirst("listening on ".count))
                return true
            }
            return !child.isRunning
        }
        guard let found else {
            child.stop()
            throw SetupFailure("gamelift-local did not start; stderr:\n\(child.stderr)")
        }
        endpoint = found
    }

    /// SIGTERM (a graceful stop: the state file is complete), then wait; SIGKILL after a deadline.
    func stop() {
        if child.isRunning { child.process.terminate() }
        _ = child.wait(timeout: 30)
    }
}

/// A test could not set up what it needs.
struct SetupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
