import FleetformTesting
import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore

/// Journal entries for selection tests.
enum JournalFixture {
    static func config(_ n: Int) -> RuntimeConfiguration {
        RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: "/local/game/bin/Server\(n)", concurrentExecutions: n)],
            maxConcurrentGameSessionActivations: 2, gameSessionActivationTimeoutSeconds: 60)
    }

    static func intent(_ run: String, _ fleet: String, _ from: Int, _ to: Int, cause: String = "apply") -> JournalEntry
    {
        JournalEntry(
            kind: .intent, run: run, time: Fixture.date, fleetId: fleet, fleetIdOrArn: fleet, region: "us-west-2",
            cause: cause, previous: config(from), new: config(to))
    }

    static func result(_ run: String, _ fleet: String, _ outcome: FleetOutcome.Result, cause: String = "apply")
        -> JournalEntry
    {
        JournalEntry(
            kind: .result, run: run, time: Fixture.date, fleetId: fleet, fleetIdOrArn: fleet, region: "us-west-2",
            cause: cause, outcome: outcome)
    }
}

@Suite("Rollback selection")
struct RollbackSelectionTests {
    typealias J = JournalFixture
    let journal: [JournalEntry] = [
        J.intent("run-a", Fixture.arena, 1, 2), J.result("run-a", Fixture.arena, .updated),
        J.intent("run-b", Fixture.arena, 2, 3), J.result("run-b", Fixture.arena, .updated),
        J.intent("run-b", Fixture.lobby, 5, 6), J.result("run-b", Fixture.lobby, .failed),
        J.intent("run-b", Fixture.raid, 7, 8),  // no result: a crash after the intent; it may have been applied
        J.intent("run-r", Fixture.arena, 3, 2, cause: "rollback"),
        J.result("run-r", Fixture.arena, .updated, cause: "rollback"),
    ]

    @Test("default: the latest apply run (not a rollback run), skipping fleets whose update failed")
    func latestApplyRun() throws {
        let targets = try RollbackSelector.targets(journal, .run(nil), journalPath: "j.jsonl")
        #expect(targets.map(\.run) == ["run-b", "run-b"])
        #expect(targets.map(\.fleetId) == [Fixture.arena, Fixture.raid])
        #expect(targets.map(\.previous) == [J.config(2), J.config(7)])
        #expect(targets.first?.source == SourceLocation(path: "j.jsonl", line: 3, column: 1))
    }

    @Test("--run names a run; narrowing to fleets keeps only those")
    func namedRun() throws {
        let one = try RollbackSelector.targets(journal, .run("run-b", fleets: [Fixture.raid]), journalPath: "j")
        #expect(one.map(\.fleetId) == [Fixture.raid])
        #expect(throws: RollbackSelectionError.fleetNotInRun(fleet: Fixture.lobby, run: "run-b")) {
            try RollbackSelector.targets(journal, .run("run-b", fleets: [Fixture.lobby]), journalPath: "j")
        }
    }

    @Test("--fleet takes the most recent overwritten configuration, whatever the run")
    func byFleet() throws {
        let arn = "arn:aws:gamelift:us-west-2:123456789012:fleet/\(Fixture.arena)"
        let targets = try RollbackSelector.targets(journal, .fleets([arn]), journalPath: "j")
        #expect(targets.map(\.run) == ["run-r"])
        #expect(targets.first?.previous == J.config(3))
        #expect(throws: RollbackSelectionError.unknownFleet(Fixture.lobby, path: "j")) {
            try RollbackSelector.targets(journal, .fleets([Fixture.lobby]), journalPath: "j")
        }
    }

    @Test("clear errors: empty journal, unknown run (listing recent runs), a run that overwrote nothing")
    func errors() {
        #expect(throws: RollbackSelectionError.emptyJournal(path: "j")) {
            try RollbackSelector.targets([], .run(nil), journalPath: "j")
        }
        #expect(throws: RollbackSelectionError.unknownRun("run-x", path: "j", recent: ["run-r", "run-b", "run-a"])) {
            try RollbackSelector.targets(journal, .run("run-x"), journalPath: "j")
        }
        let failedOnly = [J.intent("run-f", Fixture.lobby, 1, 2), J.result("run-f", Fixture.lobby, .held)]
        #expect(throws: RollbackSelectionError.nothingOverwritten(run: "run-f")) {
            try RollbackSelector.targets(failedOnly, .run(nil), journalPath: "j")
        }
        #expect(throws: RollbackSelectionError.noApplyRun(path: "j")) {
            try RollbackSelector.targets(
                [J.intent("r", Fixture.arena, 1, 2, cause: "rollback")], .run(nil), journalPath: "j")
        }
    }
}

@Suite("Rollback")
struct RollbackTests {
    /// Applies the README's example plan to arena (run-1), so the journal holds its overwritten configuration.
    static func applied() async throws -> (ApplyHarness, PlanDocument) {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        let report = await h.apply(plan)
        #expect(report.outcomes.first?.result == .updated)
        return (h, plan)
    }

    static func rollback(_ h: ApplyHarness, force: Bool = false, selection: RollbackSelection = .run(nil)) async throws
        -> RollbackPlan
    {
        try await RollbackPlanner(reader: LiveFleetReader(gameLift: h.resilient), wallClock: { Fixture.date })
            .plan(journalPath: h.journalPath, selection: selection, force: force)
    }

    static func apply(_ h: ApplyHarness, _ rollback: RollbackPlan) async -> ApplyReport {
        await Applier(
            gameLift: h.resilient, journal: Journal(path: h.journalPath),
            options: ApplyOptions(runId: "run-2", cause: .rollback), timing: h.clock.timing,
            wallClock: { Fixture.date }
        ).apply(rollback.plan)
    }

    @Test("restores exactly the previous configuration, and the rollback is journaled")
    func restores() async throws {
        let (h, plan) = try await Self.applied()
        let sent = try #require(plan.fleets.first?.request?.runtimeConfiguration)
        let rollback = try await Self.rollback(h)
        #expect(rollback.refusals.isEmpty)
        let fleet = try #require(rollback.plan.fleets.first)
        #expect(fleet.action == .update)
        #expect(
            fleet.request
                == UpdateRuntimeConfigurationInput(fleetId: Fixture.arena, runtimeConfiguration: Fixture.specLive))
        #expect(fleet.observedFingerprint == Fingerprint.of(sent))
        #expect(RollbackTextRenderer().render(rollback).contains("run run-1"))

        let report = await Self.apply(h, rollback)
        #expect(report.outcomes.map(\.result) == [.updated])
        #expect(h.gameLift.configuration(Fixture.arena) == Fixture.specLive)
        let entries = try h.journal().filter { $0.run == "run-2" }
        #expect(entries.map(\.kind) == [.intent, .result])
        #expect(entries.allSatisfy { $0.cause == "rollback" })
        #expect(entries.first?.previous == sent)
        #expect(entries.first?.new == Fixture.specLive)
        #expect(entries.last?.outcome == .updated)
    }

    @Test("a fleet changed since the apply is refused and not touched; --force restores it anyway")
    func refusesChangedFleet() async throws {
        let (h, _) = try await Self.applied()
        let someoneElse = JournalFixture.config(9)
        h.gameLift.setConfiguration(Fixture.arena, someoneElse)
        let updatesBefore = h.gameLift.calls(.updateRuntimeConfiguration).count

        let refused = try await Self.rollback(h)
        #expect(refused.plan.fleets.isEmpty)
        #expect(refused.refusals.map(\.fleetId) == [Fixture.arena])
        #expect(refused.refusals.first?.reason.contains("changed since run run-1") == true)
        #expect(RollbackTextRenderer().render(refused).contains("refused"))
        _ = await Self.apply(h, refused)
        #expect(h.gameLift.calls(.updateRuntimeConfiguration).count == updatesBefore)
        #expect(h.gameLift.configuration(Fixture.arena) == someoneElse)

        let forced = try await Self.rollback(h, force: true)
        #expect(forced.refusals.isEmpty)
        _ = await Self.apply(h, forced)
        #expect(h.gameLift.configuration(Fixture.arena) == Fixture.specLive)
        // Even a forced rollback journals what it overwrote.
        #expect(try h.journal().last { $0.kind == .intent }?.previous == someoneElse)
    }

    @Test("a journal edited to restore a Linux launch path on a Windows fleet: refused by the live OS, not sent")
    func journalBreaksLiveOperatingSystemRules() async throws {
        let fleet = Fixture.arena
        let windowsLive = RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: "C:\\Game\\Server.exe", concurrentExecutions: 2)])
        let gameLift = ScriptedGameLift([
            fleet: ScriptedGameLift.Fleet(
                region: nil, operatingSystem: OperatingSystem.windows2022, configuration: windowsLive)
        ])
        let h = ApplyHarness(gameLift)
        let journal = Journal(path: h.journalPath)
        // `previous` passes every check that needs no fleet; only the fleet's operating system rules it out.
        try await journal.append(
            JournalEntry(
                kind: .intent, run: "run-1", time: Fixture.date, fleetId: fleet, fleetIdOrArn: fleet,
                region: "us-west-2", cause: "apply", previous: JournalFixture.config(4), new: windowsLive))
        try await journal.append(JournalFixture.result("run-1", fleet, .updated))

        let rollback = try await Self.rollback(h)
        #expect(rollback.plan.fleets.isEmpty)
        let reason = try #require(rollback.refusals.first?.reason)
        #expect(reason.contains("cannot be sent to this fleet"), "\(reason)")
        #expect(reason.contains("journal.jsonl#/previous/ServerProcesses/0: error: [FF310]"), "\(reason)")
        _ = await Self.apply(h, rollback)
        #expect(gameLift.calls(.updateRuntimeConfiguration).isEmpty)
        #expect(gameLift.configuration(fleet) == windowsLive)
    }

    @Test("a fleet already back at its previous configuration is unchanged: nothing is sent")
    func alreadyRestored() async throws {
        let (h, _) = try await Self.applied()
        h.gameLift.setConfiguration(Fixture.arena, Fixture.specLive)
        let rollback = try await Self.rollback(h)
        #expect(rollback.plan.fleets.map(\.action) == [.unchanged])
        #expect(!rollback.plan.hasChanges)
        #expect(RollbackTextRenderer().render(rollback).contains("Nothing to restore"))
    }

    @Test("a change made between the rollback plan and its apply is refused by the fingerprint")
    func staleBetweenPlanAndApply() async throws {
        let (h, _) = try await Self.applied()
        let rollback = try await Self.rollback(h)
        h.gameLift.setConfiguration(Fixture.arena, JournalFixture.config(4))
        let report = await Self.apply(h, rollback)
        #expect(report.outcomes.first?.result == .failed)
        #expect(report.outcomes.first?.error?.code == "StalePlan")
        #expect(h.gameLift.configuration(Fixture.arena) == JournalFixture.config(4))
    }

    @Test("a fleet that cannot be read is planned as failed, with the service's error")
    func unreadable() async throws {
        let (h, _) = try await Self.applied()
        h.gameLift.script(
            .describeRuntimeConfiguration, Fixture.arena,
            [
                GameLiftServiceError(code: .unauthorized, message: "denied", requestId: "req-9", httpStatus: 400)
            ])
        let rollback = try await Self.rollback(h)
        #expect(rollback.plan.fleets.first?.action == .failed)
        #expect(rollback.plan.fleets.first?.error?.code == "UnauthorizedException")
    }
}
