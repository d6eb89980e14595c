import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

@testable import fleetform

/// The commands' workflows, called in process the way `fleetform` calls them, against the real simulation
/// on a virtual clock.
@Suite("Workflows in process")
struct WorkflowTests {
    static let fixedFile = SimulatedWorld.brokenFile.replacingOccurrences(of: "ArenaServr", with: "ArenaServer")

    func input(_ world: SimulatedWorld, _ text: String) throws -> FleetInput {
        let fleets = world.load(text)
        #expect(!fleets.diagnostics.hasErrors)
        return FleetInput(fleets: fleets)
    }

    func context(_ world: SimulatedWorld, _ observer: any WorkflowObserver = SilentObserver()) -> WorkflowContext {
        WorkflowContext(
            gameLift: world.gameLift, observer: observer, timing: world.clock.timing, wallClock: world.wallClock)
    }

    func applyOptions(_ world: SimulatedWorld, watch: Double? = nil, rollback: Bool = false) -> ApplyWorkflow.Options {
        ApplyWorkflow.Options(
            journalPath: world.journalPath, watchSeconds: watch, rollbackOnFailure: rollback, approval: .automatic,
            runId: "run-apply", rollbackRunId: "run-rollback")
    }

    /// A fleet whose server processes have crashed every 20 s for the last 15 minutes, whatever their
    /// configuration (a bug in the build).
    static let crashingBefore = FleetBehaviour(
        ongoingFailure: OngoingFailure(
            code: .serverProcessCrashed, everySeconds: 20, since: SimulatedWorld.start.addingTimeInterval(-900),
            message: "Server process exited without calling ProcessEnding() (exit code 139)."))

    @Test(
        "a fleet crashing before the update: a good configuration is not rolled back, and the watch says why (exit 0)")
    func alreadyFailingIsNotRolledBack() async throws {
        let world = SimulatedWorld(behaviour: Self.crashingBefore)
        let recorder = WorkflowEventRecorder()
        let result = await ApplyWorkflow(
            context: context(world, recorder), options: applyOptions(world, watch: 300, rollback: true)
        ).run(.files(try input(world, Self.fixedFile)))

        #expect(result.status == .success)
        let fleet = try #require(result.watch?.fleets.first)
        #expect(fleet.baseline?.failures["SERVER_PROCESS_CRASHED"] == 45)
        #expect(fleet.processes == ProcessCount(active: 8, instances: 1, expected: 8))
        #expect(fleet.failures.isEmpty)
        #expect(fleet.alreadyFailing.count >= 10)
        #expect(result.rollback == nil)
        #expect(try await world.live()?.serverProcesses?.first?.concurrentExecutions == 8)
        let output = recorder.text(.output) + recorder.text(.error)
        #expect(output.contains("already failing before the update: SERVER_PROCESS_CRASHED"), "\(output)")
        #expect(
            output.contains(
                "server processes at the end: 8 active of the 8 the new configuration runs on 1 instance (GameLift does not "
                    + "say which configuration each runs)"), "\(output)")
        #expect(!output.contains("Rolling back"))
    }

    @Test("a fleet crashing before the update: a broken launch path still counts and is rolled back (exit 4)")
    func newFailureOnCrashingFleetIsRolledBack() async throws {
        let world = SimulatedWorld(behaviour: Self.crashingBefore)
        let result = await ApplyWorkflow(
            context: context(world), options: applyOptions(world, watch: 300, rollback: true)
        ).run(.files(try input(world, SimulatedWorld.brokenFile)))
        #expect(result.status == .failureEvents)
        #expect(result.watch?.fleets.first?.failures.map(\.code) == ["SERVER_PROCESS_INVALID_PATH"])
        // The new path is not in the build: none of the 8 processes it asks for on the one instance is active.
        #expect(result.watch?.fleets.first?.processes == ProcessCount(active: 0, instances: 1, expected: 8))
        #expect(try await world.live() == SimulatedWorld.before)
    }

    @Test("processes replaced gradually: a broken path shows only when a new process starts; a 15-minute watch sees it")
    func gradualReplacement() async throws {
        let world = SimulatedWorld(behaviour: FleetBehaviour(processLifetimeSeconds: 600))
        let result = await ApplyWorkflow(
            context: context(world), options: applyOptions(world, watch: 900, rollback: true)
        ).run(.files(try input(world, SimulatedWorld.brokenFile)))
        #expect(result.status == .failureEvents)
        let fleet = try #require(result.watch?.fleets.first)
        let failure = try #require(fleet.failures.first)
        #expect(failure.code == "SERVER_PROCESS_INVALID_PATH")
        // Logged when the first old process ended and a new one was started: well after a one-minute watch.
        let after = failure.time.timeIntervalSince(fleet.since)
        #expect(after > 60 && after <= 603, "\(after)")
        #expect(try await world.live() == SimulatedWorld.before)
    }

    @Test("a watch shorter than GameLift's process start timeouts is warned about")
    func shortWatchWarns() async throws {
        let world = SimulatedWorld()
        let recorder = WorkflowEventRecorder()
        _ = await ApplyWorkflow(context: context(world, recorder), options: applyOptions(world, watch: 5))
            .run(.files(try input(world, Self.fixedFile)))
        #expect(recorder.text(.error).contains("a watch of 5s is shorter than the 10m GameLift may take"))
        let long = SimulatedWorld()
        let quiet = WorkflowEventRecorder()
        _ = await ApplyWorkflow(context: context(long, quiet), options: applyOptions(long, watch: 600))
            .run(.files(try input(long, Self.fixedFile)))
        #expect(!quiet.text(.error).contains("is shorter than"))
    }

    @Test("apply --watch --rollback-on-failure: updated, failure seen, restored from the journal, exit 4")
    func applyWatchRollback() async throws {
        let world = SimulatedWorld()
        let recorder = WorkflowEventRecorder()
        let workflow = ApplyWorkflow(
            context: context(world, recorder), options: applyOptions(world, watch: 120, rollback: true))
        let result = await workflow.run(.files(try input(world, SimulatedWorld.brokenFile)))

        #expect(result.status == .failureEvents)
        #expect(result.apply?.outcomes.map(\.result) == [.updated])
        let watched = try #require(result.watch)
        #expect(watched.failingFleets.map(\.fleetId) == [SimulatedWorld.fleetId])
        #expect(watched.fleets.first?.failures.contains { $0.code == "SERVER_PROCESS_INVALID_PATH" } == true)
        #expect(result.rollback?.report.outcomes.map(\.result) == [.updated])
        #expect(result.rollback?.plan.refusals.isEmpty == true)
        #expect(try await world.live() == SimulatedWorld.before)

        let entries = try Journal.read(path: world.journalPath)
        #expect(entries.filter { $0.kind == .intent }.map(\.run) == ["run-apply", "run-rollback"])
        #expect(entries.first { $0.run == "run-rollback" }?.cause == ApplyCause.rollback.rawValue)

        let errors = recorder.text(.error, names: Words.names)
        #expect(errors.contains("Watching 1 updated fleet for 2m…"))
        #expect(errors.contains("failure event  fleet-2f1c3a9e…: SERVER_PROCESS_INVALID_PATH"))
        #expect(errors.contains("Rolling back 1 failing fleet (--rollback-on-failure)…"))
        #expect(errors.contains("Failure events were seen after the update (exit 4); 1 fleet rolled back."))
        let output = recorder.text(.output)
        #expect(output.contains("Apply: 1 updated, 0 unchanged, 0 held, 0 failed."))
        #expect(output.contains("rollback updated  fleet-2f1c3a9e… (us-west-2)"))
        #expect(output.contains("Rollback: 1 updated, 0 unchanged, 0 held, 0 failed."))
        #expect(output.contains("Watch: 1 failing, 0 healthy, 0 unverified."))
    }

    @Test("apply --watch without rollback: the failure is reported, the new configuration stays, exit 4")
    func applyWatchWithoutRollback() async throws {
        let world = SimulatedWorld()
        let recorder = WorkflowEventRecorder()
        let result = await ApplyWorkflow(context: context(world, recorder), options: applyOptions(world, watch: 120))
            .run(.files(try input(world, SimulatedWorld.brokenFile)))
        #expect(result.status == .failureEvents)
        #expect(result.rollback == nil)
        #expect(try await world.live() != SimulatedWorld.before)
        #expect(recorder.text(.error).contains("Failure events were seen after the update (exit 4)."))
        #expect(try Journal.read(path: world.journalPath).allSatisfy { $0.run == "run-apply" })
    }

    @Test("plan --out, then apply --plan: the saved plan is applied exactly; planning again shows no changes")
    func planSaveApply() async throws {
        let world = SimulatedWorld()
        let planPath = NSTemporaryDirectory() + "fleetform-workflow-\(UUID().uuidString)/plan.json"
        let recorder = WorkflowEventRecorder()
        let planned = await PlanWorkflow(
            context: context(world, recorder), options: PlanWorkflow.Options(detailedExitCode: true, savePath: planPath)
        ).run(try input(world, Self.fixedFile))
        #expect(planned.status == .changesPending)
        #expect(recorder.text(.error).contains("Saved the plan to \(planPath)."))
        #expect(world.recorder.calls(.updateRuntimeConfiguration).isEmpty)

        let saved = try PlanFile.load(from: planPath)
        #expect(saved.fleets.map(\.request) == planned.plan?.fleets.map(\.request))
        let applied = await ApplyWorkflow(context: context(world), options: applyOptions(world)).run(.savedPlan(saved))
        #expect(applied.status == .success)
        #expect(applied.apply?.summary.updated == 1)
        #expect(try await world.live() == saved.fleets.first?.request?.runtimeConfiguration)

        let again = await PlanWorkflow(context: context(world), options: PlanWorkflow.Options(detailedExitCode: true))
            .run(try input(world, Self.fixedFile))
        #expect(again.status == .success)
        #expect(again.plan?.hasChanges == false)
    }

    @Test("apply --plan of a stale plan: the fleet changed since the plan is refused and left as it is")
    func stalePlanRefused() async throws {
        let world = SimulatedWorld()
        let plan = try #require(
            await PlanWorkflow(context: context(world), options: PlanWorkflow.Options()).run(
                try input(world, Self.fixedFile)
            ).plan)
        var meanwhile = SimulatedWorld.before
        meanwhile.gameSessionActivationTimeoutSeconds = 555
        _ = try await world.simulation.send(
            UpdateRuntimeConfigurationInput(fleetId: SimulatedWorld.fleetId, runtimeConfiguration: meanwhile),
            region: SimulatedWorld.region)
        let result = await ApplyWorkflow(context: context(world), options: applyOptions(world)).run(.savedPlan(plan))
        #expect(result.status == .error)
        #expect(result.apply?.outcomes.first?.error?.code == "StalePlan")
        #expect(try await world.live() == meanwhile)
    }

    @Test("without approval nothing is applied: no terminal refuses, a 'no' cancels", arguments: [false, true])
    func approvalRefused(hasTerminal: Bool) async throws {
        let world = SimulatedWorld()
        let recorder = WorkflowEventRecorder()
        var options = applyOptions(world)
        options.approval = hasTerminal ? .ask { _ in false } : .unavailable
        let result = await ApplyWorkflow(context: context(world, recorder), options: options).run(
            .files(try input(world, Self.fixedFile)))
        #expect(result.status == .error)
        #expect(result.apply == nil)
        #expect(world.recorder.calls(.updateRuntimeConfiguration).isEmpty)
        #expect(try await world.live() == SimulatedWorld.before)
        let expected =
            hasTerminal ? "Apply cancelled; nothing was changed." : "error: refusing to apply without confirmation"
        #expect(recorder.text(.error).contains(expected))
        #expect(recorder.text(.output).contains("~ fleet-2f1c3a9e… (us-west-2)"))
    }

    @Test("rollback: undoes the latest apply run, journaled as a rollback; a second rollback has nothing to do")
    func rollbackLatestRun() async throws {
        let world = SimulatedWorld()
        _ = await ApplyWorkflow(context: context(world), options: applyOptions(world)).run(
            .files(try input(world, Self.fixedFile)))
        #expect(try await world.live() != SimulatedWorld.before)

        let recorder = WorkflowEventRecorder()
        let options = RollbackWorkflow.Options(
            journalPath: world.journalPath, approval: .automatic, watchSeconds: 30, runId: "run-undo")
        let result = await RollbackWorkflow(context: context(world, recorder), options: options).run()
        #expect(result.status == .success)
        #expect(result.apply?.summary.updated == 1)
        #expect(result.watch?.hasFailures == false)
        #expect(try await world.live() == SimulatedWorld.before)
        #expect(recorder.text(.output).contains("Rollback: 1 updated"))
        #expect(try Journal.read(path: world.journalPath).contains { $0.run == "run-undo" && $0.cause == "rollback" })
    }

    @Test("rollback with an unreadable journal: a located error, nothing sent")
    func rollbackUnreadableJournal() async throws {
        let world = SimulatedWorld()
        let path = NSTemporaryDirectory() + "fleetform-journal-\(UUID().uuidString).jsonl"
        try Data("not json\n{}\n".utf8).write(to: URL(fileURLWithPath: path))
        let recorder = WorkflowEventRecorder()
        let result = await RollbackWorkflow(
            context: context(world, recorder),
            options: RollbackWorkflow.Options(journalPath: path, approval: .automatic)
        ).run()
        #expect(result.status == .error)
        #expect(recorder.text(.error).contains("\(path):1: unreadable journal entry"))
        #expect(world.recorder.calls(.updateRuntimeConfiguration).isEmpty)
    }

    @Test("events: the failure after a broken apply, filtered by code; an unknown code is a warning")
    func eventsAfterBrokenApply() async throws {
        let world = SimulatedWorld()
        _ = await ApplyWorkflow(context: context(world), options: applyOptions(world)).run(
            .files(try input(world, SimulatedWorld.brokenFile)))
        world.clock.advance(by: 120)
        let recorder = WorkflowEventRecorder()
        let name = try #require(FleetIdentifier(SimulatedWorld.fleetId))
        let result = await EventsWorkflow(
            context: context(world, recorder),
            options: EventsWorkflow.Options(
                fleet: name, defaultRegion: SimulatedWorld.region,
                codes: ["SERVER_PROCESS_INVALID_PATH", "SOMETHING_NEW"])
        ).run()
        #expect(result.status == .success)
        #expect(!result.events.isEmpty)
        #expect(result.events.allSatisfy { $0.eventCode.rawValue == "SERVER_PROCESS_INVALID_PATH" })
        #expect(result.log?.codes == ["SERVER_PROCESS_INVALID_PATH", "SOMETHING_NEW"])
        #expect(recorder.text(.error).contains("warning: SOMETHING_NEW is not an event code"))

        let noRegion = await EventsWorkflow(context: context(world), options: EventsWorkflow.Options(fleet: name))
            .run()
        #expect(noRegion.status == .error)
    }

    @Test("import, then plan the written file: no changes; importing again without force writes nothing")
    func importThenPlan() async throws {
        let world = SimulatedWorld()
        let directory = NSTemporaryDirectory() + "fleetform-import-\(UUID().uuidString)"
        let options = ImportWorkflow.Options(
            fleets: .named([FleetKey(region: SimulatedWorld.region, fleetId: SimulatedWorld.fleetId)]),
            directory: directory)
        let recorder = WorkflowEventRecorder()
        let imported = await ImportWorkflow(context: context(world, recorder), options: options).run()
        #expect(imported.status == .success)
        #expect(imported.written == 1)
        #expect(recorder.text(.output).contains("Import: 1 written, 0 failed."))

        let fleets = FleetLoader.load(paths: [directory], options: LoadOptions())
        let planned = await PlanWorkflow(context: context(world), options: PlanWorkflow.Options())
            .run(FleetInput(fleets: fleets))
        #expect(planned.plan?.hasChanges == false)

        let again = WorkflowEventRecorder()
        let refused = await ImportWorkflow(context: context(world, again), options: options).run()
        #expect(refused.status == .error)
        #expect(again.text(.error).contains("refusing to overwrite existing files"))
    }

    @Test("invalid fleet files stop before any request: FleetInput refuses them with every diagnostic")
    func invalidFilesRefused() throws {
        let directory = NSTemporaryDirectory() + "fleetform-invalid-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("FleetId: nope\nRuntimeConfiguration: {}\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/bad.yaml"))
        #expect {
            try FleetInput.load(paths: [directory], buildManifest: nil, defaultRegion: "us-west-2")
        } throws: { error in
            guard case .invalidFiles(let fleets) = error as? FleetInputError else { return false }
            return fleets.diagnostics.hasErrors && fleets.fileCount == 1
        }
    }

    @Test("diagnostics from the live checks come in numeric line order: line 9 before line 10")
    func liveDiagnosticsInLineOrder() async throws {
        let world = SimulatedWorld()
        let processes = (1...4).map { n in
            "    - LaunchPath: /local/game/bin/Missing\(n)\n      Parameters: \"-port \(7000 + n)\"\n"
                + "      ConcurrentExecutions: 1\n"
        }
        let text =
            "FleetId: \(SimulatedWorld.fleetId)\nRegion: \(SimulatedWorld.region)\nRuntimeConfiguration:\n"
            + "  ServerProcesses:\n" + processes.joined()
        let fleets = world.load(text)
        let result = await PlanWorkflow(context: context(world), options: PlanWorkflow.Options())
            .run(FleetInput(fleets: fleets, manifest: BuildManifest(files: ["bin/ArenaServer"])))
        #expect(result.status == .error)
        let lines = result.diagnostics.filter { $0.code == .launchPathNotInBuild }.compactMap { $0.location?.line }
        #expect(lines == [5, 8, 11, 14])
    }
}
