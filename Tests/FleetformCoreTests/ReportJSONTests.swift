import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore

/// The apply report's JSON (`apply --format json`): a golden file that scripts/check_plan_schema.py also
/// validates against schemas/apply-report.schema.json, and a decode round trip.
@Suite("Apply report JSON")
struct ReportJSONTests {
    static func sampleReport() -> ApplyReport {
        let arena = SourceLocation(path: "fleets/prod/arena.yaml", line: 1, column: 1)
        let outcomes = [
            FleetOutcome(
                fleetId: Fixture.arena, region: "us-west-2", source: arena, result: .updated, status: .active,
                updatedAt: Fixture.date.addingTimeInterval(2), previous: Fixture.specLive,
                applied: Fixture.specDesired.runtimeConfiguration),
            FleetOutcome(
                fleetId: Fixture.lobby, region: "us-west-2",
                source: SourceLocation(path: "fleets/prod/lobby.yaml", line: 1, column: 1), result: .unchanged),
            FleetOutcome(
                fleetId: Fixture.raid, region: "eu-west-1",
                source: SourceLocation(path: "fleets/prod/raid.yaml", line: 1, column: 1), result: .held,
                status: .activating,
                error: ServiceErrorInfo(
                    code: "InvalidFleetStatusException", message: "Fleet is ACTIVATING.", requestId: "req-7"),
                detail: "status ACTIVATING does not accept updates; --hold-timeout ran out"),
            FleetOutcome(
                fleetId: "fleet-00000000-0000-4000-8000-000000000000", region: "us-west-2",
                source: SourceLocation(path: "fleets/staging/old.yaml", line: 1, column: 1), result: .failed,
                error: ServiceErrorInfo(code: "NotFoundException", message: "Fleet not found.", requestId: "req-1"),
                detail: "could not be read"),
        ]
        return ApplyReport(
            run: "run-20261118T110640Z-1a2b3c4d", startedAt: Fixture.date,
            finishedAt: Fixture.date.addingTimeInterval(5),
            outcomes: outcomes)
    }

    @Test func golden() throws {
        let data = try ReportJSON.encoder().encode(Self.sampleReport())
        try GoldenTests.check("apply-report.json", String(decoding: data, as: UTF8.self) + "\n")
    }

    @Test("the report decodes to the same value")
    func roundTrip() throws {
        let report = Self.sampleReport()
        let decoded = try ReportJSON.decoder().decode(ApplyReport.self, from: try ReportJSON.encoder().encode(report))
        #expect(decoded == report)
        #expect(decoded.summary == ApplySummary(report.outcomes))
    }
}
