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
        strict: Bool = false, introducedLaunchPaths: Set<String> = [],
        onFailure: @escaping @Sendable (WatchTarget, FleetEvent) -> Void = { _, _ in }
    ) async -> WatchReport {
        let watcher = Watcher(
            gameLift: gameLift,
            options: WatchOptions(
                duration: duration, firstDelay: firstDelay, maxDelay: maxDelay, stopWhenAllFail: stopWhenAllFail,
                strict: strict),
            timing: clock.timing, onFailure: onFailure)
        return await watcher.watch([
            WatchTarget(
                fleetId: Fixture.arena, region: "us-west-2", since: Fixture.date,
                introducedLaunchPaths: introducedLaunchPaths)
        ])
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
        // The polls read from the update on; one read before it, ending at the update, is the baseline.
        let polls = h.gameLift.eventInputs.filter { $0.endTime == nil }
        #expect(polls.allSatisfy { ($0.startTime ?? .distantPast) >= Fixture.date })
        #expect(
            h.gameLift.eventInputs.filter { $0.endTime != nil }.map(\.startTime) == [
                Fixture.date.addingTimeInterval(-WatchOptions.defaultBaseline(for: 60))
            ])
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
        let starts = h.gameLift.eventInputs.filter { $0.endTime == nil }.compactMap(\.startTime)
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
        watch.fleets[0].failures = [watch.fleets[0].events[0]]
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

/// The baseline: failures a fleet already had before its update, and event causes (docs/verify.md).
@Suite("Watch baseline and event causes")
struct WatchBaselineTests {
    /// A crash every 30 s from 15 minutes before the update to `until` minutes after it.
    static func crashes(until minutes: Double, every seconds: Double = 30, path: String = "/local/game/bin/Arena")
        -> [FleetEvent]
    {
        stride(from: -15 * 60.0, to: minutes * 60, by: seconds).enumerated().map { index, at in
            EventFixture.event(
                "crash-\(index)", .serverProcessCrashed, at: at / 60,
                message: "Server process exited without calling ProcessEnding(), launchPath(\(path))")
        }
    }

    @Test("a fleet crashing at the same rate before and after the update is already failing, not failing")
    func sameRateIsAlreadyFailing() async throws {
        let h = WatchHarness(Self.crashes(until: 5))
        let seen = Collected<String>()
        let report = await h.watch(duration: 300, onFailure: { _, event in seen.add(event.eventId) })
        let fleet = try #require(report.fleets.first)
        #expect(fleet.baseline?.failures == ["SERVER_PROCESS_CRASHED": 30])
        #expect(fleet.baseline?.seconds == 900)
        #expect(fleet.failures.isEmpty)
        #expect(fleet.alreadyFailing.count == 10)
        #expect(seen.all.isEmpty)
        #expect(!report.hasFailures)
        let text = WatchTextRenderer().render(report)
        #expect(text.contains("healthy  fleet-2f1c3a9e… (us-west-2): no new failure events"), "\(text)")
        #expect(
            text.contains(
                "already failing before the update: SERVER_PROCESS_CRASHED ×10 since the update, ×30 in the 15m before it"
            ),
            "\(text)")
    }

    @Test("the same code at four times the rate counts; so does a failure naming a path only the new configuration has")
    func newFailuresCount() async throws {
        let faster = WatchHarness(
            Self.crashes(until: 0) + Self.crashes(until: 5, every: 7.5).filter { $0.eventTime >= Fixture.date })
        let report = await faster.watch(duration: 300)
        #expect(report.hasFailures)
        #expect(try #require(report.fleets.first).failures.count > 20)

        let named = WatchHarness(
            Self.crashes(until: 0)
                + [
                    EventFixture.event(
                        "new-path", .serverProcessCrashed, at: 0.5,
                        message:
                            "Server process exited without calling ProcessEnding(), launchPath(/local/game/bin/Arena2)")
                ])
        let namedReport = await named.watch(duration: 300, introducedLaunchPaths: ["/local/game/bin/Arena2"])
        #expect(namedReport.fleets.first?.failures.map(\.eventId) == ["new-path"])
    }

    @Test("capacity events never count; an unknown SERVER_PROCESS_ code counts only with --strict-watch")
    func causes() async throws {
        #expect(EventCode("FLEET_ACTIVATION_FAILED_NO_INSTANCES").cause == .capacity)
        #expect(EventCode("INSTANCE_INTERRUPTED").cause == .capacity)
        #expect(EventCode.serverProcessCrashed.cause == .configuration)
        #expect(EventCode("FLEET_STATE_ACTIVE").cause == .informational)
        #expect(EventCode("SERVER_PROCESS_NEW_FAILURE_2027").cause == .unknownFailure)
        #expect(EventCode("SOMETHING_NEW").cause == .informational)

        let events = [
            EventFixture.event("no-instances", "FLEET_ACTIVATION_FAILED_NO_INSTANCES", at: 0.1),
            EventFixture.event("unknown", "SERVER_PROCESS_NEW_FAILURE_2027", at: 0.2),
        ]
        let lenient = await WatchHarness(events).watch(duration: 60)
        #expect(!lenient.hasFailures)
        let strict = await WatchHarness(events).watch(duration: 60, strict: true)
        #expect(strict.fleets.first?.failures.map(\.eventId) == ["unknown"])
    }

    @Test("a baseline that cannot be read leaves every failure counting")
    func unreadableBaseline() {
        let target = WatchTarget(fleetId: Fixture.arena, region: "us-west-2", since: Fixture.date)
        let crash = EventFixture.event("c", .serverProcessCrashed, at: 0.5)
        let unread = WatchBaseline(
            seconds: 900, failures: [:], readError: ServiceErrorInfo(code: "ThrottlingException", message: "slow"))
        #expect(Watcher.judge(crash, target: target, baseline: unread, earlierSinceUpdate: 0, strict: false) == .counts)
        let had = WatchBaseline(seconds: 900, failures: ["SERVER_PROCESS_CRASHED": 30])
        #expect(
            Watcher.judge(crash, target: target, baseline: had, earlierSinceUpdate: 0, strict: false) == .alreadyFailing
        )
        // Hostile counts saturate instead of trapping.
        let huge = FleetEvent(
            eventId: "h", eventCode: .serverProcessCrashed, eventTime: Fixture.date.addingTimeInterval(1),
            count: Int.max)
        #expect(
            Watcher.judge(huge, target: target, baseline: had, earlierSinceUpdate: Int.max, strict: false) == .counts)
    }
}
