import Foundation
import GameLiftAPI
import GameLiftAWS
import Logging

/// Real AWS GameLift: the client, built from settings resolved the way AWS tools resolve them, with its
/// credentials resolved once.
///
/// A class, and it carries no retry policy: the caller reads the policy from the settings it resolved itself,
/// synchronously. The struct this replaced came back from `open` (an `async` function) with its policy's
/// attempts never written in optimized builds, so no request was retried (docs/architecture.md, "A compiler bug
/// we work around").
final class AWSBackend: Sendable {
    let client: AWSGameLift
    /// The credential source's name (never its values), for `--debug`.
    let credentialSource: String?

    private init(client: AWSGameLift, credentialSource: String?) {
        self.client = client
        self.credentialSource = credentialSource
    }

    static func open(_ settings: AWSSettings, connection: ConnectionSettings) async throws -> AWSBackend {
        StandardErrorLogging.bootstrap()
        var logger = Logger(label: "fleetform.gamelift")
        logger.logLevel = connection.debug ? .debug : .warning
        let client: AWSGameLift
        do {
            let role = connection.role.map { role in
                STSClient.AssumeRoleParameters(
                    roleArn: role.roleARN,
                    sessionName: role.sessionName ?? "fleetform-\(Int(Date().timeIntervalSince1970))",
                    externalId: role.externalID, durationSeconds: role.durationSeconds)
            }
            client = try AWSGameLift.standard(
                settings: settings, environment: connection.environment, logger: logger,
                mfaCode: TerminalMFAPrompt.provider(), role: role)
        } catch {
            throw ConnectionError("\(error)")
        }
        // Resolve credentials once, up front: a missing or broken credential source is one clear error,
        // not the same error repeated for every fleet.
        do {
            _ = try await client.credentials.credentials()
        } catch {
            try? await client.shutdown()
            throw ConnectionError("\(error)")
        }
        let source = await (client.credentials as? DefaultCredentialChain)?.sourceName
        return AWSBackend(client: client, credentialSource: source)
    }

    /// Closes the client's pooled connections.
    func shutdown() async { try? await client.shutdown() }

    /// Settings from flags, environment and the AWS config files: local reads only, no network.
    static func settings(_ connection: ConnectionSettings) throws -> AWSSettings {
        let environment = connection.environment
        return try AWSSettings.resolve(
            profile: connection.profile, region: connection.region, endpointURL: connection.endpointURL,
            environment: environment, homeDirectory: environment["HOME"] ?? NSHomeDirectory(),
            connectTimeout: connection.connectTimeout, readTimeout: connection.readTimeout,
            toolVersion: connection.toolVersion)
    }
}
