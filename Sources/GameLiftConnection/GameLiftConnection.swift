import Foundation
import GameLiftAPI
import GameLiftSimulation

/// A ready-to-use GameLift (the local simulation or AWS), wrapped in the resilience layer, plus what the
/// commands need around it: the default region and a clean shutdown.
public struct GameLiftConnection: Sendable {
    public private(set) var gameLift: ResilientGameLift
    /// The region for fleets that name none, resolved the way the backend resolves it.
    public let defaultRegion: String?
    /// Who the requests are made as: STS `GetCallerIdentity` on AWS, the seeded account locally.
    public private(set) var identity: any IdentityProviding
    private let shutdown: @Sendable () async -> Void
    private let proxyFailure: @Sendable () -> GameLiftTransportError?
    /// Locally, the simulation: an environment's connection acts as its account in it rather than opening another.
    private var simulation: GameLiftSimulation?
    private var settings: ConnectionSettings

    public func close() async { await shutdown() }

    /// Throws when no request of this run could get through the configured proxy: then every fleet failed for the
    /// same reason, and that one reason is the run's error (docs/aws.md, "Networks").
    public func requireReachable() throws {
        if let failure = proxyFailure() { throw ConnectionError(failure.message) }
    }

    /// The region for fleet files that name none, resolved the way the chosen backend resolves it, without
    /// any network access.
    public static func defaultRegion(_ settings: ConnectionSettings) throws -> String? {
        if settings.local { return settings.regionWithoutFiles }
        return try AWSBackend.settings(settings).defaultRegion
    }

    /// Opens the backend `settings` choose and wraps it in the resilience layer. With `debug`, a line for
    /// each request attempt and retry goes to `debugLog`.
    public static func open(
        _ settings: ConnectionSettings, debugLog: @escaping @Sendable (String) -> Void
    ) async throws -> GameLiftConnection {
        let stats = ResilienceStats()
        // The AWS client logs every request itself (with its attempt number); the local simulation has no
        // transport, so there the resilience layer's attempt lines stand in for it.
        let debug = settings.debug
        let showAttempts = settings.local
        let observe: @Sendable (ResilienceEvent) -> Void = { event in
            guard debug else { return }
            if case .attempt = event, !showAttempts { return }
            debugLog(DebugLine.describe(event))
        }
        if settings.local {
            let backend = try LocalBackend.open(
                statePath: settings.localState, seedPath: settings.localSeed, faultsPath: settings.localFaults,
                defaultRegion: settings.region, environment: settings.environment)
            let simulation = settings.localAccount.map { backend.simulation.acting(as: $0) } ?? backend.simulation
            let resilient = ResilientGameLift(base: simulation, policy: RetryPolicy(), stats: stats, observe: observe)
            return GameLiftConnection(
                gameLift: resilient, defaultRegion: backend.defaultRegion, identity: simulation, shutdown: {},
                proxyFailure: { nil }, simulation: backend.simulation, settings: settings)
        }
        // Everything the resilience layer is built from is resolved here, synchronously, and only the client comes
        // back from the `async` open (docs/architecture.md, "A compiler bug we work around").
        let aws = try AWSBackend.settings(settings)
        let policy = aws.retryPolicy
        let backend = try await AWSBackend.open(aws, connection: settings)
        let resilient = ResilientGameLift(base: backend.client, policy: policy, stats: stats, observe: observe)
        if debug {
            debugLog("debug: credentials from \(backend.credentialSource ?? "an unnamed source")")
            debugLog("debug: up to \(resilient.policy.maxAttempts) attempts per request")
        }
        let identity = RememberedIdentity(backend.client, policy: policy)
        if aws.network.httpsProxy != nil || aws.network.httpProxy != nil {
            // Try the proxy before anything is printed: a proxy that lets nothing through is the run's one error.
            _ = try? await identity.callerIdentity()
            if let failure = backend.client.proxyFailure {
                await backend.shutdown()
                throw ConnectionError(failure.message)
            }
        }
        return GameLiftConnection(
            gameLift: resilient, defaultRegion: aws.defaultRegion, identity: identity,
            shutdown: { await backend.shutdown() }, proxyFailure: { backend.client.proxyFailure }, simulation: nil,
            settings: settings)
    }

    /// A connection for one environment of `fleetform.yaml` (docs/policy.md, "Accounts"): on AWS, the run's
    /// settings with the environment's `profile`, or assuming its `role`, opened on their own; locally, the same
    /// simulation acting as `account` (the seed's accounts; no credentials are read). Close it like any other.
    public func environment(
        profile: String?, role: AssumedRole?, account: String?, debugLog: @escaping @Sendable (String) -> Void
    ) async throws -> GameLiftConnection {
        var settings = self.settings
        if let profile { settings.profile = profile }
        settings.role = role
        if let simulation {
            let account = account ?? role?.account
            let acting = account.map { simulation.acting(as: $0) } ?? simulation
            var connection = self
            connection.gameLift = ResilientGameLift(
                base: acting, policy: RetryPolicy(), stats: ResilienceStats(), observe: { _ in })
            connection.identity = role.map { LocalRoleSession(base: acting, role: $0) } ?? acting
            return connection
        }
        return try await Self.open(settings, debugLog: debugLog)
    }
}

/// Locally, an environment's `role_arn` as STS would name its session: `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`
/// (the simulation acting as the role's account answers for it; no credentials are read).
struct LocalRoleSession: IdentityProviding {
    let base: any IdentityProviding
    let role: AssumedRole

    func callerIdentity() async throws -> CallerIdentity {
        let identity = try await base.callerIdentity()
        let name = role.roleARN.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? "role"
        let session = role.sessionName ?? "fleetform"
        return CallerIdentity(
            account: identity.account, arn: "arn:aws:sts::\(identity.account):assumed-role/\(name)/\(session)",
            userId: "AROALOCAL:\(session)")
    }
}
