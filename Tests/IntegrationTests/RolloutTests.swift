import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

/// Rollouts in waves (`apply --wave … --bake`), in process against the simulation on a virtual clock: a
/// 10-minute bake takes milliseconds.
@Suite("Rollouts in waves")
struct RolloutTests {
    static let canary = "fleet-ca0a0a0a-0000-4000-8000-000000000001"
    static let west = "fleet-ca0a0a0a-0000-4000-8000-000000000002"
    static let east = "fleet-ca0a0a0a-0000-4000-8000-000000000003"
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let before = RuntimeConfiguration(
        serverProcesses: [ServerProcess(launchPath: "/local/game/bin/ArenaServer", concurrentExecutions: 4)])
    static let bake = 600.0

    /// Three fleets, their files asking for 8 processes; `broken` fleets ask for a path the build lacks.
    struct World {
        let clock = VirtualClock()
        let simulation: GameLiftSimulation
        let recorder: ScriptedGameLift
        let gameLift: ResilientGameLift
        let workspace: Workspace
        let wallClock: @Sendable () -> Date

        init(behaviour: [String: FleetBehaviour] = [:], hold: [String: StatusHold] = [:]) throws {
            let fleets = [(canary, "us-west-2"), (west, "us-west-2"), (east, "us-east-1")].map { id, region in
                SimulatedFleet(
                    fleetId: id, region: region, buildId: "build-1", buildFiles: ["bin/ArenaServer"],
                    runtimeConfiguration: RolloutTests.before, hold: hold[id], behaviour: behaviour[id])
            }
            let simulationClock = SimulationClock(virtual: clock, startingAt: RolloutTests.start)
            simulation = GameLiftSimulation(state: SimulationState(fleets: fleets), seed: 7, clock: simulationClock)
            recorder = ScriptedGameLift(passingTo: simulation)
            gameLift = ResilientGameLift(base: recorder, timing: clock.timing)
            workspace = try Workspace("rollout")
            wallClock = simulationClock.now
        }

        func writeFiles(broken: Set<String> = []) throws {
            for (id, region) in [(canary, "us-west-2"), (west, "us-west-2"), (east, "us-east-1")] {
                try workspace.write(
                    "fleets/\(id == canary ? "canary" : region).yaml",
                    """
                    FleetId: \(id)
                    Region: \(region)
                    RuntimeConfiguration:
                      ServerProcesses:
                        - LaunchPath: /local/game/bin/\(broken.contains(id) ? "ArenaServr" : "ArenaServer")
                          ConcurrentExecutions: 8
                    """)
            }
        }

        func input() throws -> FleetInput {
            try FleetInput.load(paths: [workspace.file("fleets")], buildManifest: nil, defaultRegion: nil)
        }

        func rollout(
            _ waves: [String], rollback: Bool = true, continueOnHold: Bool = false,
            _ observer: any WorkflowObserver = SilentObserver()
        ) throws -> RolloutWorkflow {
            RolloutWorkflow(
                context: WorkflowContext(
                    gameLift: gameLift, identity: simulation, observer: observer, timing: clock.timing,
                    wallClock: wallClock),
                options: RolloutWorkflow.Options(
                    waves: try waves.map { text throws(SelectorError) in
                        try WaveSelector.parse(text, fileExists: { FileManager.default.fileExists(atPath: $0) })
                    },
                    bakeSeconds: RolloutTests.bake, continueOnHold: continueOnHold,
                    apply: ApplyWorkflow.Options(
                        journalPath: workspace.file("journal.jsonl"), rollbackOnFailure: rollback,
                        approval: .automatic, runId: "run-rollout", rollbackRunId: "run-rollback")))
        }

        func live(_ id: String, _ region: String) async throws -> RuntimeConfiguration? {
            try await simulation.send(
                DescribeRuntimeConfigurationInput(fleetId: id), region: region
            ).runtimeConfiguration
        }

        func updates(_ id: String) -> Int { recorder.calls(.updateRuntimeConfiguration).count { $0.fleetId == id } }
    }

    @Test("a bad canary halts the rollout: later waves untouched, the canary restored, exit 4")
    func badCanaryHalts() async throws {
        let world = try World()
        defer { world.workspace.remove() }
        try world.writeFiles(broken: [Self.canary])
        let recorder = WorkflowEventRecorder()
        let result = try await world.rollout([Self.canary, "region:us-west-2"], recorder).run(try world.input())

        #expect(result.status == .failureEvents)
        #expect(result.waves.map(\.result) == [.failed, .notStarted, .notStarted])
        #expect(result.waves.map { $0.wave.fleets.map(\.fleetId) } == [[Self.canary], [Self.west], [Self.east]])
        #expect(world.updates(Self.west) == 0)
        #expect(world.updates(Self.east) == 0)
        #expect(try await world.live(Self.canary, "us-west-2") == Self.before)
        let output = recorder.text(.output)
        #expect(output.contains("wave 1: failed"))
        #expect(output.contains("wave 3: not started"))
        #expect(output.contains("Rollout: 1 failed, 2 not started."), "\(output)")
        // Every wave is in the JSON document, those not started too.
        let json = try JSONSerialization.jsonObject(with: try ReportJSON.encoder().encode(result.jsonDocument))
        let waves = try #require((json as? [String: Any])?["waves"] as? [[String: Any]])
        #expect(waves.map { $0["result"] as? String } == ["failed", "notStarted", "notStarted"])
    }

    @Test("a canary crashing before the update keeps its good configuration, and the rollout completes (exit 0)")
    func crashingBeforeCompletes() async throws {
        let crashing = FleetBehaviour(
            ongoingFailure: OngoingFailure(
                code: .serverProcessCrashed, everySeconds: 15, since: Self.start.addingTimeInterval(-1_800)))
        let world = try World(behaviour: [Self.canary: crashing])
        defer { world.workspace.remove() }
        try world.writeFiles()
        let result = try await world.rollout(["1", "33%"]).run(try world.input())
        #expect(result.status == .success)
        #expect(result.waves.map(\.result) == [.healthy, .healthy, .healthy])
        #expect(result.waves.first?.run?.watch?.fleets.first?.alreadyFailing.isEmpty == false)
        for (id, region) in [(Self.canary, "us-west-2"), (Self.west, "us-west-2"), (Self.east, "us-east-1")] {
            #expect(try await world.live(id, region)?.serverProcesses?.first?.concurrentExecutions == 8)
        }
        // Three bakes of 10 minutes passed on the virtual clock.
        #expect(world.clock.now >= 3 * Self.bake)
    }

    @Test("a wave with a held fleet stops the rollout, unless --continue-on-hold")
    func heldWave() async throws {
        let held = [Self.canary: StatusHold(status: .error)]
        let stopping = try World(hold: held)
        defer { stopping.workspace.remove() }
        try stopping.writeFiles()
        let stopped = try await stopping.rollout([Self.canary]).run(try stopping.input())
        #expect(stopped.status == .held)
        #expect(stopped.waves.map(\.result) == [.held, .notStarted])
        #expect(stopping.updates(Self.west) == 0)

        let going = try World(hold: held)
        defer { going.workspace.remove() }
        try going.writeFiles()
        let went = try await going.rollout([Self.canary], continueOnHold: true).run(try going.input())
        #expect(went.status == .held)
        #expect(went.waves.map(\.result) == [.held, .healthy])
        #expect(try await going.live(Self.east, "us-east-1")?.serverProcesses?.first?.concurrentExecutions == 8)
    }

    @Test("re-running after a halt resumes: converged fleets are unchanged and fall out of the waves")
    func resumeAfterHalt() async throws {
        let world = try World()
        defer { world.workspace.remove() }
        try world.writeFiles(broken: [Self.west])
        let halted = try await world.rollout([Self.canary, Self.west]).run(try world.input())
        #expect(halted.waves.map(\.result) == [.healthy, .failed, .notStarted])

        try world.writeFiles()  // the fix is merged
        let resumed = try await world.rollout([Self.canary, Self.west]).run(try world.input())
        #expect(resumed.status == .success)
        #expect(resumed.waves.map { $0.wave.fleets.map(\.fleetId) } == [[Self.west], [Self.east]])
        #expect(resumed.plan?.fleets.first { $0.fleetId == Self.canary }?.action == .unchanged)
        #expect(world.updates(Self.canary) == 1)
    }

    @Test("plan --wave --out saves the waves; apply --plan follows them; a tampered wave is refused")
    func savedPlanWithWaves() async throws {
        let world = try World()
        defer { world.workspace.remove() }
        try world.writeFiles()
        let path = world.workspace.file("plan.json")
        var options = PlanWorkflow.Options(savePath: path)
        options.waves = [try WaveSelector.parse("region:us-east-1")]
        let planned = await PlanWorkflow(
            context: WorkflowContext(gameLift: world.gameLift, identity: world.simulation, timing: world.clock.timing),
            options: options
        ).run(try world.input())
        #expect(planned.plan?.waves?.map(\.selector) == ["region:us-east-1", "rest"])
        #expect(
            PlanTextRenderer().render(try #require(planned.plan)).contains(
                "wave 1 (region:us-east-1): fleet-ca0a0a0a… (us-east-1)"))

        let markdown = PlanMarkdownRenderer().render(try #require(planned.plan))
        #expect(markdown.contains("Rolled out in 2 waves"), "\(markdown)")
        #expect(markdown.contains("1. `region:us-east-1`: 1 fleet\n2. `rest`: 2 fleets"), "\(markdown)")

        let saved = try PlanFile.load(from: path)
        let result = try await world.rollout([]).roll(saved, waves: try #require(saved.waves))
        #expect(result.status == .success)
        #expect(result.waves.map { $0.wave.fleets.map(\.fleetId) } == [[Self.east], [Self.canary, Self.west]])
        #expect(world.recorder.calls(.updateRuntimeConfiguration).map(\.fleetId).first == Self.east)

        var tampered = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        tampered["waves"] = [
            [
                "selector": "x",
                "fleets": [["fleetId": "fleet-ca0a0a0a-0000-4000-8000-00000000dead", "region": "us-east-1"]],
            ]
        ]
        let data = try JSONSerialization.data(withJSONObject: tampered)
        #expect(throws: PlanFileError.self) { try PlanFileValidator.decode(data, path: "plan.json") }
    }
}
