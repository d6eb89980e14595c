import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct StateFileTests {
    let folder: URL
    var statePath: String { folder.appendingPathComponent("state.json").path }
    var seedPath: String { folder.appendingPathComponent("seed.json").path }

    init() throws { folder = try Fixture.temporaryFolder() }

    func writeSeed(_ state: SimulationState) throws {
        try StateCoding.encoder().encode(state).write(to: URL(fileURLWithPath: seedPath))
    }

    func open(seed: UInt64 = 1) throws -> GameLiftSimulation {
        try GameLiftSimulation.open(stateFile: statePath, seedFile: seedPath, seed: seed)
    }

    @Test func createsTheStateFromTheSeedAndKeepsChangesAcrossReopening() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // An empty build, so the update logs an event (SERVER_PROCESS_INVALID_PATH) that must survive reopening.
        try writeSeed(Fixture.state([Fixture.fleet(files: [])]))
        let first = try open()
        #expect(FileManager.default.fileExists(atPath: statePath))
        let changed = Fixture.configuration(max: 7)
        _ = try await first.send(Fixture.update(Fixture.arena, changed), region: "us-west-2")

        try FileManager.default.removeItem(atPath: seedPath)  // the state file is used from now on
        let second = try open()
        let live = try await second.send(DescribeRuntimeConfigurationInput(fleetId: Fixture.arena), region: "us-west-2")
        #expect(live.runtimeConfiguration == changed)
        #expect(try second.snapshot() == (try first.snapshot()))
        #expect(try second.snapshot().fleets[0].events.count >= 1)
    }

    @Test func createsTheStateFileFolderWhenMissing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeSeed(Fixture.state())
        let nested = folder.appendingPathComponent(".fleetform/local/state.json").path
        let simulation = try GameLiftSimulation.open(stateFile: nested, seedFile: seedPath)
        #expect(simulation.stateFile == nested)
        #expect(try StateFileStore.read(nested) == Fixture.state())
    }

    @Test func aMissingStateAndSeedIsAnErrorNamingBoth() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try open()
        } throws: { error in
            let message = (error as? SimulationError)?.message ?? ""
            return message.contains(statePath) && message.contains(seedPath)
        }
        #expect(!FileManager.default.fileExists(atPath: statePath))
    }

    @Test(arguments: [
        ("{ not json", "invalid JSON"),
        (
            #"{"Version": 1, "Account": "1", "Fleets": [{"FleetId": "fleet-1", "Region": "us-west-2"}]}"#,
            "missing key 'RuntimeConfiguration' at Fleets[0]"
        ),
        (#"{"Version": 9, "Account": "1", "Fleets": []}"#, "version 9 is not supported"),
        (
            #"{"Version": 1, "Account": "1", "Fleets": [{"FleetId": "arena", "Region": "r", "RuntimeConfiguration": {}}]}"#,
            "Fleets[0]: FleetId 'arena' is not a fleet id"
        ),
    ])
    func aCorruptStateFileIsAnErrorNamingIt(_ text: String, _ fragment: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: statePath))
        #expect {
            try open()
        } throws: { error in
            let message = (error as? SimulationError)?.message ?? ""
            return message.hasPrefix(statePath) && message.contains(fragment)
        }
    }

    @Test func aStateFileCorruptedWhileInUseFailsTheCallNamingIt() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeSeed(Fixture.state())
        let simulation = try open()
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: statePath))
        await #expect {
            try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: Fixture.arena), region: "us-west-2")
        } throws: { error in
            (error as? SimulationError)?.message.hasPrefix(statePath) == true
        }
    }

    @Test func writesAtomicallyAndReadsChangesMadeByOthers() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeSeed(Fixture.state([Fixture.fleet(), Fixture.fleet(Fixture.other)]))
        let simulation = try open()
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["seed.json", "state.json", "state.json.lock"])
        let reread = try StateFileStore.read(statePath)
        #expect(reread == (try simulation.snapshot()))

        // Someone edits the file by hand: the simulation sees it on its next call.
        var edited = reread
        edited.fleets[1].status = .error
        try StateCoding.encoder().encode(edited).write(to: URL(fileURLWithPath: statePath))
        let attributes = try await simulation.send(
            DescribeFleetAttributesInput(fleetIds: [Fixture.other]), region: "us-west-2")
        #expect(attributes.fleetAttributes?.first?.status == .error)
    }

    @Test func anOutOfBandChangeIsSeenByOtherProcesses() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeSeed(Fixture.state())
        let console = try open()
        let fleetform = try open()
        try console.modify { $0.fleets[0].status = .deleting }
        let error = await serviceError {
            try await fleetform.send(Fixture.update(), region: "us-west-2")
        }
        #expect(error?.code == .invalidFleetStatus)
        #expect(throws: SimulationError.self) { try console.modify { $0.fleets.append($0.fleets[0]) } }
        #expect(try StateFileStore.read(statePath).fleets.count == 1)
    }

    @Test func twoSimulationsSharingAFileLoseNoUpdate() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = FleetListTests.ids(12)
        // An empty build: every update logs one SERVER_PROCESS_INVALID_PATH, so events count updates.
        try writeSeed(Fixture.state(ids.map { Fixture.fleet($0, files: []) }))
        let simulations = [try open(seed: 1), try open(seed: 2)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for simulation in simulations {
                for (index, id) in ids.enumerated() {
                    group.addTask {
                        for round in 0..<4 {
                            let configuration = Fixture.configuration(max: 1 + index + round)
                            _ = try await simulation.send(
                                Fixture.update(id, configuration), region: "us-west-2")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try StateFileStore.read(statePath)
        #expect(final.fleets.map(\.updateCount) == Array(repeating: 8, count: ids.count))
        #expect(final.fleets.allSatisfy { $0.events.filter { $0.eventCode == .serverProcessInvalidPath }.count == 8 })
        #expect(try simulations[0].snapshot() == final)
    }

    @Test func handlesThousandsOfCallsOnAThousandFleetState() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = FleetListTests.ids(1000)
        try writeSeed(Fixture.state(ids.map { Fixture.fleet($0) }))
        let simulation = try open()
        let encodedBefore = simulation.stateFleetsEncoded
        for (index, id) in ids.enumerated() {
            _ = try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: id), region: "us-west-2")
            _ = try await simulation.send(DescribeFleetAttributesInput(fleetIds: [id]), region: "us-west-2")
            if index % 2 == 0 {
                _ = try await simulation.send(
                    Fixture.update(id, Fixture.configuration(max: 5)), region: "us-west-2")
            }
        }
        #expect(try StateFileStore.read(statePath).fleets.filter { $0.updateCount == 1 }.count == 500)
        // The work, not the time (a loaded machine makes any time bound a guess): each of the 500 writes
        // encodes the one fleet it changed, beyond the first write's encoding of all of them; a full re-encode
        // per call would be 500,000.
        let encoded = simulation.stateFleetsEncoded - encodedBefore
        #expect(encoded <= 1000 + 500, "500 updates encoded \(encoded) fleets")
    }
}

@Suite struct StateCodingTests {
    @Test(arguments: [0.0, 0.001, 0.0004, 0.9995, 123.456789, 1_795_000_000.999, 1_795_000_000.1234])
    func datesSurviveTheFileExactly(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds).wholeMilliseconds
        #expect(StateCoding.parse(StateCoding.format(date)) == date)
    }

    @Test(arguments: [
        ("2026-01-31T12:00:00Z", 1_769_860_800.0), ("2026-01-31T12:00:00.5Z", 1_769_860_800.5),
        ("2026-01-31T12:00:00.250Z", 1_769_860_800.25), ("2026-01-31T13:00:00+01:00", 1_769_860_800.0),
    ])
    func readsHandWrittenDates(_ text: String, _ seconds: Double) {
        #expect(StateCoding.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test func formatsUTCWithMilliseconds() {
        #expect(StateCoding.format(Date(timeIntervalSince1970: 1_769_860_800.25)) == "2026-01-31T12:00:00.250Z")
    }
}
