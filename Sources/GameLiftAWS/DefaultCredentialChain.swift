import AsyncHTTPClient
import Foundation
import GameLiftAPI
import SigV4

/// The standard chain, in botocore's order: environment keys, environment web identity, the profile (assume
/// role, web identity, SSO, keys, `credential_process`), container, instance metadata — the first that
/// applies wins. A profile named with the caller's profile setting (`--profile`) leaves out the two environment
/// sources, as the AWS CLI does.
///
/// Composed as soto-core composes its providers: `CredentialSelector` picks the source, `CredentialRetry` retries
/// a refresh that fails transiently, `RotatingCredentials` caches and refreshes within botocore's windows
/// (docs/aws.md, "Refresh").
public struct DefaultCredentialChain: AWSCredentialsProvider {
    public let sources: [any CredentialSource]
    private let rotating: RotatingCredentials
    /// botocore's windows: 15 and 10 minutes before expiry.
    public static let advisoryWindow: TimeInterval = 15 * 60
    public static let mandatoryWindow: TimeInterval = 10 * 60
    /// Tries per refresh when the failures are transient.
    public static let refreshAttempts = 3

    /// The chain over explicit sources, in order. `sleep` waits between refresh retries (tests inject one).
    public init(
        sources: [any CredentialSource], now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.sources = sources
        let selector = CredentialSelector(sources: sources)
        let retry = CredentialRetry(attempts: Self.refreshAttempts, sleep: sleep)
        self.rotating = RotatingCredentials(
            advisoryWindow: Self.advisoryWindow, mandatoryWindow: Self.mandatoryWindow, now: now
        ) { preferred in
            let selected = try await retry.run { try await selector.select(preferred: preferred) }
            if let expiration = selected.credentials.expiration, expiration <= now() {
                throw CredentialsError(
                    source: sources[selected.sourceIndex].name,
                    message: "the refreshed credentials are already expired (at \(expiration))")
            }
            return selected
        }
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
    public var sourceName: String? {
        get async { await rotating.sourceIndex.map { sources[$0].name } }
    }

    /// The last refresh that failed while the current credentials were still usable (for `--debug`).
    public var lastRefreshFailure: String? {
        get async { await rotating.lastRefreshFailure }
    }

    /// The current credentials (`RotatingCredentials`): cached while fresh, refreshed near expiry.
    public func credentials() async throws -> AWSCredentials { try await rotating.credentials() }
}
