import Foundation
import GameLiftAPI
import GameLiftAWS
import Logging

/// Real AWS GameLift: settings and credentials resolved the way AWS tools resolve them.
enum AWSBackend {
    struct Opened {
        var gameLift: any GameLift
        var defaultRegion: String?
        var retryPolicy: RetryPolicy
        var shutdown: @Sendable () async -> Void
    }

    static func open(
        profile: String?, region: String?, endpointURL: String?, debug: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Opened {
        let settings = try Self.settings(
            profile: profile, region: region, endpointURL: endpointURL, environment: environment)
        StandardErrorLogging.bootstrap()
        var logger = Logger(label: "fleetform.gamelift")
        logger.logLevel = debug ? .debug : .warning
        let client = AWSGameLift.standard(settings: settings, environment: environment, logger: logger)
        // Resolve credentials once, up front: a missing or broken credential source is one clear error,
        // not the same error repeated for every fleet.
        do {
            _ = try await client.credentials.credentials()
        } catch {
            try? await client.shutdown()
            throw ConnectionError("\(error)")
        }
        return Opened(
            gameLift: client, defaultRegion: settings.defaultRegion, retryPolicy: settings.retryPolicy(),
            shutdown: { try? await client.shutdown() })
    }
}

extension AWSBackend {
    /// Settings from flags, environment and the AWS config files: local reads only, no network.
    static func settings(
        profile: String?, region: String?, endpointURL: String?, environment: [String: String]
    ) throws -> AWSSettings {
        try AWSSettings.resolve(
            profile: profile, region: region, endpointURL: endpointURL, environment: environment,
            homeDirectory: environment["HOME"] ?? NSHomeDirectory())
    }
}
