import ArgumentParser
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftEmulator
import GameLiftSimulation
import Logging

/// `fleetform-bench serve-emulator`: the emulator the plan/apply benchmark runs in a process of its own, so
/// the benchmark's peak memory and CPU are fleetform's alone. It serves an in-memory simulation seeded with
/// the benchmark's drifted fleets (no state file: persisting the state is the emulator's cost, not
/// fleetform's), throttling above `--throttle-rps` (per Region, or per Region and operation) and answering after
/// `--latency-ms`.
struct ServeEmulator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-emulator",
        abstract: "Serve the benchmark's fleets over HTTP on 127.0.0.1 (started by plan-apply).",
        shouldDisplay: false)

    @Option(help: "How many drifted fleets to seed.")
    var fleets: Int

    @Option(help: "Latency added to every call, in milliseconds.")
    var latencyMs: Double = 20

    @Option(help: "Throttle above this many requests per second (0: no throttling).")
    var throttleRps: Double = 200

    @Option(help: "Token-bucket burst of the throttle; default one second's worth.")
    var burst: Double?

    @Option(help: "What one token bucket covers: region (every operation of a Region) or operation.")
    var throttleScope: ThrottleRule.Scope = .region

    @Option(help: "Spread the fleets over this many Regions (1 to 5).")
    var regions = 1

    func validate() throws {
        guard (1...1_000_000).contains(fleets) else { throw ValidationError("--fleets must be 1 to 1,000,000") }
        guard (1...DriftedFleets.benchRegions.count).contains(regions) else {
            throw ValidationError("--regions must be 1 to \(DriftedFleets.benchRegions.count)")
        }
        guard latencyMs >= 0, throttleRps >= 0, latencyMs.isFinite, throttleRps.isFinite, burst?.isFinite ?? true else {
            throw ValidationError("latency and rate must be finite and not negative")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let faults = FaultPlan(
            throttle: throttleRps > 0
                ? ThrottleRule(requestsPerSecond: throttleRps, burst: burst, scope: throttleScope) : nil,
            rules: latencyMs > 0 ? [FaultRule(operation: "*", latencyMs: latencyMs)] : [])
        let drifted = DriftedFleets(count: fleets, regions: Array(DriftedFleets.benchRegions.prefix(regions)))
        let simulation = GameLiftSimulation(state: drifted.seedState(), faults: faults)
        var logger = Logger(label: "bench-emulator")
        logger.logLevel = .warning
        let emulator = GameLiftEmulator(backend: simulation, options: EmulatorOptions(port: 0), logger: logger)
        try await emulator.runUntilSignalled { port in
            FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
        }
    }
}

extension ThrottleRule.Scope: ExpressibleByArgument {}
