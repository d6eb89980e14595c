import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

/// Import and plan over a region holding every kind of fleet, against the simulation; and paging of
/// `ListFleets` and `DescribeFleetAttributes` followed across three pages or more.
@Suite("Every kind of fleet, through import and plan")
struct FleetKindsFlowTests {
    static let ec2 = "fleet-1c2e3d4f-0000-4000-8000-00000000ec02"
    static let anywhere = "fleet-1c2e3d4f-0000-4000-8000-0000000a0e4e"
    static let container = "containerfleet-1c2e3d4f-0000-4000-8000-0000000c0a1e"
    static let multi = "fleet-1c2e3d4f-0000-4000-8000-00000000a171"

    static func configuration(_ path: String, _ count: Int) -> RuntimeConfiguration {
        RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: path, concurrentExecutions: count)],
            maxConcurrentGameSessionActivations: 2, gameSessionActivationTimeoutSeconds: 300)
    }

    static func simulation() throws -> GameLiftSimulation {
        let containerJSON = #"{"FleetId": "\#(container)", "Region": "us-west-2"}"#
        let containerFleet = try JSONDecoder().decode(SimulatedFleet.self, from: Data(containerJSON.utf8))
        return GameLiftSimulation(
            state: SimulationState(fleets: [
                SimulatedFleet(
                    fleetId: ec2, region: "us-west-2", runtimeConfiguration: configuration("/local/game/bin/A", 4)),
                SimulatedFleet(
                    fleetId: anywhere, region: "us-west-2", runtimeConfiguration: configuration("/opt/arena/A", 2),
                    computeType: .anywhere),
                containerFleet,
                SimulatedFleet(
                    fleetId: multi, region: "us-west-2", runtimeConfiguration: configuration("/local/game/bin/A", 2),
                    locations: [
                        SimulatedLocation(location: "eu-west-1"),
                        SimulatedLocation(location: "ap-northeast-1", status: .error),
                    ]),
            ]))
    }

    @Test("import --all skips the container fleet; the files plan to no changes; locations are reported")
    func importAndPlan() async throws {
        let simulation = try Self.simulation()
        let counting = PagingGameLift(base: simulation)
        let importer = FleetImporter(reader: LiveFleetReader(gameLift: counting))
        let keys = try await importer.listFleets(region: "us-west-2", pageSize: 1)
        #expect(keys.count == 4)
        #expect(counting.count(.listFleets) == 4, "one page per fleet, every page followed")

        let results = await importer.read(keys, writer: FleetFileWriter(schemaReference: ImportedFiles.schemaURL))
        let skipped = results.filter { $0.skipped != nil }
        #expect(skipped.map(\.key.fleetId) == [Self.container])
        #expect(skipped.first?.skipped?.contains("container fleet: it has no runtime configuration") == true)
        #expect(results.allSatisfy { $0.failure == nil }, "\(results.compactMap(\.failure))")
        let anywhereText = try #require(results.first { $0.key.fleetId == Self.anywhere }?.text)
        #expect(anywhereText.contains("\nComputeType: ANYWHERE\n"))
        #expect(results.first { $0.key.fleetId == Self.ec2 }?.text?.contains("ComputeType") == false)

        let loaded = FleetLoader.loadTexts(results.compactMap { r in r.text.map { (r.fileName, $0) } })
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        let result = await LivePlanner(reader: LiveFleetReader(gameLift: counting)).plan(loaded)
        let plan = try #require(result.plan, "\(result.diagnostics)")
        #expect(plan.fleets.map(\.action) == [.unchanged, .unchanged, .unchanged])
        let multiPlan = try #require(plan.fleets.first { $0.fleetId == Self.multi })
        #expect(
            multiPlan.locations?.map(\.description) == [
                "us-west-2 ACTIVE (home)", "ap-northeast-1 ERROR", "eu-west-1 ACTIVE",
            ])
        #expect(plan.fleets.first { $0.fleetId == Self.anywhere }?.locations == nil)
        let text = PlanTextRenderer().render(plan)
        #expect(text.contains("location ap-northeast-1 is ERROR"), "\(text)")
        #expect(try simulation.snapshot().fleets.allSatisfy { $0.updateCount == 0 })
    }

    @Test("DescribeFleetAttributes pages are followed to the end (three pages)")
    func attributePaging() async throws {
        let simulation = try Self.simulation()
        let paging = PagingGameLift(base: simulation, attributesPageSize: 1)
        let keys = [Self.ec2, Self.anywhere, Self.multi].map { FleetKey(region: "us-west-2", fleetId: $0) }
        let observed = await LiveFleetReader(gameLift: paging).observe(keys)
        #expect(paging.count(.describeFleetAttributes) == 3)
        #expect(keys.allSatisfy { observed[$0]?.attributes?.fleetId == $0.fleetId })
        #expect(observed[keys[1]]?.attributes?.computeType == .anywhere)
    }

    @Test("a Region that is a remote location of the fleet is named, with the home Region")
    func remoteLocationRegion() async throws {
        let simulation = try Self.simulation()
        let loaded = FleetLoader.loadTexts([
            (
                "remote.yaml",
                "FleetId: \(Self.multi)\nRegion: eu-west-1\nRuntimeConfiguration:\n  ServerProcesses:\n"
                    + "    - LaunchPath: /local/game/bin/A\n      ConcurrentExecutions: 2\n"
            ),
            (
                "home.yaml",
                "FleetId: \(Self.ec2)\nRegion: us-west-2\nRuntimeConfiguration:\n  ServerProcesses:\n"
                    + "    - LaunchPath: /local/game/bin/A\n      ConcurrentExecutions: 4\n"
            ),
        ])
        let plan = try #require(await LivePlanner(reader: LiveFleetReader(gameLift: simulation)).plan(loaded).plan)
        let remote = try #require(plan.fleets.first { $0.region == "eu-west-1" })
        #expect(remote.action == .failed)
        #expect(remote.error?.code == "RemoteLocation")
        #expect(remote.error?.message.contains("whose home Region is us-west-2") == true)
    }
}

extension FleetLoader {
    /// Loads in-memory files as plan loads files from disk.
    static func loadTexts(_ files: [(String, String)]) -> FleetSet {
        var documents: [FleetDocument] = []
        var diagnostics: [Diagnostic] = []
        for (name, text) in files {
            let set = FleetLoader.load(text: text, path: name, options: LoadOptions())
            documents += set.documents
            diagnostics += set.diagnostics
        }
        return FleetSet(documents: documents, diagnostics: diagnostics, fileCount: files.count)
    }
}

/// Wraps a GameLift, counting calls per operation; with `attributesPageSize`, DescribeFleetAttributes answers in
/// pages of that size (with NextToken), as a service may even when fleet ids are given.
final class PagingGameLift: GameLiftService, @unchecked Sendable {
    let base: any GameLift
    let attributesPageSize: Int?
    private let lock = NSLock()
    private var counts: [GameLiftOperation: Int] = [:]

    init(base: any GameLift, attributesPageSize: Int? = nil) {
        self.base = base
        self.attributesPageSize = attributesPageSize
    }

    func count(_ operation: GameLiftOperation) -> Int { lock.withLock { counts[operation] ?? 0 } }
    private func note(_ operation: GameLiftOperation) { lock.withLock { counts[operation, default: 0] += 1 } }

    func answer(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    {
        note(.describeRuntimeConfiguration)
        return try await base.send(input, region: region)
    }
    func answer(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    {
        note(.updateRuntimeConfiguration)
        return try await base.send(input, region: region)
    }
    func answer(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    {
        note(.describeFleetAttributes)
        var whole = input
        whole.nextToken = nil
        let all = try await base.send(whole, region: region).fleetAttributes ?? []
        guard let size = attributesPageSize else { return DescribeFleetAttributesOutput(fleetAttributes: all) }
        let start = input.nextToken.flatMap { Int($0.dropFirst(5)) } ?? 0
        let end = min(all.count, start + size)
        return DescribeFleetAttributesOutput(
            fleetAttributes: Array(all[min(start, end)..<end]), nextToken: end < all.count ? "page-\(end)" : nil)
    }
    func answer(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    {
        note(.describeFleetEvents)
        return try await base.send(input, region: region)
    }
    func answer(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        note(.listFleets)
        return try await base.send(input, region: region)
    }
    func answer(_ input: DescribeFleetLocationAttributesInput, region: String)
        async throws -> DescribeFleetLocationAttributesOutput
    {
        note(.describeFleetLocationAttributes)
        return try await base.send(input, region: region)
    }
    func answer(_ input: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    {
        note(.describeFleetCapacity)
        return try await base.send(input, region: region)
    }
    func answer(_ input: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    {
        note(.describeFleetUtilization)
        return try await base.send(input, region: region)
    }
    func answer(_ input: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    {
        note(.describeFleetLocationCapacity)
        return try await base.send(input, region: region)
    }
    func answer(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
    {
        note(.describeFleetLocationUtilization)
        return try await base.send(input, region: region)
    }
}
