import Foundation
import GameLiftAPI
import GameLiftSimulation

/// The fleets of the plan/apply benchmark: for fleet number `i`, a desired configuration (written as a fleet
/// file) and a live one (seeded into the emulator) that differs from it, with a build whose files contain
/// every launch path, so every fleet plans as an update and applies cleanly. Deterministic in `i`.
struct DriftedFleets {
    var count: Int
    var region = "us-west-2"

    private static let executables = ["bin/ArenaServer", "bin/LobbyServer", "royale/RoyaleServer", "bin/BotServer"]
    private static let modes = ["ranked", "casual", "bots", "custom", "training"]

    /// `fleet-0000002a-…`: unique per number, valid under SPEC §2.
    static func fleetId(_ number: Int) -> String {
        String(format: "fleet-%08x-%04x-4%03x-8%03x-%012x", number, number % 0xFFFF, number % 0xFFF, 7, number)
    }

    /// What the fleet file asks for: 1–3 processes, both activation settings managed.
    func desired(_ number: Int) -> RuntimeConfiguration {
        let processes = (0...(number % 3)).map { slot in
            ServerProcess(
                launchPath: "/local/game/\(Self.executables[(number + slot) % Self.executables.count])",
                parameters: "-port \(7777 + slot) -mode \(Self.modes[slot % Self.modes.count])",
                concurrentExecutions: 2 + (number + slot) % 6)
        }
        return RuntimeConfiguration(
            serverProcesses: processes, maxConcurrentGameSessionActivations: 2,
            gameSessionActivationTimeoutSeconds: 300)
    }

    /// What the fleet runs now: the first process at another concurrency, the last one missing (when there
    /// are several), a shorter activation timeout.
    func live(_ number: Int) -> RuntimeConfiguration {
        var configuration = desired(number)
        var processes = configuration.serverProcesses ?? []
        if processes.count > 1 { processes.removeLast() }
        processes[0].concurrentExecutions += 1
        configuration.serverProcesses = processes
        configuration.gameSessionActivationTimeoutSeconds = 120
        return configuration
    }

    /// The emulator's starting state: every fleet ACTIVE, its build holding every executable.
    func seedState() -> SimulationState {
        let files = Self.executables + ["bin/libaws-cpp-sdk-gamelift-server.so"]
        let fleets = (0..<count).map { number in
            SimulatedFleet(
                fleetId: Self.fleetId(number), region: region, buildId: "build-bench", buildFiles: files,
                runtimeConfiguration: live(number))
        }
        return SimulationState(fleets: fleets)
    }

    /// Writes the fleet files (`documentsPerFile` documents each) under `directory`; returns their paths.
    @discardableResult
    func writeFiles(to directory: String, documentsPerFile: Int = 10) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for start in stride(from: 0, to: count, by: documentsPerFile) {
            let text = (start..<min(count, start + documentsPerFile)).map(document).joined(separator: "---\n")
            let path = "\(directory)/fleets-\(String(format: "%06d", paths.count)).yaml"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        return paths
    }

    /// One fleet document in the fleet-file format (SPEC §1).
    func document(_ number: Int) -> String {
        let configuration = desired(number)
        var text = "FleetId: \(Self.fleetId(number))\nRegion: \(region)\nRuntimeConfiguration:\n  ServerProcesses:\n"
        for process in configuration.serverProcesses ?? [] {
            text += "    - LaunchPath: \(process.launchPath)\n"
            text += "      Parameters: \"\(process.parameters ?? "")\"\n"
            text += "      ConcurrentExecutions: \(process.concurrentExecutions)\n"
        }
        if let limit = configuration.maxConcurrentGameSessionActivations {
            text += "  MaxConcurrentGameSessionActivations: \(limit)\n"
        }
        if let timeout = configuration.gameSessionActivationTimeoutSeconds {
            text += "  GameSessionActivationTimeoutSeconds: \(timeout)\n"
        }
        return text
    }
}
