import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

/// `--target`: plan, apply and import work on the fleets the selectors name, and send nothing for the others.
@Suite("--target")
struct TargetTests {
    static let arena = "fleet-7a7a7a7a-0000-4000-8000-000000000001"
    static let lobby = "fleet-7a7a7a7a-0000-4000-8000-000000000002"
    static let raid = "fleet-7a7a7a7a-0000-4000-8000-000000000003"
    static let live = RuntimeConfiguration(
        serverProcesses: [ServerProcess(launchPath: "/local/game/server", concurrentExecutions: 1)])

    /// Three fleet files, each asking for 2 processes: prod/arena and prod/lobby in us-west-2, staging/raid in
    /// eu-west-1.
    static func files(in workspace: Workspace) throws -> [String: String] {
        let files = [
            "prod/arena.yaml": (arena, "us-west-2"), "prod/lobby.yaml": (lobby, "us-west-2"),
            "staging/raid.yaml": (raid, "eu-west-1"),
        ]
        var paths: [String: String] = [:]
        for (name, (fleet, region)) in files {
            paths[name] = try workspace.write(
                name,
                """
                FleetId: \(fleet)
                Region: \(region)
                RuntimeConfiguration:
                  ServerProcesses:
                    - LaunchPath: /local/game/server
                      ConcurrentExecutions: 2
                """)
        }
        return paths
    }

    static func plan(_ selectors: [String], in workspace: Workspace) async throws -> (PlanDocument?, ScriptedGameLift) {
        _ = try files(in: workspace)
        let gameLift = ScriptedGameLift(configurations: [arena: live, lobby: live, raid: live])
        let input = try FleetInput.load(paths: [workspace.path], buildManifest: nil, defaultRegion: nil)
            .targeting(try selectors.map { text throws(SelectorError) in try FleetSelector.parse(text) })
        let result = await PlanWorkflow(
            context: WorkflowContext(gameLift: gameLift, timing: VirtualClock().timing), options: .init()
        ).run(input)
        return (result.plan, gameLift)
    }

    @Test("plan --target FILE reads that fleet only: every recorded request names it")
    func planOneFile() async throws {
        let workspace = try Workspace("target-file")
        defer { workspace.remove() }
        let (plan, gameLift) = try await Self.plan([workspace.file("prod/arena.yaml")], in: workspace)
        #expect(plan?.fleets.map(\.fleetId) == [Self.arena])
        #expect(!gameLift.recorded.isEmpty)
        #expect(gameLift.recorded.allSatisfy { $0.fleetId == Self.arena }, "\(gameLift.recorded)")
    }

    @Test("a folder, a fleet id and region:NAME select what they name; targets add up")
    func selectors() async throws {
        let workspace = try Workspace("target-selectors")
        defer { workspace.remove() }
        let (folder, _) = try await Self.plan([workspace.file("prod")], in: workspace)
        #expect(Set(folder?.fleets.map(\.fleetId) ?? []) == [Self.arena, Self.lobby])
        let (byId, byIdLift) = try await Self.plan([Self.raid], in: workspace)
        #expect(byId?.fleets.map(\.fleetId) == [Self.raid])
        #expect(byIdLift.recorded.allSatisfy { $0.fleetId == Self.raid && $0.region == "eu-west-1" })
        let (region, _) = try await Self.plan(["region:eu-west-1", Self.lobby], in: workspace)
        #expect(Set(region?.fleets.map(\.fleetId) ?? []) == [Self.raid, Self.lobby])
        // An ARN matches only in its own region.
        let (arn, _) = try await Self.plan(
            ["arn:aws:gamelift:eu-west-1:123456789012:fleet/\(Self.raid)"], in: workspace)
        #expect(arn?.fleets.map(\.fleetId) == [Self.raid])
    }

    @Test("a target naming nothing, a count, an unknown path or region are refused before any request")
    func refusals() async throws {
        let workspace = try Workspace("target-refusals")
        defer { workspace.remove() }
        await #expect(throws: SelectorError.namesNoFleet(.region("ap-south-1"))) {
            _ = try await Self.plan(["region:ap-south-1"], in: workspace)
        }
        #expect(throws: SelectorError.countOrPercentage("10%")) { try FleetSelector.parse("10%") }
        #expect(throws: SelectorError.countOrPercentage("3")) { try FleetSelector.parse("3") }
        #expect(throws: SelectorError.noSuchPath("no/such/folder")) { try FleetSelector.parse("no/such/folder") }
        #expect(throws: SelectorError.notARegion("region:Oregon", region: "Oregon")) {
            try FleetSelector.parse("region:Oregon")
        }
        #expect(throws: SelectorError.notAFleet("fleet-")) { try FleetSelector.parse("fleet-") }
        #expect(throws: SelectorError.empty) { try FleetSelector.parse("") }
    }

    @Test("apply --target: only the named fleet is updated")
    func applyOne() async throws {
        let workspace = try Workspace("target-apply")
        defer { workspace.remove() }
        _ = try Self.files(in: workspace)
        let gameLift = ScriptedGameLift(configurations: [
            Self.arena: Self.live, Self.lobby: Self.live, Self.raid: Self.live,
        ])
        let input = try FleetInput.load(paths: [workspace.path], buildManifest: nil, defaultRegion: nil)
            .targeting([try FleetSelector.parse(Self.lobby)])
        let result = await ApplyWorkflow(
            context: WorkflowContext(gameLift: gameLift, timing: VirtualClock().timing),
            options: ApplyWorkflow.Options(journalPath: workspace.file("journal.jsonl"), approval: .automatic)
        ).run(.files(input))
        #expect(result.apply?.outcomes.map(\.fleetId) == [Self.lobby])
        #expect(gameLift.calls(.updateRuntimeConfiguration).map(\.fleetId) == [Self.lobby])
        #expect(gameLift.configuration(Self.arena) == Self.live)
        #expect(gameLift.configuration(Self.raid) == Self.live)
    }

    @Test("import --target: only the named fleets are read and written")
    func importTargets() async throws {
        let workspace = try Workspace("target-import")
        defer { workspace.remove() }
        let gameLift = ScriptedGameLift(configurations: [Self.arena: Self.live, Self.lobby: Self.live])
        var options = ImportWorkflow.Options(
            fleets: .named([
                FleetKey(region: "us-west-2", fleetId: Self.arena), FleetKey(region: "us-west-2", fleetId: Self.lobby),
            ]),
            directory: workspace.file("fleets"))
        options.targets = [try FleetSelector.parse(Self.lobby)]
        let result = await ImportWorkflow(
            context: WorkflowContext(gameLift: gameLift, timing: VirtualClock().timing), options: options
        ).run()
        #expect(result.written == 1)
        #expect(gameLift.calls(.describeRuntimeConfiguration).map(\.fleetId) == [Self.lobby])
    }
}
