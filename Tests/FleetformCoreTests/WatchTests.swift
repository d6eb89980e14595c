import FleetformTesting
import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore

/// A watch over the scripted double on a virtual clock: events become visible as virtual time passes,
/// with `Fixture.date` as the update time.
struct WatchHarness {
    let gameLift: ScriptedGameLift
    let clock = VirtualClock()

    init(_ events: [FleetEvent], pageSize: Int = 100) {
        gameLift = EventFixture.gameLift(events, pageSize: pageSize)
        let clock = self.clock
        let origin = clock.now
        gameLift.eventClock = { Fixture.date.addingTimeInterval(clock.now - origin) }
    }

    func watch(
        duration: Double = 60, firstDelay: Double = 5, maxDelay: Double = 20, stopWhenAllFail: Bool = false,
        onFailure: @escaping @Sendable (WatchTarget, FleetEvent) -> Void = { _, _ in }
    ) async -> WatchReport {
        let watcher = Watcher(
            gameLift: gameLift,
            options: WatchOptions(
                duration: duration, firstDelay: firstDelay, maxDelay: maxDelay, stopWhenAllFail: stopWhenAllFail),
            timing: clock.timing, onFailure: onFailure)
        return await watcher.watch([WatchTarget(fleetId: Fixture.arena, region: "us-west-2", since: Fixture.date)])
    }
}

/// Collects what a callback saw, across tasks.
final class Collected<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ item: T) { lock.withLock { items.append(item) } }
    var all: [T] { lock.withLock { items } }
}

@Suite("Watch")
struct WatchTests {
    static func seconds(_ s: Double) -> Double { s / 60 }

    @Test(
        "failure events after the update are reported with message, count and log URL; benign and earlier ones are not")
    func classifies() async throws {
        let h = WatchHarness([
            EventFixture.event("before", .serverProcessCrashed, at: -5, count: 4),
            EventFixture.event("rollout", "GENERIC_EVENT", at: Self.seconds(1)),
            EventFixture.event("active", "FLEET_STATE_ACTIVE", at: Self.seconds(2)),
            EventFixture.event(
                "invalid", .serverProcessInvalidPath, at: Self.seconds(2), count: 8, log: "https://logs.example/i.zip",
                message: "Server process launch path /local/game/bin/Missing was not found in build-1"),
        ])
        let report = await h.watch()
        let fleet = try #require(report.fleets.first)
        #expect(fleet.failures.map(\.eventId) == ["invalid"])
        #expect(fleet.failures.first?.count == 8)
        #expect(fleet.failures.first?.logUrl == "https://logs.example/i.zip")
        #expect(Set(fleet.events.map(\.eventId)) == ["rollout", "active", "invalid"])
        #expect(report.hasFailures)
        #expect(h.gameLift.eventInputs.allSatisfy { ($0.startTime ?? .distantPast) >= Fixture.date })
        let text = WatchTextRenderer().render(report)
        #expect(text.contains("failing"))
        #expect(text.contains("SERVER_PROCESS_INVALID_PATH  ×8"))
        #expect(text.contains("was not found in build-1"))
        #expect(text.contains("log: https://logs.example/i.zip"))
        #expect(text.contains("Watch: 1 failing, 0 healthy, 0 unverified."))
        let applied = ApplyReport(run: "r", startedAt: Fixture.date, finishedAt: Fixture.date, outcomes: [])
        #expect(ExitStatus.forApply(applied, watch: report) == .failureEvents)
    }

    @Test("a location of a multi-location fleet going to ERROR after the update counts; other location events do not")
    func locationStateError() async throws {
        let h = WatchHarness([
            EventFixture.event("active", "LOCATION_STATE_ACTIVE", at: Self.seconds(1), message: "eu-west-1 ACTIVE"),
            EventFixture.event(
                "error", "LOCATION_STATE_ERROR", at: Self.seconds(2), message: "Location ap-northeast-1 is in ERROR"),
        ])
        let fleet = try #require(await h.watch().fleets.first)
        #expect(fleet.failures.map(\.eventId) == ["error"])
        #expect(Set(fleet.events.map(\.eventId)) == ["active", "error"])
    }

    @Test("benign events only: healthy, exit 0; polls back off 5, 10, 20, 20 then the rest of the minute")
    func healthyWithBackoff() async throws {
        let h = WatchHarness([
            EventFixture.event("rollout", "GENERIC_EVENT", at: Self.seconds(1)),
            EventFixture.event("scaling", "FLEET_SCALING_EVENT", at: Self.seconds(40)),
        ])
        let report = await h.watch(duration: 60)
        #expect(!report.hasFailures)
        #expect(report.fleets.first?.verified == true)
        #expect(report.fleets.first?.events.count == 2)
        #expect(h.clock.sleeps == [5, 10, 20, 20, 5])
        #expect(report.polls == 6)
        let applied = ApplyReport(run: "r", startedAt: Fixture.date, finishedAt: Fixture.date, outcomes: [])
        #expect(ExitStatus.forApply(applied, watch: report) == .success)
        #expect(WatchTextRenderer().render(report).contains("healthy"))
    }

    @Test("an event that appears later is found by a later poll and reported once; polls read on from the newest event")
    func dedupesAcrossPolls() async throws {
        let h = WatchHarness([
            EventFixture.event("rollout", "GENERIC_EVENT", at: Self.seconds(1)),
            EventFixture.event("crash", .serverProcessCrashed, at: Self.seconds(12), count: 2),
            EventFixture.event("timeout", .gameSessionActivationTimeout, at: Self.seconds(30)),
        ])
        let seen = Collected<String>()
        let report = await h.watch(duration: 60, onFailure: { _, event in seen.add(event.eventId) })
        #expect(seen.all == ["crash", "timeout"])
        #expect(report.fleets.first?.failures.map(\.eventId) == ["crash", "timeout"])
        let starts = h.gameLift.eventInputs.compactMap(\.startTime)
        #expect(starts.first == Fixture.date)
        #expect(starts.last == Fixture.date.addingTimeInterval(30))
    }

    @Test("events are read through every page while watching")
    func pagesWhileWatching() async throws {
        var events = EventFixture.series(9).map { e -> FleetEvent in
            var e = e
            e.eventTime = Fixture.date.addingTimeInterval(1)
            return e
        }
        events.append(EventFixture.event("late", .serverProcessCrashed, at: Self.seconds(2)))
        let h = WatchHarness(events, pageSize: 2)
        let report = await h.watch(duration: 5, firstDelay: 5)
        #expect(report.fleets.first?.events.count == 10)
        #expect(report.fleets.first?.failures.map(\.eventId) == ["late"])
    }

    @Test("stops early once every fleet has failed, when asked to")
    func stopsEarly() async throws {
        let h = WatchHarness([EventFixture.event("invalid", .serverProcessInvalidPath, at: Self.seconds(3))])
        let report = await h.watch(duration: 600, stopWhenAllFail: true)
        #expect(report.hasFailures)
        #expect(report.watchedSeconds == 5)
        #expect(h.clock.sleeps == [5])
    }

    @Test("events that cannot be read leave the fleet unverified, exit 1; a later successful poll verifies it")
    func unreadable() async throws {
        let error = GameLiftServiceError(
            code: .unauthorized, message: "not allowed", requestId: "req-1", httpStatus: 400)
        let failing = WatchHarness([])
        failing.gameLift.script(.describeFleetEvents, Fixture.arena, Array(repeating: error, count: 10))
        let report = await failing.watch(duration: 20)
        #expect(report.unverifiedFleets.count == 1)
        #expect(report.fleets.first?.readError?.code == "UnauthorizedException")
        let applied = ApplyReport(run: "r", startedAt: Fixture.date, finishedAt: Fixture.date, outcomes: [])
        #expect(ExitStatus.forApply(applied, watch: report) == .error)
        #expect(WatchTextRenderer().render(report).contains("unverified"))

        let recovering = WatchHarness([])
        recovering.gameLift.script(.describeFleetEvents, Fixture.arena, [error])
        #expect(await recovering.watch(duration: 20).unverifiedFleets.isEmpty)
    }

    @Test("nothing updated: nothing watched, no waiting")
    func nothingToWatch() async {
        let clock = VirtualClock()
        let (_, gameLift) = Fixture.threeFleets()
        let report = await Watcher(gameLift: gameLift, options: WatchOptions(duration: 600), timing: clock.timing)
            .watch([])
        #expect(report.polls == 0)
        #expect(clock.sleeps.isEmpty)
        #expect(!report.hasFailures)
    }

    @Test("only updated fleets are watched, each from its own update time")
    func targetsFromReport() {
        let at = Fixture.date.addingTimeInterval(7)
        let source = SourceLocation(path: "f.yaml", line: 1, column: 1)
        let report = ApplyReport(
            run: "r", startedAt: Fixture.date, finishedAt: at,
            outcomes: [
                FleetOutcome(
                    fleetId: Fixture.arena, region: "us-west-2", source: source, result: .updated, updatedAt: at),
                FleetOutcome(fleetId: Fixture.lobby, region: "us-west-2", source: source, result: .unchanged),
                FleetOutcome(fleetId: Fixture.raid, region: "eu-west-1", source: source, result: .failed),
            ])
        #expect(
            WatchTarget.updated(in: report) == [WatchTarget(fleetId: Fixture.arena, region: "us-west-2", since: at)])
    }
}

@Suite("Watch exit status and JSON")
struct WatchExitStatusTests {
    static func report(_ results: [FleetOutcome.Result]) -> ApplyReport {
        let source = SourceLocation(path: "f.yaml", line: 1, column: 1)
        return ApplyReport(
            run: "r", startedAt: Fixture.date, finishedAt: Fixture.date,
            outcomes: results.enumerated().map { index, result in
                FleetOutcome(fleetId: "fleet-\(index)", region: "us-west-2", source: source, result: result)
            })
    }

    static func watch(failing: Bool, verified: Bool = true) -> WatchReport {
        let code: EventCode = failing ? .serverProcessCrashed : "GENERIC_EVENT"
        let fleet = FleetWatch(
            fleetId: "fleet-0", region: "us-west-2", since: Fixture.date,
            events: [EventRecord(EventFixture.event("e1", code, at: 1))], verified: verified)
        return WatchReport(duration: 60, watchedSeconds: 60, polls: 3, fleets: [fleet])
    }

    @Test(
        "failure events give 4 whatever else happened; then failed or unverified give 1, held 3",
        arguments: [
            ([FleetOutcome.Result.updated], true, true, FleetformCore.ExitStatus.failureEvents),
            ([.updated, .failed], true, true, .failureEvents),
            ([.updated, .held], true, true, .failureEvents),
            ([.updated, .failed], false, true, .error),
            ([.updated], false, false, .error),
            ([.updated, .held], false, true, .held),
            ([.updated, .unchanged], false, true, .success),
        ])
    func exitStatus(results: [FleetOutcome.Result], failing: Bool, verified: Bool, expected: FleetformCore.ExitStatus) {
        #expect(
            ExitStatus.forApply(Self.report(results), watch: Self.watch(failing: failing, verified: verified))
                == expected)
    }

    @Test("without a watch, the apply's own status stands")
    func noWatch() {
        #expect(ExitStatus.forApply(Self.report([.updated, .held]), watch: nil) == .held)
    }

    @Test("the watch report's JSON is versioned and lists failures with count and log URL")
    func json() throws {
        var watch = Self.watch(failing: true)
        watch.fleets[0].events = [
            EventRecord(EventFixture.event("e1", .serverProcessInvalidPath, at: 1, count: 8, log: "https://l/1")),
            EventRecord(EventFixture.event("e2", "GENERIC_EVENT", at: 0.5)),
        ]
        let data = try ReportJSON.encoder().encode(watch)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        let fleet = try #require((object["fleets"] as? [[String: Any]])?.first)
        let failures = try #require(fleet["failures"] as? [[String: Any]])
        #expect(failures.count == 1)
        #expect(failures.first?["count"] as? Int == 8)
        #expect(failures.first?["logUrl"] as? String == "https://l/1")
        #expect((fleet["events"] as? [Any])?.count == 2)
        #expect(try ReportJSON.decoder().decode(WatchReport.self, from: data) == watch)
    }
}
