import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct StatusTests {
    func status(_ simulation: GameLiftSimulation, _ id: String = Fixture.arena) async throws -> FleetStatus? {
        try await simulation.describeFleetAttributes(.init(fleetIds: [id]), region: "us-west-2").fleetAttributes?.first?
            .status
    }

    @Test(arguments: [FleetStatus.active, .activating, .validating, .building])
    func updatesAreAcceptedInAnyStatusAfterCreationButTheFinalOnes(_ fleetStatus: FleetStatus) async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(status: fleetStatus)])
        _ = try await simulation.updateRuntimeConfiguration(
            Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
        let live = try await simulation.describeRuntimeConfiguration(.init(fleetId: Fixture.arena), region: "us-west-2")
        #expect(live.runtimeConfiguration?.maxConcurrentGameSessionActivations == 9)
    }

    @Test(arguments: [FleetStatus.deleting, .error, .terminated, .notFound])
    func aStatusThatForbidsUpdatesAnswersInvalidFleetStatus(_ fleetStatus: FleetStatus) async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(status: fleetStatus)])
        let before = try simulation.snapshot()
        let error = await serviceError {
            try await simulation.updateRuntimeConfiguration(
                Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
        }
        #expect(error?.code == .invalidFleetStatus)
        #expect(error?.httpStatus == 400)
        #expect(error?.message.contains("in status \(fleetStatus)") == true)
        #expect(try simulation.snapshot() == before)
    }

    @Test func aStatusChangedOutOfBandAppliesToTheNextCall() async throws {
        let (simulation, _) = Fixture.simulation()
        _ = try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
        try simulation.modify { $0.fleets[0].status = .deleting }
        #expect(try await status(simulation) == .deleting)
        let error = await serviceError {
            try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
        }
        #expect(error?.code == .invalidFleetStatus)
    }

    @Test func aTimedHoldClearsAtItsTimeAndLogsTheChange() async throws {
        let hold = StatusHold(status: .activating, until: Fixture.start.addingTimeInterval(60))
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(hold: hold)])
        #expect(try await status(simulation) == .activating)
        let refused = await serviceError {
            try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
        }
        #expect(refused?.code == .invalidFleetStatus)
        #expect(refused?.message.contains("ACTIVATING") == true)

        clock.advance(by: 59)
        #expect(try await status(simulation) == .activating)
        clock.advance(by: 1)
        #expect(try await status(simulation) == .active)
        _ = try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")

        let fleet = try #require(try simulation.snapshot().fleets.first)
        #expect(fleet.hold == nil)
        let change = try #require(fleet.events.first { $0.eventCode == "FLEET_STATE_ACTIVE" })
        #expect(change.eventTime == Fixture.start.addingTimeInterval(60))
    }

    @Test func aHoldForUpdateAttemptsRefusesThatManyUpdates() async throws {
        let (simulation, _) = Fixture.simulation([
            Fixture.fleet(hold: StatusHold(status: .activating, updateAttempts: 2))
        ])
        for _ in 0..<2 {
            #expect(try await status(simulation) == .activating)
            let error = await serviceError {
                try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
            }
            #expect(error?.code == .invalidFleetStatus)
        }
        #expect(try await status(simulation) == .active)
        _ = try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
        #expect(try simulation.snapshot().fleets[0].updateCount == 1)
    }

    @Test func faultPlanHoldsApplyByTimeOrAttemptsWithoutTouchingTheState() async throws {
        let plan = FaultPlan(holds: [
            FaultHold(fleet: Fixture.arn(Fixture.arena), seconds: 30),
            FaultHold(fleet: Fixture.other, status: .downloading, updateAttempts: 1),
        ])
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(), Fixture.fleet(Fixture.other)], faults: plan)
        #expect(try await status(simulation) == .activating)
        #expect(try await status(simulation, Fixture.other) == .downloading)
        #expect(try simulation.snapshot().fleets.allSatisfy { $0.hold == nil })

        let held = await serviceError {
            try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
        }
        #expect(held?.code == .invalidFleetStatus)
        let once = await serviceError {
            try await simulation.updateRuntimeConfiguration(Fixture.update(Fixture.other), region: "us-west-2")
        }
        #expect(once?.code == .invalidFleetStatus)
        _ = try await simulation.updateRuntimeConfiguration(Fixture.update(Fixture.other), region: "us-west-2")

        clock.advance(by: 30)
        _ = try await simulation.updateRuntimeConfiguration(Fixture.update(), region: "us-west-2")
        #expect(try await status(simulation) == .active)
    }
}
