import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore

@Suite("Planner")
struct PlannerTests {
    @Test("the README's example plan diff")
    func specExample() {
        let plan = Planner.planFleet(Fixture.specDesired, ObservedFleet(configuration: Fixture.specLive))
        #expect(plan.action == .update)
        #expect(
            plan.changes == [
                PlanChange(
                    .modify,
                    #"ServerProcesses["/local/game/bin/ArenaServer" "-port 7777 -mode ranked"].ConcurrentExecutions"#,
                    before: 4, after: 8),
                PlanChange(
                    .add, #"ServerProcesses["/local/game/bin/ArenaServer" "-port 7778 -mode casual"]"#, after: 4),
                PlanChange(.modify, "GameSessionActivationTimeoutSeconds", before: 120, after: 300),
            ])
    }

    @Test("reordered server processes make no change")
    func reorderIsNoChange() {
        let live = RuntimeConfiguration(
            serverProcesses: [Fixture.casual, Fixture.ranked], maxConcurrentGameSessionActivations: 4,
            gameSessionActivationTimeoutSeconds: 300)
        let plan = Planner.planFleet(Fixture.specDesired, ObservedFleet(configuration: live))
        #expect(plan.action == .unchanged)
        #expect(plan.changes.isEmpty)
        #expect(plan.request == nil)
    }

    @Test("omitted activation fields are unmanaged: the request carries the live values")
    func unmanagedFieldsKeepLiveValues() {
        let desired = Fixture.document(Fixture.arena, RuntimeConfiguration(serverProcesses: [Fixture.ranked]))
        let live = RuntimeConfiguration(
            serverProcesses: [Fixture.casual], maxConcurrentGameSessionActivations: 3,
            gameSessionActivationTimeoutSeconds: 450)
        let plan = Planner.planFleet(desired, ObservedFleet(configuration: live))
        #expect(plan.action == .update)
        #expect(plan.request?.runtimeConfiguration.maxConcurrentGameSessionActivations == 3)
        #expect(plan.request?.runtimeConfiguration.gameSessionActivationTimeoutSeconds == 450)
        #expect(plan.request?.runtimeConfiguration.serverProcesses == [Fixture.ranked])
        #expect(
            plan.changes.filter { $0.kind == .unmanaged }.map(\.field) == [
                "MaxConcurrentGameSessionActivations", "GameSessionActivationTimeoutSeconds",
            ])
        #expect(
            plan.changes.contains(
                PlanChange(
                    .remove, #"ServerProcesses["/local/game/bin/ArenaServer" "-port 7778 -mode casual"]"#, before: 4)))
    }

    @Test("only unmanaged differences are no change")
    func unmanagedOnlyIsUnchanged() {
        let desired = Fixture.document(Fixture.arena, RuntimeConfiguration(serverProcesses: [Fixture.ranked]))
        let live = RuntimeConfiguration(serverProcesses: [Fixture.ranked], maxConcurrentGameSessionActivations: 9)
        #expect(Planner.planFleet(desired, ObservedFleet(configuration: live)).action == .unchanged)
    }

    @Test("empty Parameters equal omitted Parameters")
    func emptyParametersEqualNone() {
        let withEmpty = ServerProcess(launchPath: "/local/game/a", parameters: "", concurrentExecutions: 2)
        let without = ServerProcess(launchPath: "/local/game/a", concurrentExecutions: 2)
        let desired = Fixture.document(Fixture.arena, RuntimeConfiguration(serverProcesses: [without]))
        let plan = Planner.planFleet(
            desired, ObservedFleet(configuration: RuntimeConfiguration(serverProcesses: [withEmpty])))
        #expect(plan.action == .unchanged)
    }

    @Test("a fleet whose status refuses updates is planned as held")
    func heldByStatus() {
        let observed = ObservedFleet(
            attributes: FleetAttributes(fleetId: Fixture.arena, status: .deleting), configuration: Fixture.specLive)
        let plan = Planner.planFleet(Fixture.specDesired, observed)
        #expect(plan.action == .held)
        #expect(plan.request != nil)
    }

    @Test("a fleet that could not be read fails its plan, not the others")
    func unreadableFleetFails() async {
        let (docs, gameLift) = Fixture.threeFleets()
        gameLift.script(
            .describeRuntimeConfiguration, Fixture.lobby,
            [
                GameLiftServiceError(code: .unauthorized, message: "not allowed", requestId: "r-1", httpStatus: 400)
            ])
        let plan = await makePlan(docs, gameLift)
        #expect(plan.fleets.map(\.action) == [.update, .failed, .unchanged])
        #expect(
            plan.fleets[1].error
                == ServiceErrorInfo(code: "UnauthorizedException", message: "not allowed", requestId: "r-1"))
        #expect(plan.summary == PlanSummary([.update, .failed, .unchanged]))
        #expect(ExitStatus.forPlan(plan, detailed: true) == .error)
    }

    @Test("plan never calls UpdateRuntimeConfiguration; attributes are read in one batch per region")
    func planNeverWrites() async {
        let (docs, gameLift) = Fixture.threeFleets()
        let plan = await makePlan(docs, gameLift)
        #expect(gameLift.calls(.updateRuntimeConfiguration).isEmpty)
        #expect(gameLift.calls(.describeRuntimeConfiguration).count == 3)
        #expect(gameLift.calls(.describeFleetAttributes).count == 2)
        #expect(ExitStatus.forPlan(plan, detailed: true) == .changesPending)
        #expect(ExitStatus.forPlan(plan, detailed: false) == .success)
    }

    @Test("fingerprints ignore process order and empty parameters, and see every real change")
    func fingerprints() {
        let a = RuntimeConfiguration(
            serverProcesses: [Fixture.ranked, Fixture.casual], gameSessionActivationTimeoutSeconds: 300)
        let b = RuntimeConfiguration(
            serverProcesses: [Fixture.casual, Fixture.ranked], gameSessionActivationTimeoutSeconds: 300)
        var c = b
        c.gameSessionActivationTimeoutSeconds = 301
        #expect(Fingerprint.of(a) == Fingerprint.of(b))
        #expect(Fingerprint.of(a) != Fingerprint.of(c))
        #expect(Fingerprint.of(a).hasPrefix("sha256:"))
    }

    @Test("a saved plan round-trips, and a plan of another format version is refused")
    func planFileRoundTrip() async throws {
        let (docs, gameLift) = Fixture.threeFleets()
        let plan = await makePlan(docs, gameLift)
        let path = Fixture.temporaryDirectory() + "/plan.json"
        try PlanFile.save(plan, to: path)
        #expect(try PlanFile.load(from: path) == plan)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(
            of: "\"formatVersion\" : \(PlanDocument.currentFormatVersion)", with: "\"formatVersion\" : 99"
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PlanFileError.self) { try PlanFile.load(from: path) }
    }
}

/// Reads the scripted fleets and plans them, the way `fleetform plan` does after loading files.
func makePlan(_ docs: [FleetDocument], _ gameLift: any GameLift) async -> PlanDocument {
    let observed = await LiveFleetReader(gameLift: gameLift).observe(docs.map(FleetKey.init))
    return Planner.plan(desired: docs, observed: observed, now: Fixture.date)
}
