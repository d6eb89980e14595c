import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct StatusTests {
    func status(_ simulation: GameLiftSimulation, _ id: String = Fixture.arena) async throws -> FleetStatus? {
        try await simulation.send(DescribeFleetAttributesInput(fleetIds: [id]), region: "us-west-2").fleetAttributes?
            .first?
            .status
    }

    @Test(arguments: [FleetStatus.active, .activating, .validating, .building])
    func updatesAreAcceptedInAnyStatusAfterCreationButTheFinalOnes(_ fleetStatus: FleetStatus) async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(status: fleetStatus)])
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
        let live = try await simulation.send(
            DescribeRuntimeConfigurationInput(fleetId: Fixture.arena), region: "us-west-2")
        #expect(live.runtimeConfiguration?.maxConcurrentGameSessionActivations == 9)
    }

    @Test(arguments: [FleetStatus.deleting, .error, .terminated, .notFound])
    func aStatusThatForbidsUpdatesAnswersInvalidFleetStatus(_ fleetStatus: FleetStatus) async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(status: fleetStatus)])
        let before = try simulation.snapshot()
        let error = await serviceError {
            try await simulation.send(
                Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
        }
        #expect(error?.code == .invalidFleetStatus)
        #expect(error?.httpStatus == 400)
        #expect(error?.message.contains("in status \(fleetStatus)") == true)
        #expect(try simulation.snapshot() == before)
    }

    @Test func aStatusChangedOutOfBandAppliesToTheNextCall() async throws {
        let (simulation, _) = Fixture.simulation()
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")
        try simulation.modify { $0.fleets[0].status = .deleting }
        #expect(try await status(simulation) == .deleting)
        let error = await serviceError {
            try await simulation.send(Fixture.update(), region: "us-west-2")
        }
        #expect(error?.code == .invalidFleetStatus)
    }

    @Test func aTimedHoldClearsAtItsTimeAndLogsTheChange() async throws {
        let hold = StatusHold(status: .error, until: Fixture.start.addingTimeInterval(60))
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(hold: hold)])
        #expect(try await status(simulation) == .error)
        let refused = await serviceError {
            try await simulation.send(Fixture.update(), region: "us-west-2")
        }
        #expect(refused?.code == .invalidFleetStatus)
        #expect(refused?.message.contains("ERROR") == true)

        clock.advance(by: 59)
        #expect(try await status(simulation) == .error)
        clock.advance(by: 1)
        #expect(try await status(simulation) == .active)
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")

        let fleet = try #require(try simulation.snapshot().fleets.first)
        #expect(fleet.hold == nil)
        let change = try #require(fleet.events.first { $0.eventCode == "FLEET_STATE_ACTIVE" })
        #expect(change.eventTime == Fixture.start.addingTimeInterval(60))
    }

    @Test func aHoldForUpdateAttemptsRefusesThatManyUpdates() async throws {
        let (simulation, _) = Fixture.simulation([
            Fixture.fleet(hold: StatusHold(status: .deleting, updateAttempts: 2))
        ])
        for _ in 0..<2 {
            #expect(try await status(simulation) == .deleting)
            let error = await serviceError {
                try await simulation.send(Fixture.update(), region: "us-west-2")
            }
            #expect(error?.code == .invalidFleetStatus)
        }
        #expect(try await status(simulation) == .active)
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")
        #expect(try simulation.snapshot().fleets[0].updateCount == 1)
    }

    @Test func faultPlanHoldsApplyByTimeOrAttemptsWithoutTouchingTheState() async throws {
        let plan = FaultPlan(holds: [
            FaultHold(fleet: Fixture.arn(Fixture.arena), seconds: 30),
            FaultHold(fleet: Fixture.other, status: .deleting, updateAttempts: 1),
        ])
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(), Fixture.fleet(Fixture.other)], faults: plan)
        #expect(try await status(simulation) == .error)
        #expect(try await status(simulation, Fixture.other) == .deleting)
        #expect(try simulation.snapshot().fleets.allSatisfy { $0.hold == nil })

        let held = await serviceError {
            try await simulation.send(Fixture.update(), region: "us-west-2")
        }
        #expect(held?.code == .invalidFleetStatus)
        let once = await serviceError {
            try await simulation.send(Fixture.update(Fixture.other), region: "us-west-2")
        }
        #expect(once?.code == .invalidFleetStatus)
        _ = try await simulation.send(Fixture.update(Fixture.other), region: "us-west-2")

        clock.advance(by: 30)
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")
        #expect(try await status(simulation) == .active)
    }

    /// A hold in a status GameLift takes updates in (ACTIVATING) only shows it: the reference accepts updates in
    /// any status after creation but the deleting, error and gone ones.
    @Test func aHoldInAStatusThatAllowsUpdatesOnlyShowsIt() async throws {
        let plan = FaultPlan(holds: [FaultHold(fleet: Fixture.arena, status: .activating, seconds: 30)])
        let (simulation, _) = Fixture.simulation([Fixture.fleet()], faults: plan)
        #expect(try await status(simulation) == .activating)
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
        #expect(try simulation.snapshot().fleets[0].runtimeConfiguration.maxConcurrentGameSessionActivations == 9)
    }

    /// There is no FLEET_STATE_DELETING code: a hold ending with the fleet deleting logs no invented event.
    @Test func aStatusChangeWithoutAnAPICodeLogsNothing() async throws {
        let hold = StatusHold(status: .error, until: Fixture.start.addingTimeInterval(10))
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(status: .deleting, hold: hold)])
        clock.advance(by: 10)
        #expect(try await status(simulation) == .deleting)
        #expect(try simulation.snapshot().fleets[0].events.isEmpty)
        #expect(EventCode.fleetStateChange(to: .deleting) == nil)
        #expect(EventCode.fleetStateChange(to: .active) == "FLEET_STATE_ACTIVE")
    }
}
