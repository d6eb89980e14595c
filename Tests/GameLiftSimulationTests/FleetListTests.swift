import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct FleetListTests {
    static func ids(_ count: Int) -> [String] {
        (0..<count).map { String(format: "fleet-00000000-0000-4000-8000-%012d", $0) }
    }

    static func fleets(_ count: Int) -> [SimulatedFleet] {
        ids(count).enumerated().map { index, id in
            var fleet = Fixture.fleet(id, region: index % 3 == 0 ? "eu-west-1" : "us-west-2")
            fleet.buildId = index % 2 == 0 ? "build-even" : "build-odd"
            return fleet
        }
    }

    @Test func describesRequestedFleetsAndLeavesOutUnknownOnes() async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(), Fixture.fleet(Fixture.lobby, region: "eu-west-1")])
        let unknown = "fleet-00000000-0000-4000-8000-000000000000"
        let output = try await simulation.send(
            DescribeFleetAttributesInput(
                fleetIds: [unknown, Fixture.arn(Fixture.arena), Fixture.lobby, Fixture.arena], limit: 1),
            region: "us-west-2")
        let attributes = try #require(output.fleetAttributes)
        #expect(attributes.map(\.fleetId) == [Fixture.arena])
        #expect(attributes[0].fleetArn == Fixture.arn(Fixture.arena))
        #expect(attributes[0].status == .active)
        #expect(attributes[0].operatingSystem == .amazonLinux2023)
        #expect(attributes[0].buildId == "build-1234")
        #expect(output.nextToken == nil)
    }

    @Test func rejectsAnEmptyOrMalformedIdList() async throws {
        let (simulation, _) = Fixture.simulation()
        let empty = await serviceError {
            try await simulation.send(DescribeFleetAttributesInput(fleetIds: []), region: "us-west-2")
        }
        #expect(empty?.code == .invalidRequest)
        let bad = await serviceError {
            try await simulation.send(
                DescribeFleetAttributesInput(fleetIds: [Fixture.arena, "nope"]), region: "us-west-2")
        }
        #expect(bad?.message.contains("at 'fleetIds.2.member'") == true)
    }

    @Test func pagesThroughAllFleetsOfTheRegion() async throws {
        let (simulation, _) = Fixture.simulation(Self.fleets(100))
        var input = DescribeFleetAttributesInput(limit: 15)
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try await simulation.send(input, region: "us-west-2")
            seen += (page.fleetAttributes ?? []).map(\.fleetId)
            input.nextToken = page.nextToken
            pages += 1
        } while input.nextToken != nil
        let expected = Self.ids(100).enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        #expect(seen == expected)
        #expect(pages == 5)
        let all = try await simulation.send(DescribeFleetAttributesInput(), region: "eu-west-1")
        #expect(all.fleetAttributes?.count == 34)
    }

    @Test func listsFleetsByRegionAndBuildWithPages() async throws {
        let (simulation, _) = Fixture.simulation(Self.fleets(40))
        var input = ListFleetsInput(buildId: "arn:aws:gamelift:us-west-2:123456789012:build/build-even", limit: 4)
        var seen: [String] = []
        repeat {
            let page = try await simulation.send(input, region: "us-west-2")
            seen += page.fleetIds ?? []
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        let expected = Self.ids(40).enumerated().filter { $0.offset % 3 != 0 && $0.offset % 2 == 0 }.map(\.element)
        #expect(seen == expected)
        let scripts = try await simulation.send(ListFleetsInput(scriptId: "script-1"), region: "us-west-2")
        #expect(scripts.fleetIds == [])
    }

    @Test func rejectsATokenFromAnotherOperation() async throws {
        let (simulation, _) = Fixture.simulation(Self.fleets(10))
        let page = try await simulation.send(ListFleetsInput(limit: 2), region: "us-west-2")
        let token = try #require(page.nextToken)
        let error = await serviceError {
            try await simulation.send(DescribeFleetAttributesInput(nextToken: token), region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest)
        let limit = await serviceError { try await simulation.send(ListFleetsInput(limit: 0), region: "us-west-2") }
        #expect(limit?.code == .invalidRequest)
    }
}
