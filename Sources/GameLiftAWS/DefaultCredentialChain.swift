import AsyncHTTPClient
import Foundation
import GameLiftAPI
import SigV4

/// The standard chain, in botocore's order: environment keys, environment web identity, the profile (assume
/// role, web identity, SSO, keys, `credential_process`), container, instance metadata — the first that
/// applies wins. A profile named with `--profile` leaves out the two environment sources, as the AWS CLI does.
///
/// Temporary credentials are refreshed the way botocore refreshes them (see docs/aws.md, "Refresh"): within
/// `advisoryWindow` of expiry a refresh is tried, and if it fails the current credentials are kept and the
/// refresh is tried again on a later call; within `mandatoryWindow` a refresh must succeed. Transient refresh
/// errors (no answer, 5xx, throttling) are retried a few times first.
public actor DefaultCredentialChain: AWSCredentialsProvider {
    public nonisolated let sources: [any CredentialSource]
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) async throws -> Void
    /// botocore's windows: 15 and 10 minutes before expiry.
    public static let advisoryWindow: TimeInterval = 15 * 60
    public static let mandatoryWindow: TimeInterval = 10 * 60
    /// Tries per refresh when the failures are transient.
    public static let refreshAttempts = 3
    private var cached: (credentials: AWSCredentials, sourceIndex: Int)?
    private var inFlight: Task<(AWSCredentials, Int), any Error>?
    /// The last refresh that failed while the current credentials were still usable (for `--debug`).
    public private(set) var lastRefreshFailure: String?

    /// The chain over explicit sources, in order. `sleep` waits between refresh retries (tests inject one).
    public init(
        sources: [any CredentialSource], now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.sources = sources
        self.now = now
        self.sleep = sleep
    }

    /// The AWS-standard chain over one caller-owned `httpClient` (no proxy). `endpoints` moves the fixed
    /// link-local addresses (tests point them at 127.0.0.1).
    public init(
        settings: AWSSettings, environment: [String: String], httpClient: HTTPClient,
        endpoints: CredentialEndpoints = .aws, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        mfaCode: MFACodeProvider? = nil, processTimeout: Double = ProcessCredentialSource.defaultTimeout
    ) {
        self.init(
            settings: settings, environment: environment, transport: AWSTransport(client: httpClient),
            endpoints: endpoints, now: now, sleep: sleep, mfaCode: mfaCode, processTimeout: processTimeout)
    }

    /// The AWS-standard chain over `transport` (proxies and CA bundle applied).
    public init(
        settings: AWSSettings, environment: [String: String], transport: AWSTransport,
        endpoints: CredentialEndpoints = .aws, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        mfaCode: MFACodeProvider? = nil, processTimeout: Double = ProcessCredentialSource.defaultTimeout
    ) {
        let context = CredentialContext(
            settings: settings, environment: environment, transport: transport, endpoints: endpoints, now: now,
            mfaCode: mfaCode, processTimeout: processTimeout)
        var sources: [any CredentialSource] = []
        if !settings.profileIsExplicit {
            sources += [
                EnvironmentCredentialSource(environment: environment),
                WebIdentityCredentialSource(environment: environment, exchange: context.webIdentity),
            ]
        }
        sources += [
            ProfileCredentialSource(context: context),
            ContainerCredentialSource(environment: environment, transport: transport, endpoints: endpoints),
            InstanceMetadataCredentialSource(
                environment: environment, transport: transport, endpoints: endpoints,
                settings: settings.instanceMetadata),
        ]
        self.init(sources: sources, now: now, sleep: sleep)
    }

    /// The name of the source the current credentials came from, once resolved (for `--debug`).
    public var sourceName: String? { cached.map { sources[$0.sourceIndex].name } }

    /// The cached credentials while fresh; a refresh in the advisory window that fails keeps them; in the
    /// mandatory window (or with none yet) the chain's answer or its error.
    public func credentials() async throws -> AWSCredentials {
        if let cached {
            guard let expiration = cached.credentials.expiration else { return cached.credentials }
            let remaining = expiration.timeIntervalSince(now())
            if remaining > Self.advisoryWindow { return cached.credentials }
            if remaining > Self.mandatoryWindow {
                // Someone is already refreshing: do not wait for it while these are still good.
                if inFlight != nil { return cached.credentials }
                do {
                    return try await refresh()
                } catch {
                    lastRefreshFailure = "\(error)"
                    return cached.credentials
                }
            }
        }
        return try await refresh()
    }

    private func refresh() async throws -> AWSCredentials {
        if let inFlight { return try await inFlight.value.0 }
        let preferred = cached?.sourceIndex
        let task = Task { [sources, sleep] in
            var attempt = 1
            while true {
                do {
                    return try await Self.resolve(sources: sources, preferred: preferred)
                } catch  where Self.isTransient(error) && attempt < Self.refreshAttempts {
                    try await sleep(0.5 * Double(1 << (attempt - 1)))
                    attempt += 1
                }
            }
        }
        inFlight = task
        defer { inFlight = nil }
        let (credentials, index) = try await task.value
        if let expiration = credentials.expiration, expiration <= now() {
            throw CredentialsError(
                source: sources[index].name, message: "the refreshed credentials are already expired (at \(expiration))"
            )
        }
        cached = (credentials, index)
        lastRefreshFailure = nil
        return credentials
    }

    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? CredentialsError { return error.transient }
        return error is GameLiftTransportError
    }

    /// Asks the source that answered last time first (a refresh), then the whole chain in order.
    private static func resolve(sources: [any CredentialSource], preferred: Int?) async throws -> (AWSCredentials, Int)
    {
        if let preferred, case .found(let credentials) = try await sources[preferred].resolve() {
            return (credentials, preferred)
        }
        var tried: [NoCredentialsError.Attempt] = []
        for (index, source) in sources.enumerated() {
            switch try await source.resolve() {
            case .found(let credentials): return (credentials, index)
            case .notApplicable(let reason): tried.append(.init(source: source.name, reason: reason))
            }
        }
        throw NoCredentialsError(tried: tried)
    }
}
