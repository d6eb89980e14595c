import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

/// DescribeFleetDeployment: a container fleet's deployment, by fleet and by deployment id; other fleets refused.
@Suite struct DeploymentTests {
    static let container = FleetKindTests.container

    static func multiLocationContainerFleet() throws -> SimulatedFleet {
        var fleet = try FleetKindTests.containerFleet()
        fleet.locations = [SimulatedLocation(location: "eu-west-1", status: .activating)]
        return fleet
    }

    @Test func aContainerFleetAnswersTheDeploymentThatCreatedItInEachLocation() async throws {
        let (simulation, _) = Fixture.simulation([try Self.multiLocationContainerFleet()])
        let latest = try await simulation.send(
            DescribeFleetDeploymentInput(fleetId: Self.container), region: "us-west-2")
        let deployment = try #require(latest.fleetDeployment)
        #expect(deployment.fleetId == Self.container)
        #expect(deployment.deploymentId == "depl-0c0a1e00-1b2c-4d5e-8f90-123456789abc")
        #expect(deployment.deploymentStatus == "COMPLETE")
        #expect(
            latest.locationalDeployments == [
                "us-west-2": LocationalDeployment(deploymentStatus: "COMPLETE"),
                "eu-west-1": LocationalDeployment(deploymentStatus: "IN_PROGRESS"),
            ])
        // Named by its id, the same deployment; another id is not found.
        let named = try await simulation.send(
            DescribeFleetDeploymentInput(fleetId: Self.container, deploymentId: deployment.deploymentId),
            region: "us-west-2")
        #expect(named == latest)
        let other = await serviceError {
            try await simulation.send(
                DescribeFleetDeploymentInput(fleetId: Self.container, deploymentId: "depl-other"), region: "us-west-2")
        }
        #expect(other?.code == .notFound)
    }

    @Test func otherFleetsAndMalformedIdsAreRefusedAsGameLiftRefusesThem() async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(), try FleetKindTests.containerFleet()])
        let ec2 = await serviceError {
            try await simulation.send(DescribeFleetDeploymentInput(fleetId: Fixture.arena), region: "us-west-2")
        }
        #expect(ec2?.code == .invalidRequest)
        #expect(ec2?.message.contains("container fleets only") == true)
        let malformed = await serviceError {
            try await simulation.send(
                DescribeFleetDeploymentInput(fleetId: Self.container, deploymentId: "bad_id"), region: "us-west-2")
        }
        #expect(malformed?.code == .invalidRequest)
        #expect(malformed?.message.contains("'deploymentId'") == true)
        let missing = await serviceError {
            try await simulation.send(
                DescribeFleetDeploymentInput(fleetId: "containerfleet-00000000-0000-4000-8000-000000000000"),
                region: "us-west-2")
        }
        #expect(missing?.code == .notFound)
    }
}
