import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

/// Numbers from outside (requests, state, seed and fault files) never trap the simulation: out-of-range
/// requests get GameLift's validation error, out-of-range files a clear error naming the file and field.
@Suite struct HostileNumberTests {
    static let path = "/local/game/bin/ArenaServer"

    @Test("two ConcurrentExecutions of Int.max: a validation error, and the fleet keeps its configuration")
    func hugeExecutions() async throws {
        let (simulation, _) = Fixture.simulation()
        let before = try simulation.snapshot().fleets[0].runtimeConfiguration
        let huge = Fixture.configuration([(Self.path, "-a", Int.max), (Self.path, "-b", Int.max)])
        let error = await serviceError {
            try await simulation.send(Fixture.update(Fixture.arena, huge), region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("Member must have value less than or equal to 2147483647") == true)
        #expect(try simulation.snapshot().fleets[0].runtimeConfiguration == before)
        // Within 32 bits each, but past the per-instance limit together: the semantic rule, without a trap.
        let large = Fixture.configuration([(Self.path, "-a", 2_147_483_647), (Self.path, "-b", 2_147_483_647)])
        let sum = await serviceError {
            try await simulation.send(Fixture.update(Fixture.arena, large), region: "us-west-2")
        }
        #expect(sum?.message.contains("launches 4294967294 concurrent server processes") == true)
    }

    @Test("a huge Limit with a NextToken pages without overflowing")
    func hugeLimit() async throws {
        let (simulation, _) = Fixture.simulation([
            Fixture.fleet(), Fixture.fleet(Fixture.lobby), Fixture.fleet(Fixture.other),
        ])
        let first = try await simulation.send(ListFleetsInput(limit: 1), region: "us-west-2")
        let token = try #require(first.nextToken)
        let rest = try await simulation.send(
            ListFleetsInput(limit: 2_147_483_647, nextToken: token), region: "us-west-2")
        #expect(rest.fleetIds?.count == 2)
        let tooLarge = await serviceError {
            try await simulation.send(ListFleetsInput(limit: Int.max, nextToken: token), region: "us-west-2")
        }
        #expect(tooLarge?.code == .invalidRequest)
    }

    @Test("state files: numbers the simulation cannot use are errors naming the file and the field")
    func stateFiles() throws {
        let cases: [(String, (inout SimulatedFleet) -> Void)] = [
            ("UpdateCount -1 is below 0", { $0.updateCount = -1 }),
            ("Hold.UpdateAttempts -5 is below 0", { $0.hold = StatusHold(status: .activating, updateAttempts: -5) }),
            ("Behaviour.EventDelaySeconds", { $0.behaviour = FleetBehaviour(eventDelaySeconds: 1e300) }),
            (
                "Behaviour.OngoingFailure.EverySeconds 0.001",
                {
                    $0.behaviour = FleetBehaviour(
                        ongoingFailure: OngoingFailure(code: .serverProcessCrashed, everySeconds: 0.001, since: Date()))
                }
            ),
            (
                "Behaviour.OngoingFailure.Until is before its Since",
                {
                    $0.behaviour = FleetBehaviour(
                        ongoingFailure: OngoingFailure(
                            code: .serverProcessCrashed, everySeconds: 5, since: Date(),
                            until: Date().addingTimeInterval(-60)))
                }
            ),
            (
                "ConcurrentExecutions: 9223372036854775807 does not fit in 32 bits",
                {
                    $0.runtimeConfiguration = Fixture.configuration([(Self.path, nil, Int.max)])
                }
            ),
            (
                "Replacement.PreviousRuntimeConfiguration.ServerProcesses[0].ConcurrentExecutions: -9223372036854775808",
                {
                    $0.replacement = ProcessReplacement(
                        previous: Fixture.configuration([(Self.path, nil, Int.min)]), since: Date())
                }
            ),
        ]
        for (message, change) in cases {
            var fleet = Fixture.fleet()
            change(&fleet)
            #expect(throws: SimulationError.self) { try Fixture.state([fleet]).validated(file: "state.json") }
            do {
                _ = try Fixture.state([fleet]).validated(file: "state.json")
            } catch let error as SimulationError {
                #expect(error.message.hasPrefix("state.json: Fleets[0]"), "\(error)")
                #expect(error.message.contains(message), "\(error)")
            }
        }
        // An update count at the top saturates instead of trapping.
        var fleet = Fixture.fleet()
        fleet.updateCount = Int.max
        #expect(throws: Never.self) { try Fixture.state([fleet]).validated(file: "state.json") }
    }

    @Test("dates past the years 1 to 9999 in a state file are refused, not trapped on when written")
    func hugeDates() throws {
        for value in ["1e300", "-1e300", "253402300800", #""99999-01-01T00:00:00Z""#] {
            let text =
                #"{"Version":1,"Account":"123456789012","Fleets":[{"FleetId":"\#(Fixture.arena)","Region":"us-west-2","CreationTime":\#(value),"RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/local/game/x","ConcurrentExecutions":1}]}}]}"#
            #expect(throws: SimulationError.self, "\(value)") {
                try StateCoding.decode(SimulationState.self, from: Data(text.utf8), file: "seed.json")
            }
        }
        #expect(StateCoding.format(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59.999Z")
    }

    @Test("fault files: numbers that would trap or misbehave are errors naming the rule")
    func faultFiles() throws {
        let cases: [(String, String)] = [
            (#"{"rules":[{"latencyMs":1e300}]}"#, "rules[0]: latencyMs must be between 0 and 600000"),
            (#"{"rules":[{"latencyMs":-1}]}"#, "rules[0]: latencyMs"),
            (#"{"rules":[{"error":"ThrottlingException","count":1,"httpStatus":99999}]}"#, "httpStatus 99999"),
            (#"{"rules":[{"error":"ThrottlingException","count":-1}]}"#, "count -1 is below 0"),
            (#"{"throttle":{"requestsPerSecond":1e308,"burst":-1}}"#, "throttle.burst"),
            (#"{"holds":[{"fleet":"fleet-1","seconds":1e300}]}"#, "holds[0]: seconds"),
            (#"{"holds":[{"fleet":"fleet-1","updateAttempts":-9223372036854775808}]}"#, "updateAttempts"),
            (#"{"rules":[{"count":99999999999999999999}]}"#, "faults.json"),
        ]
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("faults.json").path
        for (text, message) in cases {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try FaultPlan.load(path: path)
                Issue.record("accepted \(text)")
            } catch let error as SimulationError {
                #expect(error.message.contains(message), "\(text): \(error)")
                #expect(error.message.hasPrefix(path), "\(error)")
            }
        }
    }

    @Test("an ongoing failure since 1970, one a second: a read generates at most the newest 10,000, the same each time")
    func ongoingFailureIsBounded() async throws {
        var fleet = Fixture.fleet()
        fleet.behaviour = FleetBehaviour(
            ongoingFailure: OngoingFailure(
                code: .serverProcessCrashed, everySeconds: 1, since: Date(timeIntervalSince1970: 0)))
        let simulation = GameLiftSimulation(state: try Fixture.state([fleet]).validated(file: "state.json"))
        let input = DescribeFleetEventsInput(fleetId: fleet.fleetId, limit: 20_000)
        let first = try await simulation.send(input, region: fleet.region)
        #expect((first.events ?? []).count == OngoingFailure.maximumPerRead)
        #expect((first.events ?? []).allSatisfy { $0.eventCode == .serverProcessCrashed })
        let window = DescribeFleetEventsInput(
            fleetId: fleet.fleetId, startTime: Date(timeIntervalSince1970: 100),
            endTime: Date(timeIntervalSince1970: 109))
        let ten = try await simulation.send(window, region: fleet.region)
        let again = try await simulation.send(window, region: fleet.region)
        #expect((ten.events ?? []).count == 10)
        #expect((ten.events ?? []).map(\.eventId) == (again.events ?? []).map(\.eventId))
    }
}
