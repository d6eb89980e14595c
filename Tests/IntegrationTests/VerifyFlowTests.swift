import FleetformTesting
import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

/// The flow of `apply --watch --rollback-on-failure`, in process, against the real GameLift simulation on
/// a virtual clock: fleet file → plan → apply (journaled) → watch events → roll back from the journal.
struct SimulatedWorld {
    static let fleetId = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
    static let region = "us-west-2"
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let before = RuntimeConfiguration(
        serverProcesses: [
            ServerProcess(launchPath: "/local/game/bin/ArenaServer", parameters: "-port 7777", concurrentExecutions: 4)
        ],
        maxConcurrentGameSessionActivations: 2, gameSessionActivationTimeoutSeconds: 120)

    /// A fleet file asking for a launch path the fleet's build does not contain.
    static let brokenFile = """
        FleetId: \(fleetId)
        Region: \(region)
        RuntimeConfiguration:
          ServerProcesses:
            - LaunchPath: /local/game/bin/ArenaServr
              Parameters: "-port 7777"
              ConcurrentExecutions: 8
          MaxConcurrentGameSessionActivations: 2
          GameSessionActivationTimeoutSeconds: 300
        """

    let clock = VirtualClock()
    let simulation: GameLiftSimulation
    let recorder: ScriptedGameLift
    let gameLift: ResilientGameLift
    let journalPath: String
    let wallClock: @Sendable () -> Date

    init(behaviour: FleetBehaviour? = nil) {
        let fleet = SimulatedFleet(
            fleetId: Self.fleetId, region: Self.region, buildId: "build-1a2b3c4d",
            buildFiles: ["bin/ArenaServer", "bin/libgame.so"], runtimeConfiguration: Self.before, behaviour: behaviour)
        let simulationClock = SimulationClock(virtual: clock, startingAt: Self.start)
        simulation = GameLiftSimulation(state: SimulationState(fleets: [fleet]), seed: 42, clock: simulationClock)
        recorder = ScriptedGameLift(passingTo: simulation)
        gameLift = ResilientGameLift(base: recorder, timing: clock.timing)
        journalPath = NSTemporaryDirectory() + "fleetform-integration-\(UUID().uuidString)/journal.jsonl"
        wallClock = simulationClock.now
    }

    func load(_ text: String) -> FleetSet {
        FleetLoader.load(text: text, path: "fleets/arena.yaml", options: LoadOptions(defaultRegion: Self.region))
    }

    func plan(_ text: String, manifest: BuildManifest? = nil) async -> PlanResult {
        await LivePlanner(reader: LiveFleetReader(gameLift: gameLift), buildManifest: manifest, wallClock: wallClock)
            .plan(load(text))
    }

    func apply(_ plan: PlanDocument, run: String, cause: ApplyCause = .apply) async -> ApplyReport {
        await Applier(
            gameLift: gameLift, journal: Journal(path: journalPath),
            options: ApplyOptions(runId: run, cause: cause), timing: clock.timing, wallClock: wallClock
        ).apply(plan)
    }

    func watch(_ report: ApplyReport, seconds: Double = 120) async -> WatchReport {
        await Watcher(gameLift: gameLift, options: WatchOptions(duration: seconds), timing: clock.timing)
            .watch(WatchTarget.updated(in: report))
    }

    func live() async throws -> RuntimeConfiguration? {
        try await simulation.send(
            DescribeRuntimeConfigurationInput(fleetId: Self.fleetId), region: Self.region
        ).runtimeConfiguration
    }
}

@Suite("Verify after apply, end to end")
struct VerifyFlowTests {
    @Test("a launch path missing from the build: watching yields SERVER_PROCESS_INVALID_PATH and exit status 4")
    func watchFindsInvalidPath() async throws {
        let world = SimulatedWorld()
        let plan = try #require(await world.plan(SimulatedWorld.brokenFile).plan)
        let report = await world.apply(plan, run: "run-apply")
        #expect(report.outcomes.map(\.result) == [.updated])
        let updatedAt = try #require(report.outcomes.first?.updatedAt)

        let watched = await world.watch(report)
        let fleet = try #require(watched.fleets.first)
        let invalid = try #require(fleet.failures.first { $0.code == "SERVER_PROCESS_INVALID_PATH" })
        #expect(invalid.message?.contains("/local/game/bin/ArenaServr") == true)
        #expect(invalid.count == 8)
        #expect(invalid.logUrl?.hasPrefix("https://") == true)
        #expect(fleet.events.allSatisfy { $0.time >= updatedAt })
        #expect(ExitStatus.forApply(report, watch: watched) == .failureEvents)
        #expect(ExitStatus.forApply(report, watch: watched).rawValue == 4)
        #expect(WatchTextRenderer().render(watched).contains("SERVER_PROCESS_INVALID_PATH"))
    }

    @Test(
        "rollback on failure: the live configuration equals the one before the apply, the rollback is journaled, exit stays 4"
    )
    func rollbackOnFailure() async throws {
        let world = SimulatedWorld()
        #expect(try await world.live() == SimulatedWorld.before)
        let plan = try #require(await world.plan(SimulatedWorld.brokenFile).plan)
        let report = await world.apply(plan, run: "run-apply")
        let watched = await world.watch(report)
        #expect(watched.hasFailures)

        let failing = Set(watched.failingFleets.map(\.fleetId))
        let rollback = try await RollbackPlanner(
            reader: LiveFleetReader(gameLift: world.gameLift), wallClock: world.wallClock
        )
        .plan(journalPath: world.journalPath, selection: .run("run-apply", fleets: failing), force: false)
        #expect(rollback.refusals.isEmpty)
        let restored = await world.apply(rollback.plan, run: "run-rollback", cause: .rollback)
        #expect(restored.outcomes.map(\.result) == [.updated])

        #expect(try await world.live() == SimulatedWorld.before)
        let entries = try Journal.read(path: world.journalPath)
        let rollbackIntent = try #require(entries.first { $0.run == "run-rollback" && $0.kind == .intent })
        #expect(rollbackIntent.cause == "rollback")
        #expect(rollbackIntent.new == SimulatedWorld.before)
        #expect(rollbackIntent.previous == plan.fleets.first?.request?.runtimeConfiguration)
        #expect(entries.contains { $0.run == "run-rollback" && $0.kind == .result && $0.outcome == .updated })
        #expect(ExitStatus.forApply(report, watch: watched) == .failureEvents)

        // The restored configuration is healthy: watching the rollback finds no failure.
        let afterRollback = await world.watch(restored, seconds: 30)
        #expect(!afterRollback.hasFailures)
    }

    @Test("events follow the simulation's own NextToken pages: seven updates' events read two at a time")
    func eventsAcrossSimulationPages() async throws {
        let world = SimulatedWorld()
        // Each update of the broken file logs SERVER_PROCESS_INVALID_PATH: GameLift logs nothing for a healthy one.
        for (n, timeout) in [300, 200, 100, 300, 200, 100, 300].enumerated() {
            let file = SimulatedWorld.brokenFile.replacingOccurrences(of: "Seconds: 300", with: "Seconds: \(timeout)")
            let plan = try #require(await world.plan(file).plan)
            _ = await world.apply(plan, run: "run-\(n)")
            world.clock.advance(by: 60)
        }
        let query = EventQuery(
            fleet: SimulatedWorld.fleetId, region: SimulatedWorld.region, since: SimulatedWorld.start)
        let all = try await EventReader(gameLift: world.gameLift).read(query)
        let paged = try await EventReader(gameLift: world.gameLift, pageSize: 2).read(query)
        #expect(all.count >= 7)
        #expect(paged.map(\.eventId) == all.map(\.eventId))
        #expect(world.recorder.calls(.describeFleetEvents).count == 1 + (all.count + 1) / 2)
    }

    @Test("pre-flight: with the build's manifest, the missing launch path is flagged before any request is sent")
    func preflightFlagsMissingLaunchPath() async throws {
        let world = SimulatedWorld()
        let manifest = BuildManifest(files: ["bin/ArenaServer", "bin/libgame.so"])
        let result = await world.plan(SimulatedWorld.brokenFile, manifest: manifest)
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first { $0.code == .launchPathNotInBuild })
        #expect(diagnostic.message.contains("/local/game/bin/ArenaServr"))
        #expect(diagnostic.location?.path == "fleets/arena.yaml")
        #expect(world.recorder.calls(.updateRuntimeConfiguration).isEmpty)
        #expect(try await world.live() == SimulatedWorld.before)
    }

    @Test("the same file, fixed, passes the pre-flight and watching finds no failure")
    func healthyUpdate() async throws {
        let world = SimulatedWorld()
        let fixed = SimulatedWorld.brokenFile.replacingOccurrences(of: "ArenaServr", with: "ArenaServer")
        let manifest = BuildManifest(files: ["bin/ArenaServer"])
        let plan = try #require(await world.plan(fixed, manifest: manifest).plan)
        let report = await world.apply(plan, run: "run-ok")
        let watched = await world.watch(report, seconds: 30)
        #expect(!watched.hasFailures)
        // GameLift logs nothing for an update that works: the log was read to the end and stayed quiet.
        #expect(watched.fleets.first?.events.isEmpty == true)
        #expect(watched.fleets.first?.verified == true)
        #expect(ExitStatus.forApply(report, watch: watched) == .success)
    }
}
