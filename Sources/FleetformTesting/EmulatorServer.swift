import Foundation

/// A GameLift server as a subprocess — `gamelift-local`, or the benchmark serving its own emulator — that
/// prints `listening on http://127.0.0.1:<port>` as its first line. Its output goes to files (a chatty server
/// cannot stall on a full pipe); `stop()` ends it gracefully, and deinit kills it, so no server outlives its
/// test.
public final class EmulatorServer: @unchecked Sendable {
    public let child: ChildProcess
    /// `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_GAMELIFT`.
    public let endpoint: String
    public let port: Int

    /// What the server logged on standard error so far.
    public var log: String { child.stderr }

    /// Starts `executable arguments…` in `workspace` and waits up to `timeout` seconds for its listening line.
    public init(
        executable: URL, arguments: [String], workspace: Workspace, name: String = "gamelift-local",
        environment: [String: String] = ["PATH": "/usr/bin:/bin"], timeout: Double = 60
    ) async throws {
        let child = try ChildProcess(
            executable, arguments, directory: workspace.path, environment: environment,
            outputPrefix: workspace.file(name))
        var found: (endpoint: String, port: Int)?
        _ = await poll(deadline: timeout) {
            if let line = child.stdout.split(separator: "\n").first, line.hasPrefix("listening on http://"),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                found = (String(line.dropFirst("listening on ".count)), port)
                return true
            }
            return !child.isRunning
        }
        guard let found else {
            child.stop()
            throw SetupFailure("\(executable.lastPathComponent) did not start; stderr:\n\(child.stderr)")
        }
        self.child = child
        self.endpoint = found.endpoint
        self.port = found.port
    }

    /// The built `gamelift-local --port 0 arguments…`, its output in `workspace` under `name`.
    public static func gameLiftLocal(
        _ arguments: [String], workspace: Workspace, name: String = "gamelift-local", timeout: Double = 60
    ) async throws -> EmulatorServer {
        try await EmulatorServer(
            executable: try BuiltBinaries.require("gamelift-local"), arguments: ["--port", "0"] + arguments,
            workspace: workspace, name: name, timeout: timeout)
    }

    /// SIGKILL and reap at once: cleanup for a `defer`, where nothing is awaited and the state file does not
    /// matter.
    public func kill() { child.kill() }

    /// SIGTERM (a graceful stop: the state file is complete), then waits; SIGKILL after a deadline. Returns
    /// the exit status, `nil` when it had to be killed.
    @discardableResult
    public func stop() async -> Int32? {
        if child.isRunning { child.process.terminate() }
        return await child.wait(timeout: 60)
    }
}
