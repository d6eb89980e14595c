import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import fleetform

@testable import FleetformCore

/// Rendered plans compared with files in `Golden/`. Set FLEETFORM_RECORD_GOLDEN=1 to re-record them after an
/// intended change, then review the diff.
@Suite("Golden plans")
struct GoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    /// A plan with every kind of fleet: updated (with an unmanaged field), unchanged, held, failed.
    static func samplePlan() -> PlanDocument {
        let (docs, _) = Fixture.threeFleets()
        var partial = Fixture.document(
            "fleet-9e8d7c6b-5a49-4382-9176-5f4e3d2c1b0a", region: "ap-northeast-1", path: "fleets/prod/regional.yaml",
            line: 12, RuntimeConfiguration(serverProcesses: [Fixture.ranked]))
        partial.fleetIdOrArn =
            "arn:aws:gamelift:ap-northeast-1:123456789012:fleet/fleet-9e8d7c6b-5a49-4382-9176-5f4e3d2c1b0a"
        let missing = Fixture.document(
            "fleet-00000000-0000-4000-8000-000000000000", path: "fleets/staging/old.yaml",
            RuntimeConfiguration(serverProcesses: [Fixture.casual]))
        let observed: [FleetKey: ObservedFleet] = [
            FleetKey(docs[0]): ObservedFleet(
                attributes: FleetAttributes(fleetId: Fixture.arena, status: .active, operatingSystem: .amazonLinux2023),
                configuration: Fixture.specLive),
            FleetKey(docs[1]): ObservedFleet(configuration: docs[1].runtimeConfiguration),
            FleetKey(docs[2]): ObservedFleet(configuration: docs[2].runtimeConfiguration),
            FleetKey(partial): ObservedFleet(
                attributes: FleetAttributes(fleetId: partial.fleetId, status: .error),
                configuration: RuntimeConfiguration(
                    serverProcesses: [Fixture.casual], maxConcurrentGameSessionActivations: 2,
                    gameSessionActivationTimeoutSeconds: 120)),
            FleetKey(missing): ObservedFleet(
                error: ServiceErrorInfo(code: "NotFoundException", message: "Fleet not found.", requestId: "req-1")),
        ]
        return Planner.plan(desired: docs + [partial, missing], observed: observed, now: Fixture.date)
    }

    static func check(_ name: String, _ actual: String) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["FLEETFORM_RECORD_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected,
            "\(name) differs from its golden file; re-record with FLEETFORM_RECORD_GOLDEN=1 if intended")
    }

    @Test func text() throws {
        try Self.check("plan.txt", PlanTextRenderer(names: Words.names).render(Self.samplePlan()))
    }

    @Test func coloredText() throws {
        let colored = PlanTextRenderer(style: TextStyle(colored: true), names: Words.names).render(Self.samplePlan())
        #expect(colored.contains("\u{1B}[33m~\u{1B}[0m"))
        // Without colour, no escape codes at all.
        #expect(!PlanTextRenderer(names: Words.names).render(Self.samplePlan()).contains("\u{1B}"))
    }

    @Test func json() throws {
        let data = try ReportJSON.encoder().encode(Self.samplePlan())
        try Self.check("plan.json", String(decoding: data, as: UTF8.self) + "\n")
    }

    @Test func markdown() throws {
        try Self.check("plan.md", PlanMarkdownRenderer(names: Words.names).render(Self.samplePlan()))
    }

    @Test func noChanges() throws {
        let (docs, _) = Fixture.threeFleets()
        let observed = Dictionary(
            uniqueKeysWithValues: docs.map { (FleetKey($0), ObservedFleet(configuration: $0.runtimeConfiguration)) })
        let plan = Planner.plan(desired: docs, observed: observed, now: Fixture.date)
        #expect(
            PlanTextRenderer(names: Words.names).render(plan)
                == "No changes. The live fleets match the files.\nPlan: 0 to update, 3 unchanged, 0 held, 0 failed.\n")
        #expect(PlanMarkdownRenderer(names: Words.names).render(plan).contains("No changes."))
    }

    @Test("markdown is cut cleanly, with a note, before the comment limit")
    func markdownCut() throws {
        let many = (0..<2_000).map { i in
            Fixture.document(
                String(format: "fleet-%08x-0000-4000-8000-000000000000", i), path: "fleets/f\(i).yaml",
                RuntimeConfiguration(
                    serverProcesses: [Fixture.ranked, Fixture.casual], gameSessionActivationTimeoutSeconds: 300))
        }
        let observed = Dictionary(
            uniqueKeysWithValues: many.map { (FleetKey($0), ObservedFleet(configuration: Fixture.specLive)) })
        let plan = Planner.plan(desired: many, observed: observed, now: Fixture.date)
        let full = PlanMarkdownRenderer(limit: .max, names: Words.names).render(plan)
        #expect(full.count > PlanMarkdownRenderer.githubCommentLimit)
        let cut = PlanMarkdownRenderer(names: Words.names).render(plan)
        #expect(cut.count <= PlanMarkdownRenderer.githubCommentLimit)
        #expect(cut.contains("**Cut:**"))
        #expect(cut.hasSuffix("\n"))
        // Every <details> that is opened is closed: the cut falls between sections.
        #expect(cut.components(separatedBy: "<details>").count == cut.components(separatedBy: "</details>").count)
        try Self.check("plan-cut-head.md", String(cut.prefix(1_200)) + "\n")
    }
}
