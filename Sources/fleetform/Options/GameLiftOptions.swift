import ArgumentParser
import FleetformCore
import Foundation
import GameLiftAPI

/// Where GameLift is: AWS (the default) or the embedded local simulation (`--local`).
struct GameLiftOptions: ParsableArguments {
    @Flag(help: "Use the embedded local GameLift simulation instead of AWS.")
    var local = false

    @Option(help: ArgumentHelp("The local GameLift's state file.", valueName: "file"))
    var localState: String = LocalBackend.defaultStatePath

    @Option(
        help: ArgumentHelp(
            "Create the local state from this seed when the state file does not exist yet.", valueName: "file"))
    var localSeed: String?

    @Option(help: ArgumentHelp("Inject faults into the local GameLift (a JSON fault plan).", valueName: "file"))
    var localFaults: String?

    @Option(
        help: "Default AWS region for fleets whose file names none (else AWS_REGION, AWS_DEFAULT_REGION, the profile).")
    var region: String?

    @Option(help: "AWS profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE).")
    var profile: String?

    @Option(
        help: ArgumentHelp(
            "GameLift endpoint (else AWS_ENDPOINT_URL_GAMELIFT, AWS_ENDPOINT_URL).", valueName: "url"))
    var endpointUrl: String?

    @Option(help: ArgumentHelp("Seconds to wait for a connection to AWS (default 10).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(
        help: ArgumentHelp("Seconds to wait for AWS to send data once connected (default 60).", valueName: "seconds"))
    var readTimeout: Double?

    @Flag(help: "Log every request (operation, status, attempt, request id) to standard error. Secrets are redacted.")
    var debug = false

    /// The region for fleet files that name none, resolved the way the chosen backend resolves it, without
    /// any network access.
    func defaultRegion(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        if local { return LocalBackend.defaultRegion(flag: region, environment: environment) }
        return try AWSBackend.settings(
            profile: profile, region: region, endpointURL: endpointUrl, environment: environment
        ).defaultRegion
    }

    /// Opens the chosen backend and wraps it in the resilience layer.
    func connect(console: Console) async throws -> Connection {
        let stats = ResilienceStats()
        // The AWS client logs every request itself (with its attempt number); the local simulation has no
        // transport, so there the resilience layer's attempt lines stand in for it.
        let debug = self.debug
        let showAttempts = local
        let observe: @Sendable (ResilienceEvent) -> Void = { event in
            guard debug else { return }
            if case .attempt = event, !showAttempts { return }
            console.err(DebugLine.describe(event))
        }
        if local {
            let backend = try LocalBackend.open(
                statePath: localState, seedPath: localSeed, faultsPath: localFaults, defaultRegion: region)
            let resilient = ResilientGameLift(
                base: backend.gameLift, policy: RetryPolicy(), stats: stats, observe: observe)
            return Connection(gameLift: resilient, defaultRegion: backend.defaultRegion, shutdown: {})
        }
        let backend = try await AWSBackend.open(
            profile: profile, region: region, endpointURL: endpointUrl, debug: debug,
            timeouts: (connectTimeout, readTimeout))
        if debug { console.err("debug: credentials from \(backend.credentialSource ?? "an unnamed source")") }
        let resilient = ResilientGameLift(
            base: backend.gameLift, policy: backend.retryPolicy, stats: stats, observe: observe)
        return Connection(gameLift: resilient, defaultRegion: backend.defaultRegion, shutdown: backend.shutdown)
    }
}

extension GameLiftOptions {
    /// Connects, runs a command's body, closes the connection, and exits with the status the body chose.
    func withConnection(
        noColor: Bool, _ body: (Connection, Console) async -> ExitStatus
    ) async throws {
        let console = Console(noColor: noColor)
        let connection = try await connect(console: console)
        let status = await body(connection, console)
        await connection.close()
        throw ExitCode(status.rawValue)
    }
}

/// `--debug` lines for what the resilience layer does.
enum DebugLine {
    static func describe(_ event: ResilienceEvent) -> String {
        switch event {
        case let .attempt(op, region, attempt):
            "debug: \(op.rawValue) \(region) attempt \(attempt)"
        case let .retry(op, region, attempt, code, delay):
            "debug: \(op.rawValue) \(region) attempt \(attempt) failed with \(code); retrying in \(String(format: "%.3f", delay))s"
        case let .throttled(op, region, rate):
            "debug: \(op.rawValue) \(region) throttled; rate limit now \(rate.map { String(format: "%.1f/s", $0) } ?? "unlimited")"
        case let .rateLimited(op, region, delay):
            "debug: \(op.rawValue) \(region) waiting \(String(format: "%.3f", delay))s for the rate limiter"
        case let .gaveUp(op, region, attempt, code):
            "debug: \(op.rawValue) \(region) gave up after attempt \(attempt): \(code)"
        }
    }
}
