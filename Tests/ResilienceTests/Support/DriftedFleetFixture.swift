import Foundation
import GameLiftAPI
import GameLiftSimulation

/// N fleets whose live configuration (in a seed state) differs from their fleet files, with builds that
/// hold every launch path, so each one plans as an update and applies cleanly.
struct DriftedFleetFixture {
    var count: Int
    var region = "us-west-2"

    private static let executables = ["bin/ArenaServer", "bin/LobbyServer", "royale/RoyaleServer"]

    static func fleetId(_ number: Int) -> String {
        String(format: "fleet-%08x-0000-4000-8000-%012x", number, number)
    }

    /// What fleet `number`'s file asks for.
    func desired(_ number: Int) -> RuntimeConfiguration {
        let processes = (0...(number % 3)).map { slot in
            ServerProcess(
                launchPath: "/local/game/\(Self.executables[(number + slot) % Self.executables.count])",
                parameters: "-port \(7777 + slot)", concurrentExecutions: 1 + (number + slot) % 5)
        }
        return RuntimeConfiguration(
            serverProcesses: processes, maxConcurrentGameSessionActivations: 2, gameSessionActivationTimeoutSeconds: 300
        )
    }

    /// What fleet `number` runs at first.
    func live(_ number: Int) -> RuntimeConfiguration {
        var configuration = desired(number)
        configuration.serverProcesses?[0].concurrentExecutions += 1
        configuration.gameSessionActivationTimeoutSeconds = 60 + number % 100
        return configuration
    }

    /// Writes the seed state and the fleet files (five documents a file) into `workspace`.
    func write(to workspace: Workspace) throws -> (seed: String, fleets: String) {
        let state = SimulationState(
            fleets: (0..<count).map { number in
                SimulatedFleet(
                    fleetId: Self.fleetId(number), region: region, buildId: "build-fixture",
                    buildFiles: Self.executables, runtimeConfiguration: live(number))
            })
        let seed = workspace.file("seed.json")
        try JSONEncoder().encode(state).write(to: URL(fileURLWithPath: seed))
        let folder = workspace.file("fleets")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for start in stride(from: 0, to: count, by: 5) {
            let text = (start..<min(count, start + 5)).map(document).joined(separator: "---\n")
            try text.write(toFile: "\(folder)/fleets-\(start / 5).yaml", atomically: false, encoding: .utf8)
        }
        return (seed, folder)
    }

    func document(_ number: Int) -> String {
        let configuration = desired(number)
        var text = "FleetId: \(Self.fleetId(number))\nRegion: \(region)\nRuntimeConfiguration:\n  ServerProcesses:\n"
        for process in configuration.serverProcesses ?? [] {
            text += "    - LaunchPath: \(process.launchPath)\n      Parameters: \"\(process.parameters ?? "")\"\n"
            text += "      ConcurrentExecutions: \(process.concurrentExecutions)\n"
        }
        text += "  MaxConcurrentGameSessionActivations: 2\n  GameSessionActivationTimeoutSeconds: 300\n"
        return text
    }

    /// Fleet id → configuration, read from a simulation state file (server stopped, or shared safely).
    static func liveConfigurations(stateFile: String) throws -> [String: RuntimeConfiguration] {
        let state = try GameLiftSimulation.open(stateFile: stateFile).snapshot()
        return Dictionary(state.fleets.map { ($0.fleetId, $0.runtimeConfiguration) }, uniquingKeysWith: { a, _ in a })
    }
}

extension RuntimeConfiguration {
    /// The configuration with its server processes in a fixed order: the list is a set (SPEC §1).
    var normalized: RuntimeConfiguration {
        var copy = self
        copy.serverProcesses = serverProcesses?.sorted { $0.key < $1.key }
        return copy
    }
}
