import FleetformTesting
import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI

/// Fleet documents and live fleets shared by the core tests.
enum Fixture {
    static let arena = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
    static let lobby = "fleet-7d0e9b21-3c4d-4e5f-a012-3456789abcde"
    static let raid = "fleet-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

    static let ranked = ServerProcess(
        launchPath: "/local/game/bin/ArenaServer", parameters: "-port 7777 -mode ranked", concurrentExecutions: 8)
    static let casual = ServerProcess(
        launchPath: "/local/game/bin/ArenaServer", parameters: "-port 7778 -mode casual", concurrentExecutions: 4)

    static func document(
        _ fleetId: String, region: String = "us-west-2", path: String = "fleets/prod/arena.yaml", line: Int = 1,
        _ configuration: RuntimeConfiguration
    ) -> FleetDocument {
        FleetDocument(
            fleetIdOrArn: fleetId, fleetId: fleetId, region: region, runtimeConfiguration: configuration,
            location: SourceLocation(path: path, line: line, column: 1))
    }

    /// The README's example plan ("What a plan looks like"): one process changes, one is added, the timeout changes.
    static var specDesired: FleetDocument {
        document(
            arena,
            RuntimeConfiguration(
                serverProcesses: [ranked, casual], maxConcurrentGameSessionActivations: 4,
                gameSessionActivationTimeoutSeconds: 300))
    }

    static var specLive: RuntimeConfiguration {
        var r = ranked
        r.concurrentExecutions = 4
        return RuntimeConfiguration(
            serverProcesses: [r], maxConcurrentGameSessionActivations: 4, gameSessionActivationTimeoutSeconds: 120)
    }

    /// Three fleets: arena changes, lobby and raid are already right unless `alsoChanging` names them (by index:
    /// 1 lobby, 2 raid), whose activation timeout then changes too.
    static func threeFleets(alsoChanging: Set<Int> = []) -> ([FleetDocument], ScriptedGameLift) {
        let same = RuntimeConfiguration(
            serverProcesses: [casual], maxConcurrentGameSessionActivations: 2, gameSessionActivationTimeoutSeconds: 60)
        var docs = [
            specDesired,
            document(lobby, path: "fleets/prod/lobby.yaml", same),
            document(raid, region: "eu-west-1", path: "fleets/prod/raid.yaml", same),
        ]
        for index in alsoChanging { docs[index].runtimeConfiguration.gameSessionActivationTimeoutSeconds = 90 }
        let gameLift = ScriptedGameLift([
            arena: .init(region: "us-west-2", configuration: specLive),
            lobby: .init(region: "us-west-2", configuration: same),
            raid: .init(region: "eu-west-1", configuration: same),
        ])
        return (docs, gameLift)
    }

    static let date = Date(timeIntervalSince1970: 1_795_000_000)

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "fleetform-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
