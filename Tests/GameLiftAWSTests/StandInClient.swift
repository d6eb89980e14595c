import AsyncHTTPClient
import Foundation
import GameLiftAPI
import Logging
import SigV4

@testable import GameLiftAWS

/// Runs `body` with the standard client (the CLI's chain) over `environment` and `home`, signing at the
/// stand-in's clock; instance metadata and container endpoints point at closed local ports.
func withStandardClient<T: Sendable>(
    environment: [String: String], home: String, profile: String? = nil, mfaCode: MFACodeProvider? = nil,
    now: @escaping @Sendable () -> Date = { AWSStandIn.signingNow },
    _ body: (AWSGameLift, DefaultCredentialChain) async throws -> T
) async throws -> T {
    let settings = try AWSSettings.resolve(profile: profile, environment: environment, homeDirectory: home)
    let transport = try AWSTransport(settings: settings)
    let chain = DefaultCredentialChain(
        settings: settings, environment: environment, transport: transport,
        endpoints: CredentialEndpoints(containerBase: "http://127.0.0.1:1", instanceMetadata: "http://127.0.0.1:1"),
        now: now, sleep: { _ in }, mfaCode: mfaCode)
    let client = AWSGameLift(
        settings: settings, credentials: chain, logger: Logger(label: "test"), transport: transport, now: now)
    do {
        let value = try await body(client, chain)
        try await client.shutdown()
        return value
    } catch {
        try await client.shutdown()
        throw error
    }
}
