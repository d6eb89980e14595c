import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

/// The per-fleet steps, composed by hand the way a streaming or wave apply would compose them.
@Suite("Fleet update pipeline")
struct FleetUpdatePipelineTests {
    func pipeline(_ gameLift: ScriptedGameLift, journal: String, holdTimeout: Double = 0, clock: VirtualClock)
        -> FleetUpdatePipeline
    {
        FleetUpdatePipeline(
            gameLift: gameLift, journal: Journal(path: journal),
            options: ApplyOptions(holdTimeout: holdTimeout, runId: "run-steps"), timing: clock.timing,
            wallClock: { Fixture.date })
    }

    @Test("read → stale check: a fleet changed since the plan ends failed as StalePlan, nothing journaled or sent")
    func staleStops() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let plan = await makePlan(docs, gameLift)
        gameLift.setConfiguration(Fixture.arena, RuntimeConfiguration(serverProcesses: [Fixture.casual]))
        let journal = Fixture.temporaryDirectory() + "/journal.jsonl"
        let steps = pipeline(gameLift, journal: journal, clock: VirtualClock())
        let fleet = plan.fleets[0]
        await #expect {
            let live = try await steps.readLive(fleet)
            try steps.checkNotStale(fleet, live: live)
        } throws: { error in
            (error as? FleetFinished)?.outcome.error?.code == "StalePlan"
        }
        #expect(try Journal.read(path: journal).isEmpty)
        #expect(gameLift.calls(.updateRuntimeConfiguration).isEmpty)
    }

    @Test("journal → send: the intent is on disk before the update; the result follows it")
    func journalBeforeSend() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let plan = await makePlan(docs, gameLift)
        let journal = Fixture.temporaryDirectory() + "/journal.jsonl"
        let steps = pipeline(gameLift, journal: journal, clock: VirtualClock())
        let fleet = plan.fleets[0]
        let request = try #require(fleet.request)
        gameLift.beforeUpdate = { _ in
            #expect((try? Journal.read(path: journal).map(\.kind)) == [.intent])
        }
        let live = try await steps.readLive(fleet)
        try await steps.journalIntent(fleet, previous: live, new: request.runtimeConfiguration)
        guard case .updated(let outcome) = try await steps.send(fleet, request, previous: live) else {
            Issue.record("expected the update to go through")
            return
        }
        #expect(outcome.previous == live)
        #expect(try Journal.read(path: journal).map(\.kind) == [.intent, .result])
    }

    @Test("a hold past its timeout ends the fleet held, with its status, after polling with backoff")
    func holdTimesOut() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let plan = await makePlan(docs, gameLift)
        gameLift.setStatus(Fixture.arena, .error)
        gameLift.script(
            .updateRuntimeConfiguration, Fixture.arena,
            [GameLiftServiceError(code: .invalidFleetStatus, message: "ACTIVATING", httpStatus: 400)])
        let clock = VirtualClock()
        let steps = pipeline(
            gameLift, journal: Fixture.temporaryDirectory() + "/journal.jsonl", holdTimeout: 10, clock: clock)
        let fleet = plan.fleets[0]
        let outcome = await steps.run(fleet, try #require(fleet.request))
        #expect(outcome.result == .held)
        #expect(outcome.status == .error)
        #expect(clock.sleeps == [1, 2, 4, 3])
    }
}
