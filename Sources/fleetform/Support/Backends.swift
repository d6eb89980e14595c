import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftAWS
import GameLiftSimulation
import Logging

/// The embedded local GameLift (`--local`): the simulation over a state file.
enum LocalBackend {
    static let defaultStatePath = ".fleetform/local/gamelift.json"

    struct Opened {
        var gameLift: any GameLift
        var defaultRegion: String?
    }

    static func open(
        statePath: String, seedPath: String?, faultsPath: String?, defaultRegion: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Opened {
        let faults = try faultsPath.map(FaultPlan.load(path:)) ?? .none
        let simulation = try GameLiftSimulation.open(stateFile: statePath, seedFile: seedPath, faults: faults)
        return Opened(
            gameLift: simulation, defaultRegion: Self.defaultRegion(flag: defaultRegion, environment: environment))
    }

    /// `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`.
    static func defaultRegion(flag: String?, environment: [String: String]) -> String? {
        flag ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
    }
}

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

    static func open(
        profile: String?, region: String?, endpointURL: String?, debug: Bool, timeouts: (Double?, Double?),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Opened {
        let settings = try Self.settings(
            profile: profile, region: region, endpointURL: endpointURL, environment: environment, timeouts: timeouts)
        StandardErrorLogging.bootstrap()
        var logger = Logger(label: "fleetform.gamelift")
        logger.logLevel = debug ? .debug : .warning
        let client: AWSGameLift
        do {
            client = try AWSGameLift.standard(
                settings: settings, environment: environment, logger: logger, mfaCode: TerminalMFAPrompt.provider())
        } catch {
            throw CLIError("\(error)")
        }
        // Resolve credentials once, up front: a missing or broken credential source is one clear error,
        // not the same error repeated for every fleet.
        do {
            _ = try await client.credentials.credentials()
        } catch {
            try? await client.shutdown()
            throw CLIError("\(error)")
        }
        let source = await (client.credentials as? DefaultCredentialChain)?.sourceName
        return Opened(
            gameLift: client, identity: client, defaultRegion: settings.defaultRegion,
            retryPolicy: settings.retryPolicy(), credentialSource: source, shutdown: { try? await client.shutdown() })
    }
}

extension AWSBackend {
    /// Settings from flags, environment and the AWS config files: local reads only, no network.
    static func settings(
        profile: String?, region: String?, endpointURL: String?, environment: [String: String],
        timeouts: (Double?, Double?) = (nil, nil)
    ) throws -> AWSSettings {
        try AWSSettings.resolve(
            profile: profile, region: region, endpointURL: endpointURL, environment: environment,
            homeDirectory: environment["HOME"] ?? NSHomeDirectory(), connectTimeout: timeouts.0,
            readTimeout: timeouts.1, toolVersion: FleetformVersion.current)
    }
}

/// Sends swift-log output to standard error (swift-log's default is standard output, which belongs to
/// plans and reports). Bootstrapping twice is a crash in swift-log, so it happens once per process.
enum StandardErrorLogging {
    private static let once: Void = LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    static func bootstrap() { once }
}

/// An error a command reports as `error: <message>`.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
