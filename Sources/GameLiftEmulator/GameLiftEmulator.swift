import Foundation
import GameLiftAPI
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// GameLift served over HTTP: any `GameLift` backend (usually the simulation) behind GameLift's own wire
/// protocols, so fleetform's AWS client, the AWS CLI and SDK scripts can all be pointed at it.
public struct GameLiftEmulator: Sendable {
    public let backend: any GameLift
    public let options: EmulatorOptions
    public let logger: Logger

    /// An emulator serving `backend`; nothing listens until `start()`, `makeApplication` or `runUntilSignalled`.
    public init(backend: any GameLift, options: EmulatorOptions = EmulatorOptions(), logger: Logger) {
        self.backend = backend
        self.options = options
        self.logger = logger
    }

    /// The Hummingbird application. `onListening` receives the bound port once the server accepts connections.
    public func makeApplication(
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = EmulatorResponder(backend: backend, options: options, logger: logger)
        var serverLogger = logger
        // Hummingbird's own lines (server started, connection errors) only at warning and above: the emulator
        // writes one line per request itself.
        serverLogger.logLevel = max(logger.logLevel, .warning)
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(options.host, port: options.port), serverName: "gamelift-local"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: serverLogger)
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully and returns.
    public func runUntilSignalled(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onListening: onListening).runService()
    }

    /// Starts serving in a background task and returns once the port is bound: what tests and benchmarks use.
    public func start() async throws -> RunningEmulator {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = makeApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: app.logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            // The task's error says why the server did not start (e.g. the port is taken).
            try await task.value
            throw EmulatorStartError(message: "the server stopped before listening on \(options.host):\(options.port)")
        }
        return RunningEmulator(host: options.host, port: port, group: group, task: task)
    }
}

/// A server started with `GameLiftEmulator.start()`; `stop()` shuts it down.
public struct RunningEmulator: Sendable {
    /// The address it listens on.
    public let host: String
    /// The bound port (the real one when 0 was asked for).
    public let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// `http://<host>:<port>`, the value for `--endpoint-url` or `AWS_ENDPOINT_URL_GAMELIFT`.
    public var endpoint: URL {
        URL(string: "http://\(host.contains(":") ? "[\(host)]" : host):\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Shuts the server down gracefully (requests in flight are answered) and waits until its socket is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The server could not start listening.
public struct EmulatorStartError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
