import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

/// The seed in examples/local must fit the example fleet files: every fleet present, in its region, with a
/// build holding every launch path the files use, so applying the examples succeeds cleanly.
@Suite struct ExampleSeedTests {
    struct Declared {
        var fleetId: String
        var region: String?
        var launchPaths: [String]
    }

    /// A line-level reading of the example YAML files: enough for FleetId, Region and LaunchPath.
    static func declaredFleets() throws -> [Declared] {
        let root = URL(fileURLWithPath: examplesFolder()).deletingLastPathComponent().appendingPathComponent("fleets")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        var declared: [Declared] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for document in text.components(separatedBy: "\n---") {
                var fleet = Declared(fleetId: "", region: nil, launchPaths: [])
                for line in document.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    let value = { (key: String) in
                        String(line.dropFirst(key.count)).trimmingCharacters(in: .whitespaces)
                    }
                    if line.hasPrefix("FleetId:") {
                        let reference = FleetReference(value("FleetId:"))
                        fleet.fleetId = reference.fleetId
                        fleet.region = fleet.region ?? reference.arnRegion
                    } else if line.hasPrefix("Region:") {
                        fleet.region = value("Region:")
                    } else if line.hasPrefix("- LaunchPath:") {
                        fleet.launchPaths.append(value("- LaunchPath:"))
                    }
                }
                if !fleet.fleetId.isEmpty { declared.append(fleet) }
            }
        }
        return declared
    }

    @Test func theSeedHoldsEveryExampleFleetWithItsLaunchPaths() throws {
        let seed = try StateFileStore.read(examplesFolder() + "/seed.json")
        let declared = try Self.declaredFleets()
        #expect(declared.count >= 7)
        for fleet in declared {
            let live = try #require(seed.fleets.first { $0.fleetId == fleet.fleetId }, "\(fleet.fleetId) is not seeded")
            #expect(live.region == fleet.region, "\(fleet.fleetId)")
            #expect(live.status == .active && live.hold == nil, "\(fleet.fleetId)")
            for path in fleet.launchPaths {
                #expect(BuildLayout.contains(path, fleet: live), "\(path) is not in the build of \(fleet.fleetId)")
            }
        }
    }

    @Test func theSeedDiffersFromTheExamplesInInstructiveWays() throws {
        let seed = try StateFileStore.read(examplesFolder() + "/seed.json")
        let lobby = try #require(seed.fleets.first { $0.fleetId == Fixture.lobby })
        let processes = try #require(lobby.runtimeConfiguration.serverProcesses)
        // The same set in another order: not a change.
        #expect(processes.map(\.key) != processes.map(\.key).sorted())
        let arena = try #require(seed.fleets.first { $0.fleetId == Fixture.arena })
        #expect(arena.runtimeConfiguration.serverProcesses?.count == 1)
        #expect(arena.runtimeConfiguration.gameSessionActivationTimeoutSeconds == 120)
    }
}
