import Foundation
import GameLiftAPI
import GameLiftAWS
import Logging

/// Real AWS GameLift: settings and credentials resolved the way AWS tools resolve them.
enum AWSBackend {
    struct Opened {
        var gameLift: any GameLift
        var identity: any IdentityProviding
        var defaultRegion: String?
        var retryPolicy: RetryPolicy
        /// The credential source's name (never its values), for `--debug`.
        var credentialSource: String?
        var shutdown: @Sendable () async -> Void
    }

    static func open(_ connection: ConnectionSettings) async throws -> Opened {
        let environment = connection.environment
        let settings = try Self.settings(connection)
        StandardErrorLogging.bootstrap()
        var logger = Logger(label: "fleetform.gamelift")
        logger.logLevel = connection.debug ? .debug : .warning
        let client: AWSGameLift
        do {
            client = try AWSGameLift.standard(
                settings: settings, environment: environment, logger: logger, mfaCode: TerminalMFAPrompt.provider())
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
        return Opened(
            gameLift: client, identity: client, defaultRegion: settings.defaultRegion,
            retryPolicy: settings.retryPolicy(), credentialSource: source, shutdown: { try? await client.shutdown() })
    }
}

extension AWSBackend {
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
