import FleetformCore
import Foundation
import GameLiftAPI

/// The embedded local GameLift.
enum LocalBackend {
    static let defaultStatePath = ".fleetform/local/gamelift.json"

    struct Opened {
        var gameLift: any GameLift
        var defaultRegion: String?
    }

    static func open(statePath: String, seedPath: String?, faultsPath: String?, defaultRegion: String?) throws -> Opened {
        throw CLIError("the local GameLift is not wired yet")
    }
}

/// Real AWS GameLift.
enum AWSBackend {
    struct Opened {
        var gameLift: any GameLift
        var defaultRegion: String?
        var retryPolicy: RetryPolicy
        var shutdown: @Sendable () async -> Void
    }

    static func open(profile: String?, region: String?, endpointURL: String?, debug: Bool) async throws -> Opened {
        throw CLIError("the AWS client is not wired yet")
    }
}

/// An error a command reports as `error: <message>`.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
