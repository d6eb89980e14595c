import Foundation
import GameLiftAPI
import GameLiftSimulation

/// Fleets whose live configuration differs from their fleet files, for the plan/apply benchmark and the
/// tests that run whole applies: for fleet number `i`, a desired configuration (written as a fleet file) and a
/// live one (seeded into the simulation) that differs from it, with a build whose files contain every launch
/// path, so every fleet plans as an update and applies cleanly. Deterministic in `i`.
public struct DriftedFleets: Sendable {
    public var count: Int
    /// The fleets' Regions: fleet `i` is in `regions[i % regions.count]`.
    public var regions: [String]

    /// The Regions of the benchmark's multi-Region runs, in order.
    public static let benchRegions = ["us-west-2", "us-east-1", "eu-west-1", "eu-central-1", "ap-northeast-1"]

    public init(count: Int, region: String = "us-west-2") {
        self.init(count: count, regions: [region])
    }

    /// Fleets spread evenly over `regions` (a run with none uses us-west-2).
    public init(count: Int, regions: [String]) {
        self.count = count
        self.regions = regions.isEmpty ? ["us-west-2"] : regions
    }

    /// The first Region.
    public var region: String { regions[0] }

    /// The Region of fleet `number`.
    public func region(of number: Int) -> String { regions[number % regions.count] }

    /// How many fleets each Region holds.
    public var fleetsPerRegion: [String: Int] {
        var table: [String: Int] = [:]
        for number in 0..<max(0, count) { table[region(of: number), default: 0] += 1 }
        return table
    }

    private static let executables = ["bin/ArenaServer", "bin/LobbyServer", "royale/RoyaleServer", "bin/BotServer"]
    private static let modes = ["ranked", "casual", "bots", "custom", "training"]

    /// `fleet-0000002a-…`: unique per number, a valid fleet id (docs/fleet-files.md).
    public static func fleetId(_ number: Int) -> String {
        String(format: "fleet-%08x-%04x-4%03x-8%03x-%012x", number, number % 0xFFFF, number % 0xFFF, 7, number)
    }

    /// What the fleet file asks for: 1–3 processes, both activation settings managed.
    public func desired(_ number: Int) -> RuntimeConfiguration {
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
    public func live(_ number: Int) -> RuntimeConfiguration {
        var configuration = desired(number)
        var processes = configuration.serverProcesses ?? []
        if processes.count > 1 { processes.removeLast() }
        processes[0].concurrentExecutions += 1
        configuration.serverProcesses = processes
        configuration.gameSessionActivationTimeoutSeconds = 120
        return configuration
    }

    /// The emulator's starting state: every fleet ACTIVE, its build holding every executable.
    public func seedState() -> SimulationState {
        let files = Self.executables + ["bin/libaws-cpp-sdk-gamelift-server.so"]
        let fleets = (0..<count).map { number in
            SimulatedFleet(
                fleetId: Self.fleetId(number), region: region(of: number), buildId: "build-bench", buildFiles: files,
                runtimeConfiguration: live(number))
        }
        return SimulationState(fleets: fleets)
    }

    /// Writes the fleet files (`documentsPerFile` documents each) under `directory`; returns their paths.
    @discardableResult
    public func writeFiles(to directory: String, documentsPerFile: Int = 10) throws -> [String] {
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

    /// One fleet document in the fleet-file format (docs/fleet-files.md).
    public func document(_ number: Int) -> String {
        let configuration = desired(number)
        var text =
            "FleetId: \(Self.fleetId(number))\nRegion: \(region(of: number))\nRuntimeConfiguration:\n"
            + "  ServerProcesses:\n"
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

extension DriftedFleets {
    /// Writes the seed state and the fleet files (five documents a file) into `workspace`.
    public func write(to workspace: Workspace) throws -> (seed: String, fleets: String) {
        let seed = workspace.file("seed.json")
        try JSONEncoder().encode(seedState()).write(to: URL(fileURLWithPath: seed))
        let folder = workspace.file("fleets")
        try writeFiles(to: folder, documentsPerFile: 5)
        return (seed, folder)
    }

    /// Fleet id → configuration, read from a simulation state file (server stopped, or shared safely).
    public static func liveConfigurations(stateFile: String) throws -> [String: RuntimeConfiguration] {
        let state = try GameLiftSimulation.open(stateFile: stateFile).snapshot()
        return Dictionary(state.fleets.map { ($0.fleetId, $0.runtimeConfiguration) }, uniquingKeysWith: { a, _ in a })
    }
}

extension RuntimeConfiguration {
    /// The configuration with its server processes in a fixed order: the list is a set (docs/fleet-files.md).
    public var processesSorted: RuntimeConfiguration {
        var copy = self
        copy.serverProcesses = serverProcesses?.sorted { $0.key < $1.key }
        return copy
    }
}
