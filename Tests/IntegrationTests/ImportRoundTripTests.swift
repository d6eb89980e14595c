import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import GameLiftSimulation
import Testing

/// The acceptance check of `fleetform import` against the real simulation, seeded with the example fleets
/// (examples/local/seed.json: Linux and Windows fleets in three regions): import every fleet of every
/// region, load the written files as plan does, plan against the same simulation — every fleet unchanged.
@Suite("Import round trip against the simulation")
struct ImportRoundTripTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("import --all, then plan: no changes, nothing written to GameLift")
    func roundTrip() async throws {
        let scratch = NSTemporaryDirectory() + "fleetform-import-\(UUID().uuidString)"
        let simulation = try GameLiftSimulation.open(
            stateFile: scratch + "/state.json",
            seedFile: Self.repository.appendingPathComponent("examples/local/seed.json").path)
        // GameLift lists an account's own fleets: the seed's staging fleets are in another account.
        let seeded = try simulation.snapshot().fleets.filter { $0.account == nil }
        let regions = Set(seeded.map(\.region)).sorted()
        let importer = FleetImporter(reader: LiveFleetReader(gameLift: simulation))
        let writer = FleetFileWriter(schemaReference: ImportedFiles.schemaURL)

        var keys: [FleetKey] = []
        for region in regions {
            // A page of one fleet makes every listing follow NextToken.
            keys += try await importer.listFleets(region: region, pageSize: 1)
        }
        #expect(Set(keys.map(\.fleetId)) == Set(seeded.map(\.fleetId)), "every seeded fleet is listed once")
        let results = await importer.read(keys, writer: writer)
        for result in results { #expect(result.failure == nil, "\(result.key): \(result.failure ?? "")") }
        try ImportedFiles.write(
            results.compactMap { r in r.text.map { (path: "\(scratch)/fleets/\(r.fileName)", text: $0) } })

        let loaded = FleetLoader.load(paths: [scratch + "/fleets"], options: LoadOptions())
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.documents.count == seeded.count)
        let result = await LivePlanner(reader: LiveFleetReader(gameLift: simulation)).plan(loaded)
        let plan = try #require(result.plan, "\(result.diagnostics)")
        #expect(plan.summary == PlanSummary(Array(repeating: .unchanged, count: seeded.count)), "\(plan.summary.line)")
        #expect(!plan.hasChanges)
        // The simulation's state is as seeded: import and plan only read.
        #expect(
            try simulation.snapshot().fleets.filter { $0.account == nil }.map(\.runtimeConfiguration)
                == seeded.map(\.runtimeConfiguration))
        #expect(
            try simulation.snapshot().fleets.filter { $0.account == nil }.map(\.updateCount)
                == seeded.map(\.updateCount))
    }
}
