import FleetformTesting
import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore

/// Everything an apply test needs: the double, the resilience layer over it on a virtual clock, a journal.
struct ApplyHarness {
    let gameLift: ScriptedGameLift
    let clock = VirtualClock(random: [0.5, 0.25, 0.75])
    let resilient: ResilientGameLift
    let journalPath = Fixture.temporaryDirectory() + "/journal.jsonl"

    init(_ gameLift: ScriptedGameLift) {
        self.gameLift = gameLift
        self.resilient = ResilientGameLift(base: gameLift, policy: RetryPolicy(maxAttempts: 5), timing: clock.timing)
    }

    func apply(_ plan: PlanDocument, failFast: Bool = false, holdTimeout: Double = 0, parallelism: Int = 4) async
        -> ApplyReport
    {
        let applier = Applier(
            gameLift: resilient, journal: Journal(path: journalPath),
            options: ApplyOptions(
                parallelism: parallelism, failFast: failFast, holdTimeout: holdTimeout, runId: "run-1"),
            timing: clock.timing, wallClock: { Fixture.date })
        return await applier.apply(plan)
    }

    func journal() throws -> [JournalEntry] { try Journal.read(path: journalPath) }
}

@Suite("Applier")
struct ApplierTests {
    @Test(
        "InternalServiceException k times then success: updated after k retries, delays from the backoff formula",
        arguments: [1, 2, 3])
    func retriesInternalErrors(k: Int) async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            Array(
                repeating: GameLiftServiceError(
                    code: .internalService, message: "boom", httpStatus: 500), count: k))
        let report = await h.apply(plan)
        #expect(report.outcomes.map(\.result) == [.updated, .unchanged, .unchanged])
        #expect(gameLift.calls(.updateRuntimeConfiguration).count == k + 1)
        // Full jitter: delay = random × min(cap, base × 2^(retry-1)); the clock hands out 0.5, 0.25, 0.75 in turn.
        let randoms = [0.5, 0.25, 0.75]
        let expected = (1...k).map { n in
            randoms[(n - 1) % 3] * RetryPolicy(maxAttempts: 5).backoffCeiling(retry: n, throttled: false)
        }
        #expect(h.clock.sleeps == expected)
        #expect(h.resilient.stats.retries == k)
        #expect(gameLift.configuration(Fixture.arena) == plan.fleets[0].request?.runtimeConfiguration)
        #expect(ExitStatus.forApply(report) == .success)
    }

    @Test("retries stop at the attempt limit, and the fleet fails with the last error")
    func attemptLimit() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            Array(
                repeating: GameLiftServiceError(
                    code: .internalService, message: "still broken", httpStatus: 500), count: 9))
        let report = await h.apply(plan)
        #expect(gameLift.calls(.updateRuntimeConfiguration).count == 5)
        #expect(report.outcomes[0].result == .failed)
        #expect(report.outcomes[0].error?.message == "still broken")
    }

    @Test("throttling is retried and lowers the rate of that operation in that region only")
    func throttling() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [
                GameLiftServiceError(code: .throttling, message: "Rate exceeded", httpStatus: 400),
                GameLiftServiceError(code: .throttling, message: "Rate exceeded", httpStatus: 400),
            ])
        let report = await h.apply(plan)
        #expect(report.outcomes[0].result == .updated)
        #expect(gameLift.calls(.updateRuntimeConfiguration).count == 3)
        #expect(h.resilient.stats.throttled == 2)
        let west = try #require(await h.resilient.rateLimiter(for: "us-west-2", .updateRuntimeConfiguration).rate)
        #expect(west > 0)
        #expect(await h.resilient.rateLimiter(for: "us-west-2", .updateRuntimeConfiguration).throttles == 2)
        // GameLift limits each operation on its own: the reads of the same region keep their rate.
        #expect(await h.resilient.rateLimiter(for: "us-west-2", .describeRuntimeConfiguration).rate == nil)
        #expect(await h.resilient.rateLimiter(for: "eu-west-1", .updateRuntimeConfiguration).rate == nil)
    }

    @Test("InvalidFleetStatusException holds the fleet, reports its status, and the others are updated (exit 3)")
    func hold() async throws {
        let (docs, gameLift) = Fixture.threeFleets(alsoChanging: [2])
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.setStatus(Fixture.arena, .activating)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [
                GameLiftServiceError(code: .invalidFleetStatus, message: "Fleet is ACTIVATING", httpStatus: 400)
            ])
        let report = await h.apply(plan)
        #expect(report.outcomes.map(\.result) == [.held, .unchanged, .updated])
        #expect(report.outcomes[0].status == .activating)
        #expect(report.outcomes[0].detail?.contains("ACTIVATING") == true)
        #expect(report.outcomes[0].error?.code == "InvalidFleetStatusException")
        #expect(gameLift.calls(.updateRuntimeConfiguration).filter { $0.fleetId == Fixture.arena }.count == 1)
        #expect(ExitStatus.forApply(report) == .held)
        #expect(try h.journal().last { $0.fleetId == Fixture.arena }?.outcome == .held)
    }

    @Test("a hold that clears within --hold-timeout ends updated, polling the status with backoff")
    func holdClears() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.holdInError(Fixture.arena, refusals: 3)
        // The status allows updates again from the third status read on; GameLift refuses twice more anyway.
        let polls = Counter()
        gameLift.onDescribeAttributes = { [gameLift] id in
            if id == Fixture.arena, polls.increment() == 3 { gameLift.setStatus(Fixture.arena, .active) }
        }
        let report = await h.apply(plan, holdTimeout: 60)
        #expect(report.outcomes[0].result == .updated)
        #expect(h.clock.sleeps == [1, 2, 4, 8])
        #expect(gameLift.calls(.updateRuntimeConfiguration).filter { $0.fleetId == Fixture.arena }.count == 4)
        #expect(ExitStatus.forApply(report) == .success)
    }

    @Test("a hold that outlasts --hold-timeout stays held, never dropped")
    func holdTimesOut() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.holdInError(Fixture.arena, refusals: 10)
        let report = await h.apply(plan, holdTimeout: 10)
        #expect(report.outcomes[0].result == .held)
        #expect(h.clock.sleeps == [1, 2, 4, 3])
        #expect(report.outcomes.count == 3)
    }

    @Test(
        "final errors fail the fleet with the service message, are not retried, and the others carry on (exit 1)",
        arguments: [GameLiftErrorCode.notFound, .invalidRequest, .unauthorized, .limitExceeded])
    func finalErrors(code: GameLiftErrorCode) async throws {
        let (docs, gameLift) = Fixture.threeFleets(alsoChanging: [2])
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [
                GameLiftServiceError(code: code, message: "service says no", requestId: "req-42", httpStatus: 400)
            ])
        let report = await h.apply(plan)
        #expect(report.outcomes.map(\.result) == [.failed, .unchanged, .updated])
        #expect(
            report.outcomes[0].error
                == ServiceErrorInfo(code: code.rawValue, message: "service says no", requestId: "req-42"))
        #expect(gameLift.calls(.updateRuntimeConfiguration).filter { $0.fleetId == Fixture.arena }.count == 1)
        #expect(h.clock.sleeps.isEmpty)
        #expect(ExitStatus.forApply(report) == .error)
    }

    @Test("--fail-fast stops starting fleets after the first failure; every fleet is still accounted for")
    func failFast() async throws {
        let (docs, gameLift) = Fixture.threeFleets(alsoChanging: [1, 2])
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [
                GameLiftServiceError(code: .invalidRequest, message: "bad", httpStatus: 400)
            ])
        let report = await h.apply(plan, failFast: true, parallelism: 1)
        #expect(report.outcomes.map(\.result) == [.failed, .failed, .failed])
        #expect(report.outcomes[1].detail?.contains("not attempted") == true)
        #expect(gameLift.calls(.updateRuntimeConfiguration).count == 1)
    }

    @Test("a saved plan made stale by an out-of-band change is refused for that fleet, which is left untouched")
    func stalePlan() async throws {
        let (docs, gameLift) = Fixture.threeFleets(alsoChanging: [2])
        let h = ApplyHarness(gameLift)
        let path = Fixture.temporaryDirectory() + "/plan.json"
        try PlanFile.save(await makePlan(docs, gameLift), to: path)
        let outOfBand = RuntimeConfiguration(serverProcesses: [Fixture.casual], gameSessionActivationTimeoutSeconds: 5)
        gameLift.setConfiguration(Fixture.arena, outOfBand)
        let report = await h.apply(try PlanFile.load(from: path))
        #expect(report.outcomes.map(\.result) == [.failed, .unchanged, .updated])
        #expect(report.outcomes[0].error?.code == "StalePlan")
        #expect(gameLift.configuration(Fixture.arena) == outOfBand)
        #expect(gameLift.calls(.updateRuntimeConfiguration).map(\.fleetId) == [Fixture.raid])
        #expect(try h.journal().contains { $0.fleetId == Fixture.arena } == false)
    }

    @Test("every update is preceded by a durable journal entry holding the previous configuration")
    func journalBeforeUpdate() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let h = ApplyHarness(gameLift)
        let plan = await makePlan(docs, gameLift)
        let seen = Box<[JournalEntry]>([])
        let path = h.journalPath
        gameLift.beforeUpdate = { _ in seen.set((try? Journal.read(path: path)) ?? []) }
        let report = await h.apply(plan)
        #expect(report.outcomes[0].result == .updated)
        let atUpdate = seen.value
        #expect(atUpdate.count == 1)
        #expect(atUpdate.first?.kind == .intent)
        #expect(atUpdate.first?.previous == Fixture.specLive)
        #expect(atUpdate.first?.new == plan.fleets[0].request?.runtimeConfiguration)
        let all = try h.journal()
        #expect(all.map(\.kind) == [.intent, .result])
        #expect(all.last?.outcome == .updated)
    }
}

extension ScriptedGameLift {
    /// Puts the fleet in ERROR and makes GameLift refuse its next `refusals` updates for its status.
    func holdInError(_ fleetId: String, refusals: Int) {
        setStatus(fleetId, .error)
        let refusal = GameLiftServiceError(code: .invalidFleetStatus, message: "Fleet is in ERROR", httpStatus: 400)
        script(.updateRuntimeConfiguration, fleetId, Array(repeating: refusal, count: refusals))
    }
}

/// A thread-safe counter for hooks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() -> Int {
        lock.withLock {
            n += 1; return n
        }
    }
}

/// A thread-safe box for values captured in hooks.
final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var v: T
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func set(_ new: T) { lock.withLock { v = new } }
}
