import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

/// `apply` counted request by request on the recording double: streamed with `--auto-approve` (one read per
/// fleet), and with a person or a saved plan between the read and the write (read again, stale refused).
@Suite("Streaming apply")
struct StreamingApplyTests {
    /// The double behind the resilience layer on a virtual clock, and a journal.
    struct World {
        let gameLift: ScriptedGameLift
        let docs: [FleetDocument]
        let clock = VirtualClock(random: [0.5])
        let journalPath = Fixture.temporaryDirectory() + "/journal.jsonl"

        init(alsoChanging: Set<Int> = []) {
            (docs, gameLift) = Fixture.threeFleets(alsoChanging: alsoChanging)
        }

        func context(_ observer: any WorkflowObserver = SilentObserver()) -> WorkflowContext {
            WorkflowContext(
                gameLift: ResilientGameLift(base: gameLift, policy: RetryPolicy(maxAttempts: 4), timing: clock.timing),
                observer: observer, timing: clock.timing, wallClock: { Fixture.date })
        }

        var input: FleetInput { FleetInput(fleets: FleetSet(documents: docs, diagnostics: [], fileCount: 3)) }

        func apply(
            _ approval: Approval, observer: any WorkflowObserver = SilentObserver(), failFast: Bool = false,
            reportsOutcomes: Bool = true
        ) async -> ApplyWorkflow.Result {
            var options = ApplyWorkflow.Options(
                failFast: failFast, journalPath: journalPath, approval: approval, runId: "run-stream")
            options.reportsOutcomes = reportsOutcomes
            return await ApplyWorkflow(context: context(observer), options: options).run(.files(input))
        }

        func reads(_ fleetId: String? = nil) -> Int {
            gameLift.calls(.describeRuntimeConfiguration).filter { fleetId == nil || $0.fleetId == fleetId }.count
        }

        func updates(_ fleetId: String? = nil) -> Int {
            gameLift.calls(.updateRuntimeConfiguration).filter { fleetId == nil || $0.fleetId == fleetId }.count
        }
    }

    @Test("--auto-approve: one DescribeRuntimeConfiguration per fleet, each changed fleet updated once")
    func oneReadPerFleet() async throws {
        let world = World(alsoChanging: [2])
        let result = await world.apply(.automatic)
        #expect(result.status == .success)
        #expect(result.apply?.outcomes.map(\.result) == [.updated, .unchanged, .updated])
        for fleet in [Fixture.arena, Fixture.lobby, Fixture.raid] { #expect(world.reads(fleet) == 1) }
        #expect(world.updates(Fixture.arena) == 1)
        #expect(world.updates(Fixture.raid) == 1)
        #expect(world.updates() == 2)
        // What was sent, and what it overwrote as the stream read it (a streamed apply keeps no plan, only its
        // summary and the report: docs/benchmarks.md, "Lean again").
        #expect(world.gameLift.configuration(Fixture.arena) == result.apply?.outcomes[0].applied)
        #expect(world.gameLift.configuration(Fixture.arena) == Fixture.specDesired.runtimeConfiguration)
        // The plan is the one a separate plan would have made, in the files' order.
        #expect(result.planSummary == PlanSummary([.update, .unchanged, .update]))
        #expect(result.plan == nil)
        #expect(result.apply?.outcomes.map(\.fleetId) == [Fixture.arena, Fixture.lobby, Fixture.raid])
        #expect(result.apply?.outcomes[0].previous == Fixture.specLive)
        // The journal holds, for each update, the configuration it overwrote (as read by the stream), then the result.
        let journal = try Journal.read(path: world.journalPath)
        #expect(journal.filter { $0.kind == .intent }.count == 2)
        #expect(journal.first { $0.fleetId == Fixture.arena && $0.kind == .intent }?.previous == Fixture.specLive)
        #expect(journal.filter { $0.kind == .result }.allSatisfy { $0.outcome == .updated })
    }

    @Test("--auto-approve printing text: the report keeps the counts alone, and the fleets are applied the same")
    func countsAlone() async throws {
        let world = World(alsoChanging: [2])
        let result = await world.apply(.automatic, reportsOutcomes: false)
        #expect(result.status == .success)
        #expect(result.apply?.outcomes == [])
        #expect(result.apply?.summary.updated == 2)
        #expect(result.apply?.summary.unchanged == 1)
        #expect(result.planSummary == PlanSummary([.update, .unchanged, .update]))
        #expect(world.updates() == 2)
        #expect(world.gameLift.configuration(Fixture.arena) == Fixture.specDesired.runtimeConfiguration)
        // A failure still decides the exit status from the counts.
        let failing = World()
        failing.gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [GameLiftServiceError(code: .invalidRequest, message: "no", httpStatus: 400)])
        let failed = await failing.apply(.automatic, reportsOutcomes: false)
        #expect(failed.apply?.summary.failed == 1)
        #expect(failed.status == .error)
        // A report that lists no fleet decodes to its counts.
        let decoded = try ReportJSON.decoder().decode(
            ApplyReport.self, from: try ReportJSON.encoder().encode(try #require(failed.apply)))
        #expect(decoded.summary == failed.apply?.summary)
    }

    @Test("--auto-approve: a read that fails and is retried costs its retry only")
    func readRetried() async throws {
        let world = World()
        world.gameLift.script(
            .describeRuntimeConfiguration, Fixture.arena,
            [GameLiftServiceError(code: .internalService, message: "boom", httpStatus: 500)])
        let result = await world.apply(.automatic)
        #expect(result.apply?.outcomes.map(\.result) == [.updated, .unchanged, .unchanged])
        #expect(world.reads(Fixture.arena) == 2)
        #expect(world.reads() == 4)
        #expect(world.updates() == 1)
    }

    @Test("--auto-approve: each fleet's plan is shown as it is decided, then the summaries")
    func planShownAsDecided() async throws {
        let world = World()
        let recorder = WorkflowEventRecorder()
        _ = await world.apply(.automatic, observer: recorder)
        let output = recorder.text(.output)
        let block = try #require(output.range(of: "~ fleet-2f1c3a9e… (us-west-2)  fleets/prod/arena.yaml:1"))
        let change = try #require(output.range(of: "    ~ GameSessionActivationTimeoutSeconds: 120 → 300"))
        let summary = try #require(output.range(of: "Plan: 1 to update, 2 unchanged, 0 held, 0 failed."))
        let applied = try #require(output.range(of: "Apply: 1 updated, 2 unchanged, 0 held, 0 failed."))
        #expect(block.upperBound < change.lowerBound)
        #expect(change.upperBound < summary.lowerBound)
        #expect(summary.upperBound < applied.lowerBound)
        // The fleet's lines come as one piece, never split by another fleet's.
        #expect(
            recorder.events.contains {
                if case .fleetPlanned(let fleet) = $0 { return fleet.fleetId == Fixture.arena }
                return false
            })
        #expect(!recorder.events.contains { if case .planReady = $0 { true } else { false } })
    }

    @Test("--auto-approve: a live check that fails stops before any runtime configuration is read")
    func liveCheckStopsStream() async throws {
        let world = World()
        var docs = world.docs
        docs[0].runtimeConfiguration.serverProcesses = [
            ServerProcess(launchPath: "C:\\game\\Arena.exe", parameters: nil, concurrentExecutions: 1)
        ]
        let result = await ApplyWorkflow(
            context: world.context(),
            options: ApplyWorkflow.Options(journalPath: world.journalPath, approval: .automatic, runId: "run-x")
        ).run(.files(FleetInput(fleets: FleetSet(documents: docs, diagnostics: [], fileCount: 3))))
        #expect(result.status == .error)
        #expect(result.apply == nil)
        #expect(world.reads() == 0)
        #expect(world.updates() == 0)
        #expect(!world.gameLift.calls(.describeFleetAttributes).isEmpty)
    }

    @Test("--auto-approve --fail-fast: after a failure, fleets still to update are not attempted, but still read")
    func failFastStream() async throws {
        let world = World(alsoChanging: [1, 2])
        world.gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [GameLiftServiceError(code: .invalidRequest, message: "no", httpStatus: 400)])
        let result = await ApplyWorkflow(
            context: world.context(),
            options: ApplyWorkflow.Options(
                parallelism: 1, failFast: true, journalPath: world.journalPath, approval: .automatic, runId: "run-ff")
        ).run(.files(world.input))
        #expect(result.apply?.outcomes.map(\.result) == [.failed, .failed, .failed])
        #expect(result.apply?.outcomes[1].detail?.hasPrefix("not attempted") == true)
        #expect(world.updates() == 1)
        #expect(world.reads() == 3)
    }

    @Test("interactive apply: a fleet changed while the person decided is read again and refused as stale")
    func interactiveRefusesStale() async throws {
        let world = World(alsoChanging: [2])
        var meanwhile = Fixture.specLive
        meanwhile.gameSessionActivationTimeoutSeconds = 555
        let clock = world.clock
        let gameLift = world.gameLift
        let changed = meanwhile
        let result = await world.apply(
            .ask { _ in
                gameLift.setConfiguration(Fixture.arena, changed)
                clock.advance(by: 30)  // a person takes longer than the fresh-read bound
                return true
            })
        #expect(result.status == .error)
        #expect(result.apply?.outcomes.first?.error?.code == "StalePlan")
        #expect(world.gameLift.configuration(Fixture.arena) == meanwhile)
        #expect(world.updates(Fixture.arena) == 0)
        // Both changed fleets were read twice (plan, then before the write); the unchanged one once.
        #expect(world.reads(Fixture.arena) == 2)
        #expect(world.reads(Fixture.raid) == 2)
        #expect(world.reads(Fixture.lobby) == 1)
        #expect(world.updates(Fixture.raid) == 1)
    }

    @Test("interactive apply approved within the fresh-read bound: the plan's read is used, not repeated")
    func interactiveFreshRead() async throws {
        let world = World()
        let clock = world.clock
        let result = await world.apply(
            .ask { _ in
                clock.advance(by: FleetUpdatePipeline.freshReadSeconds / 2)
                return true
            })
        #expect(result.status == .success)
        #expect(world.reads() == 3)
        #expect(world.updates() == 1)
    }

    @Test("a saved plan is always read again before the write, however young, and a changed fleet refused")
    func savedPlanRereads() async throws {
        let world = World()
        let planned = await PlanWorkflow(context: world.context(), options: PlanWorkflow.Options()).run(world.input)
        let plan = try #require(planned.plan)
        #expect(world.reads() == 3)
        let applied = await ApplyWorkflow(
            context: world.context(),
            options: ApplyWorkflow.Options(journalPath: world.journalPath, approval: .automatic, runId: "run-saved")
        ).run(.savedPlan(plan))
        #expect(applied.status == .success)
        #expect(world.reads(Fixture.arena) == 2)
        #expect(world.updates() == 1)

        var meanwhile = Fixture.specLive
        meanwhile.maxConcurrentGameSessionActivations = 1
        world.gameLift.setConfiguration(Fixture.arena, meanwhile)
        let stale = await ApplyWorkflow(
            context: world.context(),
            options: ApplyWorkflow.Options(journalPath: world.journalPath, approval: .automatic, runId: "run-stale")
        ).run(.savedPlan(plan))
        #expect(stale.apply?.outcomes.first?.error?.code == "StalePlan")
        #expect(world.gameLift.configuration(Fixture.arena) == meanwhile)
        #expect(world.updates() == 1)
    }
}
