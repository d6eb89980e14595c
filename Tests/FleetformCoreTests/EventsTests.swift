import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore

/// Events for the tests: `n` events one minute apart from `Fixture.date`, codes taken in turn.
enum EventFixture {
    static func event(
        _ id: String, _ code: EventCode, at minutes: Double, count: Int? = nil, log: String? = nil,
        message: String? = nil
    ) -> FleetEvent {
        FleetEvent(
            eventId: id, resourceId: Fixture.arena, eventCode: code, message: message ?? "event \(id)",
            eventTime: Fixture.date.addingTimeInterval(minutes * 60), preSignedLogUrl: log, count: count)
    }

    static func series(_ n: Int, codes: [EventCode] = ["GENERIC_EVENT"]) -> [FleetEvent] {
        (0..<n).map { i in event(String(format: "ev-%04d", i), codes[i % codes.count], at: Double(i)) }
    }

    static func gameLift(_ events: [FleetEvent], pageSize: Int = 100) -> ScriptedGameLift {
        let (_, gameLift) = Fixture.threeFleets()
        gameLift.log(Fixture.arena, events)
        gameLift.eventPageSize = pageSize
        return gameLift
    }
}

@Suite("Events")
struct EventsTests {
    @Test("every NextToken page is followed: 23 events in pages of 5 is five pages, each event once, oldest first")
    func followsEveryPage() async throws {
        let stored = EventFixture.series(23)
        let gameLift = EventFixture.gameLift(stored, pageSize: 5)
        let read = try await EventReader(gameLift: gameLift).read(EventQuery(fleet: Fixture.arena, region: "us-west-2"))
        #expect(read.map(\.eventId) == stored.map(\.eventId))
        #expect(gameLift.eventInputs.count == 5)
        #expect(gameLift.eventInputs.map(\.nextToken) == [nil, "page-5", "page-10", "page-15", "page-20"])
    }

    @Test("since and until become StartTime and EndTime, both inclusive")
    func timeWindow() async throws {
        let gameLift = EventFixture.gameLift(EventFixture.series(30), pageSize: 4)
        let since = Fixture.date.addingTimeInterval(10 * 60)
        let until = Fixture.date.addingTimeInterval(19 * 60)
        let query = EventQuery(fleet: Fixture.arena, region: "us-west-2", since: since, until: until)
        let read = try await EventReader(gameLift: gameLift).read(query)
        #expect(read.map(\.eventId) == (10...19).map { String(format: "ev-%04d", $0) })
        #expect(gameLift.eventInputs.allSatisfy { $0.startTime == since && $0.endTime == until })
    }

    @Test("the code filter is applied on every page, client-side")
    func codeFilter() async throws {
        let codes: [EventCode] = ["GENERIC_EVENT", .serverProcessCrashed, "FLEET_STATE_ACTIVE"]
        let gameLift = EventFixture.gameLift(EventFixture.series(12, codes: codes), pageSize: 2)
        let query = EventQuery(
            fleet: Fixture.arena, region: "us-west-2", codes: [.serverProcessCrashed, "FLEET_STATE_ACTIVE"])
        let read = try await EventReader(gameLift: gameLift).read(query)
        #expect(read.count == 8)
        #expect(read.allSatisfy { $0.eventCode != "GENERIC_EVENT" })
        #expect(gameLift.eventInputs.count == 6)
    }

    @Test("a NextToken answered twice stops the reader instead of looping")
    func repeatedToken() async throws {
        let looping = LoopingEvents()
        await #expect(throws: EventReadError.repeatedToken(fleet: Fixture.arena)) {
            try await EventReader(gameLift: looping).read(EventQuery(fleet: Fixture.arena, region: "us-west-2"))
        }
    }

    @Test(
        "both installer codes are named with their meaning",
        arguments: [
            (
                "FLEET_CREATION_COMPLETED_INSTALLER",
                "The build's install script completed; validation of the installation begins."
            ),
            ("FLEET_CREATION_FAILED_INSTALLER", "The build's install script failed; the fleet cannot become ACTIVE."),
        ])
    func installerCodes(code: String, meaning: String) {
        let event = EventFixture.event("e1", EventCode(rawValue: code), at: 0)
        let text = EventTextRenderer().render([event], fleet: Fixture.arena)
        #expect(text.contains(code))
        #expect(text.contains("meaning: \(meaning)"))
        #expect(EventRecord(event).meaning == meaning)
    }

    @Test("every code of the catalogue renders with its meaning")
    func wholeCatalogue() {
        for (code, meaning) in EventCode.all {
            let text = EventTextRenderer().block(EventRecord(EventFixture.event("e", code, at: 0)))
            #expect(text.contains("meaning: \(meaning)"), "\(code)")
        }
    }

    @Test("an unknown code is shown exactly as it came, and said to be unknown")
    func unknownCode() throws {
        let event = EventFixture.event("e9", "FLEET_SOMETHING_NEW_2030", at: 0, count: 3)
        let text = EventTextRenderer().render([event], fleet: Fixture.arena)
        #expect(text.contains("FLEET_SOMETHING_NEW_2030  ×3"))
        #expect(text.contains("unknown to fleetform"))
        let record = EventRecord(event)
        #expect(record.code == "FLEET_SOMETHING_NEW_2030")
        #expect(record.meaning == nil)
    }

    @Test("text shows time, code, count, message, meaning and log URL")
    func textBlock() {
        let event = EventFixture.event(
            "e1", .serverProcessInvalidPath, at: 2, count: 8, log: "https://logs.example/e1.zip",
            message: "Server process launch path /local/game/bin/Missing was not found")
        #expect(
            EventTextRenderer().block(EventRecord(event)) == """
                2026-11-18T11:08:40Z  SERVER_PROCESS_INVALID_PATH  ×8
                    Server process launch path /local/game/bin/Missing was not found
                    meaning: The launch path of a server process does not exist on the instance.
                    log: https://logs.example/e1.zip

                """)
    }

    @Test("JSON output is versioned and carries code, meaning, count and log URL")
    func json() throws {
        let query = EventQuery(fleet: Fixture.arena, region: "us-west-2", codes: [.serverProcessCrashed])
        let event = EventFixture.event("e1", .serverProcessCrashed, at: 0, count: 2, log: "https://logs.example/x")
        let data = try ReportJSON.encoder().encode(EventLog(query: query, events: [event]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["codes"] as? [String] == ["SERVER_PROCESS_CRASHED"])
        let first = try #require((object["events"] as? [[String: Any]])?.first)
        #expect(first["code"] as? String == "SERVER_PROCESS_CRASHED")
        #expect(first["count"] as? Int == 2)
        #expect(first["logUrl"] as? String == "https://logs.example/x")
        #expect(first["indicatesFailure"] as? Bool == true)
        #expect(first["meaning"] as? String == EventCode.serverProcessCrashed.meaning)
        let back = try ReportJSON.decoder().decode(EventLog.self, from: data)
        #expect(back.events.first?.time == event.eventTime)
    }

    @Test(
        "--since/--until text: ISO 8601 or a duration before now",
        arguments: [
            ("2026-11-24T09:00:00Z", 1_795_510_800.0),
            ("2026-11-24T09:00:00.500Z", 1_795_510_800.5),
            ("2026-11-24", 1_795_478_400.0),
            ("2h", 1_795_000_000.0 - 7200),
            ("1h30m", 1_795_000_000.0 - 5400),
        ])
    func timeText(text: String, expected: Double) {
        #expect(EventTimeText.date(text, now: Fixture.date)?.timeIntervalSince1970 == expected)
    }

    @Test("bad time text is refused", arguments: ["yesterday", "2026-13-45", "-2h", ""])
    func badTimeText(text: String) {
        #expect(EventTimeText.date(text, now: Fixture.date) == nil)
    }

    @Test("a fleet is named by id or ARN; the ARN gives the region")
    func fleetNames() throws {
        let arn = try #require(FleetIdentifier("arn:aws:gamelift:eu-west-1:123456789012:fleet/\(Fixture.raid)"))
        #expect(arn.fleetId == Fixture.raid)
        #expect(arn.arnRegion == "eu-west-1")
        #expect(FleetIdentifier(Fixture.arena)?.arnRegion == nil)
        #expect(FleetIdentifier("not-a-fleet") == nil)
        #expect(FleetIdentifier("arn:aws:gamelift:eu-west-1:123456789012:build/build-1") == nil)
    }
}

/// Answers every DescribeFleetEvents with the same NextToken.
private struct LoopingEvents: GameLiftService {
    func answer(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    {
        DescribeFleetEventsOutput(events: [], nextToken: "same")
    }
    func answer(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    { .init(runtimeConfiguration: nil) }
    func answer(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    { .init(runtimeConfiguration: nil) }
    func answer(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    { .init(fleetAttributes: []) }
    func answer(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput { .init(fleetIds: []) }
    func answer(_ input: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    { .init(fleetCapacity: []) }
    func answer(_ input: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    { .init(fleetUtilization: []) }
    func answer(_ input: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    { .init(fleetCapacity: nil) }
    func answer(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
    { .init(fleetUtilization: nil) }
}
