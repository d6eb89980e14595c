import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

/// Anywhere, container and multi-location fleets, and the launch-path root rule the validator shares.
@Suite struct FleetKindTests {
    static let anywhere = "fleet-0a0e4e00-1b2c-4d5e-8f90-123456789abc"
    static let container = "containerfleet-0c0a1e00-1b2c-4d5e-8f90-123456789abc"

    static func anywhereFleet() -> SimulatedFleet {
        var fleet = Fixture.fleet(
            anywhere, files: nil, configuration: Fixture.configuration([("/opt/arena/ArenaServer", nil, 2)]))
        fleet.computeType = .anywhere
        return fleet
    }

    static func containerFleet() throws -> SimulatedFleet {
        let json = #"{"FleetId": "\#(container)", "Region": "us-west-2"}"#
        return try StateCoding.decode(SimulatedFleet.self, from: Data(json.utf8), file: "test")
    }

    @Test func anAnywhereFleetTakesALaunchPathOutsideTheInstallRoot() async throws {
        let (simulation, _) = Fixture.simulation([Self.anywhereFleet()])
        let update = Fixture.configuration([("/home/gameserver/bin/Arena Server", "-port 7777", 3)])
        _ = try await simulation.send(Fixture.update(Self.anywhere, update), region: "us-west-2")
        let live = try await simulation.send(
            DescribeRuntimeConfigurationInput(fleetId: Self.anywhere), region: "us-west-2")
        #expect(live.runtimeConfiguration == update)
        let attributes = try #require(
            try await simulation.send(DescribeFleetAttributesInput(fleetIds: [Self.anywhere]), region: "us-west-2")
                .fleetAttributes?.first)
        #expect(attributes.computeType == .anywhere)
        #expect(attributes.operatingSystem == nil && attributes.buildId == nil && attributes.instanceType == nil)
        // The API's character set still applies.
        let bad = await serviceError {
            try await simulation.send(
                Fixture.update(Self.anywhere, Fixture.configuration([("/opt/arena/Server$", nil, 1)])),
                region: "us-west-2")
        }
        #expect(bad?.code == .invalidRequest)
    }

    @Test func anEC2FleetStillRefusesAPathOutsideTheInstallRoot() async throws {
        let (simulation, _) = Fixture.simulation()
        let error = await serviceError {
            try await simulation.send(
                Fixture.update(Fixture.arena, Fixture.configuration([("/opt/arena/ArenaServer", nil, 1)])),
                region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("must begin with /local/game/") == true)
    }

    /// One case rule with the validator (`LaunchPathRoot`): the drive letter in either case, the rest exact.
    @Test(arguments: [(#"C:\game\Server.exe"#, true), (#"c:\game\Server.exe"#, true), (#"C:\Game\Server.exe"#, false)])
    func theWindowsRootRule(_ path: String, _ accepted: Bool) async throws {
        let fleet = Fixture.fleet(os: .windows2022, files: nil, configuration: Fixture.configuration([(path, nil, 1)]))
        let (simulation, _) = Fixture.simulation([fleet])
        let error = await serviceError {
            try await simulation.send(
                Fixture.update(Fixture.arena, Fixture.configuration([(path, nil, 2)])), region: "us-west-2")
        }
        #expect((error == nil) == accepted, "\(path): \(String(describing: error))")
        #expect((LaunchPathRoot.style(of: path) == .windows) == accepted)
    }

    @Test func aContainerFleetIsListedButHasNoRuntimeConfiguration() async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(), try Self.containerFleet()])
        let listed = try await simulation.send(ListFleetsInput(), region: "us-west-2").fleetIds ?? []
        #expect(Set(listed) == [Fixture.arena, Self.container])
        let described = try await simulation.send(
            DescribeFleetAttributesInput(fleetIds: [Fixture.arena, Self.container]), region: "us-west-2")
        #expect(described.fleetAttributes?.map(\.fleetId) == [Fixture.arena])
        let all = try await simulation.send(DescribeFleetAttributesInput(), region: "us-west-2")
        #expect(all.fleetAttributes?.map(\.fleetId) == [Fixture.arena])
        let read = await serviceError {
            try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: Self.container), region: "us-west-2")
        }
        #expect(read?.code == .invalidRequest)
        #expect(read?.message.contains("is a container fleet") == true)
        let write = await serviceError {
            try await simulation.send(Fixture.update(Self.container), region: "us-west-2")
        }
        #expect(write?.code == .invalidRequest)
    }

    @Test func locationsArePagedWithTheirStatusesAndPickedInTheOrderAsked() async throws {
        var fleet = Fixture.fleet()
        fleet.locations = [
            SimulatedLocation(location: "eu-west-1"), SimulatedLocation(location: "ap-northeast-1", status: .error),
            SimulatedLocation(location: "sa-east-1", status: .activating),
        ]
        let (simulation, _) = Fixture.simulation([fleet])
        var pages = 0
        let all = try await Pagination.all(.describeFleetLocationAttributes, region: "us-west-2") { token in
            pages += 1
            let page = try await simulation.send(
                DescribeFleetLocationAttributesInput(fleetId: Fixture.arena, limit: 1, nextToken: token),
                region: "us-west-2")
            #expect(page.fleetArn == Fixture.arn(Fixture.arena))
            return (page.locationAttributes ?? [], page.nextToken)
        }
        #expect(pages == 3)
        #expect(all.map(\.location) == ["eu-west-1", "ap-northeast-1", "sa-east-1"])
        #expect(all.map(\.status) == [.active, .error, .activating])
        let picked = try await simulation.send(
            DescribeFleetLocationAttributesInput(
                fleetId: Fixture.arena, locations: ["sa-east-1", "us-east-1", "eu-west-1"]), region: "us-west-2")
        #expect(picked.locationAttributes?.map(\.location) == ["sa-east-1", "eu-west-1"])
        // The fleet is found only in its home Region.
        let remote = await serviceError {
            try await simulation.send(DescribeFleetLocationAttributesInput(fleetId: Fixture.arena), region: "eu-west-1")
        }
        #expect(remote?.code == .notFound)
        let empty = await serviceError {
            try await simulation.send(
                DescribeFleetLocationAttributesInput(fleetId: Fixture.arena, locations: []), region: "us-west-2")
        }
        #expect(empty?.code == .invalidRequest)
    }

    @Test func aStateFileLocationMayNotBeTheHomeRegion() throws {
        var fleet = Fixture.fleet()
        fleet.locations = [SimulatedLocation(location: "us-west-2")]
        #expect(throws: SimulationError.self) { try Fixture.state([fleet]).validated(file: "state.json") }
        var anywhere = Self.anywhereFleet()
        anywhere.locations = [SimulatedLocation(location: "eu-west-1")]
        #expect(throws: SimulationError.self) { try Fixture.state([anywhere]).validated(file: "state.json") }
    }
}
