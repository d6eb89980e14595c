import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct LookupTests {
    @Test(arguments: [Fixture.arena, Fixture.arn(Fixture.arena)])
    func findsAFleetByIdOrArn(_ name: String) async throws {
        let (simulation, _) = Fixture.simulation()
        let output = try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: name), region: "us-west-2")
        #expect(output.runtimeConfiguration == Fixture.configuration())
    }

    @Test(arguments: [
        ("fleet-00000000-0000-4000-8000-000000000000", "us-west-2"),  // unknown id
        (Fixture.arena, "eu-west-1"),  // the fleet lives in another region
        (Fixture.arn(Fixture.arena, region: "eu-west-1"), "eu-west-1"),  // ARN of the right id, wrong region
        (Fixture.arn(Fixture.arena, region: "eu-west-1"), "us-west-2"),  // ARN region disagrees with the call
        ("arn:aws:gamelift:us-west-2:999999999999:fleet/\(Fixture.arena)", "us-west-2"),  // another account
    ])
    func answersNotFound(_ name: String, _ region: String) async throws {
        let (simulation, _) = Fixture.simulation()
        let error = await serviceError {
            try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: name), region: region)
        }
        #expect(error?.code == .notFound)
        #expect(error?.message == "Fleet (\(name)) not found")
        #expect(error?.httpStatus == 400)
        #expect(error?.requestId?.count == 36)
        let update = await serviceError {
            try await simulation.send(Fixture.update(name), region: region)
        }
        #expect(update?.code == .notFound)
        let events = await serviceError {
            try await simulation.send(DescribeFleetEventsInput(fleetId: name), region: region)
        }
        #expect(events?.code == .notFound)
    }

    @Test func rejectsAMalformedFleetIdAsAnInvalidRequest() async throws {
        let (simulation, _) = Fixture.simulation()
        let error = await serviceError {
            try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: "arena"), region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.hasPrefix("1 validation error detected: Value 'arena' at 'fleetId'") == true)
    }

    @Test(arguments: [FleetStatus.terminated, .notFound])
    func aDeletedFleetHasAnEmptyConfiguration(_ status: FleetStatus) async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(status: status)])
        let output = try await simulation.send(
            DescribeRuntimeConfigurationInput(fleetId: Fixture.arena), region: "us-west-2")
        #expect(output.runtimeConfiguration == nil)
    }

    @Test func requestIdsAreDeterministicUnderTheSeed() async throws {
        func ids(seed: UInt64) async -> [String?] {
            let (simulation, _) = Fixture.simulation(seed: seed)
            var ids: [String?] = []
            for _ in 0..<3 {
                ids.append(
                    await serviceError {
                        try await simulation.send(
                            DescribeRuntimeConfigurationInput(fleetId: Fixture.other), region: "us-west-2")
                    }?.requestId)
            }
            return ids
        }
        let first = await ids(seed: 1)
        #expect(first == (await ids(seed: 1)))
        #expect(first != (await ids(seed: 2)))
        #expect(Set(first).count == 3)
        #expect(first.allSatisfy { $0.flatMap(UUID.init(uuidString:)) != nil && $0?.dropFirst(14).first == "4" })
    }
}
