import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

/// DescribeFleetCapacity and DescribeFleetUtilization from the state's instance and game-session counts.
@Suite struct CapacityTests {
    static func fleets() -> [SimulatedFleet] {
        var arena = Fixture.fleet()
        arena.instances = 10
        arena.activeGameSessions = 31
        arena.instanceType = "c5.large"
        var lobby = Fixture.fleet(Fixture.lobby)
        lobby.computeType = .anywhere
        lobby.instances = 3
        var other = Fixture.fleet(Fixture.other)
        other.instances = nil
        return [arena, lobby, other]
    }

    @Test func capacityAndUtilizationComeFromTheState() async throws {
        let (simulation, _) = Fixture.simulation(Self.fleets())
        let ids = [
            Fixture.arena, Fixture.arn(Fixture.lobby), Fixture.other, "fleet-00000000-0000-4000-8000-000000000000",
        ]
        let capacity = try await simulation.send(DescribeFleetCapacityInput(fleetIds: ids), region: "us-west-2")
        let entries = try #require(capacity.fleetCapacity)
        #expect(entries.map(\.fleetId) == [Fixture.arena, Fixture.lobby, Fixture.other], "unknown fleets left out")
        #expect(entries[0].instanceCounts?.active == 10 && entries[0].instanceType == "c5.large")
        #expect(entries[0].location == "us-west-2")
        #expect(entries[0].fleetArn == Fixture.arn(Fixture.arena))
        #expect(entries[1].instanceType == nil && entries[1].instanceCounts?.active == 3, "Anywhere: computes, no type")
        #expect(entries[2].instanceCounts?.active == 1, "one instance when the state does not say")
        #expect(capacity.nextToken == nil)
        let use = try await simulation.send(
            DescribeFleetUtilizationInput(fleetIds: [Fixture.arena]), region: "us-west-2")
        let arena = try #require(use.fleetUtilization?.first)
        #expect(arena.activeGameSessionCount == 31)
        #expect(arena.activeServerProcessCount == 40, "10 instances × 4 processes")
        // Another Region's fleets are not there.
        let elsewhere = try await simulation.send(
            DescribeFleetCapacityInput(fleetIds: [Fixture.arena]), region: "eu-west-1")
        #expect(elsewhere.fleetCapacity == [])
    }

    @Test func pagesAreFollowedAndTokensBelongToTheirRequest() async throws {
        let (simulation, _) = Fixture.simulation(Self.fleets())
        let ids = [Fixture.arena, Fixture.lobby, Fixture.other]
        var seen: [String] = []
        var token: String?
        repeat {
            let page = try await simulation.send(
                DescribeFleetCapacityInput(fleetIds: ids, limit: 1, nextToken: token), region: "us-west-2")
            seen += (page.fleetCapacity ?? []).compactMap(\.fleetId)
            token = page.nextToken
            #expect((token?.count ?? 0) <= GameLiftLimits.nextTokenLength.upperBound)
        } while token != nil
        #expect(seen == ids)
        let first = try await simulation.send(DescribeFleetCapacityInput(fleetIds: ids, limit: 1), region: "us-west-2")
        let foreign = await serviceError {
            try await simulation.send(
                DescribeFleetCapacityInput(fleetIds: [Fixture.arena], nextToken: first.nextToken), region: "us-west-2")
        }
        #expect(foreign?.code == .invalidRequest)
        let all = try await simulation.send(DescribeFleetUtilizationInput(), region: "us-west-2")
        #expect(all.fleetUtilization?.count == 3)
    }

    @Test("with a process lifetime, old processes run on beside new ones: 40 → 60 → 80 over the lifetime")
    func gradualReplacementCountsBothConfigurations() async throws {
        var arena = Fixture.fleet(behaviour: FleetBehaviour(eventDelaySeconds: 0, processLifetimeSeconds: 600))
        arena.instances = 10
        var broken = Fixture.fleet(Fixture.lobby, behaviour: arena.behaviour)
        broken.instances = 10
        var instant = Fixture.fleet(Fixture.other)
        instant.instances = 10
        let (simulation, clock) = Fixture.simulation([arena, broken, instant])
        func active() async throws -> [Int?] {
            let ids = [Fixture.arena, Fixture.lobby, Fixture.other]
            let use = try await simulation.send(DescribeFleetUtilizationInput(fleetIds: ids), region: "us-west-2")
            return (use.fleetUtilization ?? []).map(\.activeServerProcessCount)
        }
        let eight = Fixture.configuration([("/local/game/bin/ArenaServer", "-port 7777", 8)])
        let missing = Fixture.configuration([("/local/game/bin/Missing", nil, 8)])
        _ = try await simulation.send(Fixture.update(Fixture.arena, eight), region: "us-west-2")
        _ = try await simulation.send(Fixture.update(Fixture.lobby, missing), region: "us-west-2")
        _ = try await simulation.send(Fixture.update(Fixture.other, eight), region: "us-west-2")
        // Right after the update every old process still runs; without a lifetime the change is immediate.
        #expect(try await active() == [40, 40, 80])
        clock.advance(by: 300)
        // Half of the old processes have ended: each replaced by a new one, or by nothing when its path is missing.
        #expect(try await active() == [60, 20, 80])
        clock.advance(by: 301)
        #expect(try await active() == [80, 0, 80])
        // The replaced configuration is kept in the state, and survives the state file.
        let state = try simulation.snapshot()
        #expect(state.fleets[0].replacement?.previous == Fixture.configuration())
        #expect(state.fleets[2].replacement == nil)
        let again = try StateCoding.decoder().decode(SimulationState.self, from: StateCoding.encoder().encode(state))
        #expect(again == state)
    }

    @Test func requestsOutsideTheModelAreRefused() async throws {
        let (simulation, _) = Fixture.simulation(Self.fleets())
        let tooMany = (0...GameLiftLimits.fleetCapacityBatch).map {
            String(format: "fleet-00000000-0000-4000-8000-%012d", $0)
        }
        for input in [
            DescribeFleetCapacityInput(fleetIds: []), DescribeFleetCapacityInput(fleetIds: tooMany),
            DescribeFleetCapacityInput(fleetIds: ["not-a-fleet"]), DescribeFleetCapacityInput(limit: 0),
        ] {
            let capacity = await serviceError { try await simulation.send(input, region: "us-west-2") }
            #expect(capacity?.code == .invalidRequest, "\(input)")
            let use = await serviceError { try await simulation.send(input, region: "us-west-2") }
            #expect(use?.code == .invalidRequest, "\(input)")
        }
    }

    @Test(arguments: [-1, 2_147_483_648])
    func countsOutsideWholeNumbersAreRefusedInTheState(_ count: Int) throws {
        let json = """
            {"Version": 1, "Account": "123456789012", "Fleets": [{"FleetId": "\(Fixture.arena)", "Region": "us-west-2",
             "RuntimeConfiguration": {"ServerProcesses": []}, "Instances": \(count)}]}
            """
        let state = try StateCoding.decode(SimulationState.self, from: Data(json.utf8), file: "state.json")
        #expect(throws: SimulationError.self) { try state.validated(file: "state.json") }
        let located = json.replacingOccurrences(
            of: #""Instances": \#(count)"#,
            with: #""Locations": [{"Location": "eu-west-1", "ActiveGameSessions": \#(count)}]"#)
        let remote = try StateCoding.decode(SimulationState.self, from: Data(located.utf8), file: "state.json")
        #expect(throws: SimulationError.self) { try remote.validated(file: "state.json") }
    }
}
