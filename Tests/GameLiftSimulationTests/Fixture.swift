import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

/// Fleets, configurations and simulations on a virtual clock, for the tests.
enum Fixture {
    static let account = "123456789012"
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let arena = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
    static let lobby = "fleet-7a0d5c14-93be-4f2a-b6e1-0c8d2e4f6a71"
    static let other = "fleet-c3e9b2d0-58f1-4a6c-9d27-e4b1f0a83c55"

    static func arn(_ id: String, region: String = "us-west-2") -> String {
        "arn:aws:gamelift:\(region):\(account):fleet/\(id)"
    }

    static func configuration(
        _ processes: [(String, String?, Int)] = [("/local/game/bin/ArenaServer", "-port 7777", 4)],
        max: Int? = 2, timeout: Int? = 300
    ) -> RuntimeConfiguration {
        RuntimeConfiguration(
            serverProcesses: processes.map {
                ServerProcess(launchPath: $0.0, parameters: $0.1, concurrentExecutions: $0.2)
            },
            maxConcurrentGameSessionActivations: max, gameSessionActivationTimeoutSeconds: timeout)
    }

    static func fleet(
        _ id: String = arena, region: String = "us-west-2", os: OperatingSystem = .amazonLinux2023,
        status: FleetStatus = .active, files: [String]? = ["bin/ArenaServer", "bin/BotServer"],
        configuration: RuntimeConfiguration = configuration(), events: [FleetEvent] = [], hold: StatusHold? = nil,
        behaviour: FleetBehaviour? = nil
    ) -> SimulatedFleet {
        SimulatedFleet(
            fleetId: id, region: region, status: status, operatingSystem: os, buildId: "build-1234",
            buildFiles: files, runtimeConfiguration: configuration, events: events, hold: hold, behaviour: behaviour)
    }

    static func state(_ fleets: [SimulatedFleet] = [fleet()]) -> SimulationState {
        SimulationState(account: account, fleets: fleets)
    }

    /// A simulation on a virtual clock starting at `start`.
    static func simulation(
        _ fleets: [SimulatedFleet] = [fleet()], faults: FaultPlan = .none, seed: UInt64 = 7
    ) -> (GameLiftSimulation, VirtualClock) {
        let clock = VirtualClock()
        let simulation = GameLiftSimulation(
            state: state(fleets), faults: faults, seed: seed, clock: SimulationClock(virtual: clock, startingAt: start))
        return (simulation, clock)
    }

    static func update(_ id: String = arena, _ configuration: RuntimeConfiguration = configuration())
        -> UpdateRuntimeConfigurationInput
    {
        UpdateRuntimeConfigurationInput(fleetId: id, runtimeConfiguration: configuration)
    }

    /// A temporary folder removed when the test ends.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The service error a call throws, or nil when it succeeds or throws something else.
func serviceError<T>(_ call: () async throws -> T) async -> GameLiftServiceError? {
    do {
        _ = try await call()
        return nil
    } catch let error as GameLiftServiceError {
        return error
    } catch {
        return nil
    }
}
