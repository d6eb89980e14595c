import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct FaultTests {
    func describe(_ simulation: GameLiftSimulation, _ id: String = Fixture.arena) async throws {
        _ = try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: id), region: "us-west-2")
    }

    @Test func anErrorCountFailsTheFirstCallsOfEachFleet() async throws {
        let rule = FaultRule(operation: "UpdateRuntimeConfiguration", error: .internalService, count: 2)
        let (simulation, _) = Fixture.simulation(
            [Fixture.fleet(), Fixture.fleet(Fixture.other)], faults: FaultPlan(rules: [rule]))
        for id in [Fixture.arena, Fixture.other] {
            for _ in 0..<2 {
                let error = await serviceError {
                    try await simulation.send(Fixture.update(id), region: "us-west-2")
                }
                #expect(error?.code == .internalService)
                #expect(error?.httpStatus == 500)
                #expect(error?.requestId != nil)
            }
            _ = try await simulation.send(Fixture.update(id), region: "us-west-2")
        }
        try await describe(simulation)  // another operation is not affected
        #expect(try simulation.snapshot().fleets.map(\.updateCount) == [1, 1])
    }

    @Test func aCountIsUsedOnlyByCallsThatReachTheRule() async throws {
        let plan = FaultPlan(rules: [
            FaultRule(operation: "UpdateRuntimeConfiguration", error: .internalService, count: 1),
            FaultRule(fleet: Fixture.arena, error: .limitExceeded, count: 1),
        ])
        let (simulation, _) = Fixture.simulation(faults: plan)
        var codes: [GameLiftErrorCode?] = []
        for _ in 0..<3 {
            codes.append(
                await serviceError {
                    try await simulation.send(Fixture.update(), region: "us-west-2")
                }?.code)
        }
        #expect(codes == [.internalService, .limitExceeded, nil])
    }

    @Test func aCallDroppedBeforeTheServiceSawItUsesNoErrorCount() async throws {
        let plan = FaultPlan(rules: [
            FaultRule(operation: "DescribeRuntimeConfiguration", error: .internalService, count: 1),
            FaultRule(operation: "DescribeRuntimeConfiguration", dropRate: 0.5),
        ])
        let (simulation, _) = Fixture.simulation(faults: plan, seed: 2)
        var outcomes: [String] = []
        for _ in 0..<20 {
            do {
                try await describe(simulation)
                outcomes.append("ok")
            } catch is GameLiftTransportError {
                outcomes.append("dropped")
            } catch {
                outcomes.append("error")
            }
        }
        let answered = outcomes.filter { $0 != "dropped" }
        #expect(outcomes.first == "dropped", "\(outcomes)")  // so the count could have been used up
        #expect(answered.first == "error")
        #expect(answered.dropFirst().allSatisfy { $0 == "ok" } && answered.count > 2)
    }

    @Test func aFleetRuleMatchesThatFleetByIdOrArnOnly() async throws {
        let rule = FaultRule(
            fleet: Fixture.arn(Fixture.other), error: .limitExceeded, message: "Too many updates.", count: 1)
        let (simulation, _) = Fixture.simulation(
            [Fixture.fleet(), Fixture.fleet(Fixture.other)], faults: FaultPlan(rules: [rule]))
        try await describe(simulation)
        let error = await serviceError {
            try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: Fixture.other), region: "us-west-2")
        }
        #expect(
            error
                == GameLiftServiceError(
                    code: .limitExceeded, message: "Too many updates.", requestId: error?.requestId, httpStatus: 400))
        try await describe(simulation, Fixture.other)
    }

    @Test func anErrorRateIsDeterministicUnderTheSeed() async throws {
        func outcomes(seed: UInt64) async -> [Bool] {
            let plan = FaultPlan(rules: [FaultRule(operation: "*", error: .internalService, rate: 0.2)])
            let (simulation, _) = Fixture.simulation(faults: plan, seed: seed)
            var failed: [Bool] = []
            for _ in 0..<500 {
                failed.append(await serviceError { try await describe(simulation) } != nil)
            }
            return failed
        }
        let first = await outcomes(seed: 3)
        #expect(first == (await outcomes(seed: 3)))
        #expect(first != (await outcomes(seed: 4)))
        #expect((70...130).contains(first.filter { $0 }.count))
    }

    @Test func throttlingFollowsATokenBucket() async throws {
        let plan = FaultPlan(throttle: ThrottleRule(requestsPerSecond: 10, burst: 5))
        let (simulation, clock) = Fixture.simulation(faults: plan)
        var answers: [GameLiftErrorCode?] = []
        for _ in 0..<7 { answers.append(await serviceError { try await describe(simulation) }?.code) }
        #expect(answers == [nil, nil, nil, nil, nil, .throttling, .throttling])
        let throttled = await serviceError { try await describe(simulation) }
        #expect(throttled?.httpStatus == 400)
        #expect(throttled?.message == "Rate exceeded")
        #expect(ErrorDisposition.of(try #require(throttled)) == .throttle)

        clock.advance(by: 0.2)  // two tokens come back
        answers = []
        for _ in 0..<3 { answers.append(await serviceError { try await describe(simulation) }?.code) }
        #expect(answers == [nil, nil, .throttling])

        clock.advance(by: 60)  // never more than the burst
        var successes = 0
        for _ in 0..<10 where await serviceError({ try await describe(simulation) }) == nil { successes += 1 }
        #expect(successes == 5)
    }

    @Test("scope operation: each operation has its own bucket; scope region: the operations share one")
    func throttleScopes() async throws {
        func answers(_ scope: ThrottleRule.Scope?) async -> [GameLiftErrorCode?] {
            let (simulation, _) = Fixture.simulation(
                faults: FaultPlan(throttle: ThrottleRule(requestsPerSecond: 10, burst: 2, scope: scope)))
            var codes: [GameLiftErrorCode?] = []
            for _ in 0..<3 { codes.append(await serviceError { try await describe(simulation) }?.code) }
            for _ in 0..<3 {
                codes.append(
                    await serviceError {
                        try await simulation.send(
                            Fixture.update(Fixture.arena), region: "us-west-2")
                    }?.code)
            }
            return codes
        }
        #expect(await answers(.operation) == [nil, nil, .throttling, nil, nil, .throttling])
        #expect(await answers(nil) == [nil, nil, .throttling, .throttling, .throttling, .throttling])
        #expect(await answers(.region) == (await answers(nil)))
    }

    @Test("every Region has buckets of its own")
    func throttlePerRegion() async throws {
        let (simulation, _) = Fixture.simulation(
            [Fixture.fleet(), Fixture.fleet(Fixture.lobby, region: "eu-west-1")],
            faults: FaultPlan(throttle: ThrottleRule(requestsPerSecond: 10, burst: 1)))
        #expect(await serviceError { try await describe(simulation) } == nil)
        #expect(await serviceError { try await describe(simulation) }?.code == .throttling)
        let europe = await serviceError {
            try await simulation.send(DescribeRuntimeConfigurationInput(fleetId: Fixture.lobby), region: "eu-west-1")
        }
        #expect(europe == nil)
    }

    @Test func latencySleepsOnTheInjectedClock() async throws {
        let plan = FaultPlan(rules: [
            FaultRule(operation: "DescribeRuntimeConfiguration", latencyMs: 250), FaultRule(latencyMs: 50),
        ])
        let (simulation, clock) = Fixture.simulation(faults: plan)
        try await describe(simulation)
        _ = try await simulation.send(ListFleetsInput(), region: "us-west-2")
        #expect(clock.sleeps.count == 2)
        #expect(abs(clock.sleeps[0] - 0.3) < 1e-9)
        #expect(abs(clock.sleeps[1] - 0.05) < 1e-9)
    }

    @Test func droppedConnectionsHappenBeforeOrAfterTheRequestIsProcessed() async throws {
        let before = FaultPlan(rules: [FaultRule(operation: "UpdateRuntimeConfiguration", dropRate: 1)])
        let (early, _) = Fixture.simulation(faults: before)
        await #expect(throws: GameLiftTransportError.self) {
            try await early.send(
                Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
        }
        #expect(try early.snapshot().fleets[0].updateCount == 0)

        let after = FaultPlan(rules: [
            FaultRule(operation: "UpdateRuntimeConfiguration", dropRate: 1, dropPhase: .response)
        ])
        let (late, _) = Fixture.simulation(faults: after)
        do {
            _ = try await late.send(
                Fixture.update(Fixture.arena, Fixture.configuration(max: 9)), region: "us-west-2")
            Issue.record("expected a dropped connection")
        } catch let error as GameLiftTransportError {
            #expect(error.kind == .connection)
            #expect(ErrorDisposition.of(error) == .retry)
        }
        #expect(try late.snapshot().fleets[0].runtimeConfiguration.maxConcurrentGameSessionActivations == 9)
    }

    @Test func aDropRateDropsAboutThatShareOfCalls() async throws {
        let (simulation, _) = Fixture.simulation(faults: FaultPlan(rules: [FaultRule(dropRate: 0.1)]), seed: 5)
        var dropped = 0
        for _ in 0..<500 {
            do { try await describe(simulation) } catch is GameLiftTransportError { dropped += 1 }
        }
        #expect((25...75).contains(dropped))
    }

    @Test func readsTheDemoFaultsFile() throws {
        let plan = try FaultPlan.load(path: examplesFolder() + "/faults-demo.json")
        #expect(plan.throttle?.requestsPerSecond == 20)
        #expect(plan.rules.contains { $0.dropPhase == .response })
        #expect(plan.holds.count == 2)
    }

    @Test(arguments: [
        (#"{"rules": [{"operation": "*", "eror": "InternalServiceException", "count": 1}]}"#, "unknown key 'eror'"),
        (#"{"rules": [{"operation": "Describe", "latencyMs": 5}]}"#, "unknown operation 'Describe'"),
        (#"{"rules": [{"error": "InternalServiceException"}]}"#, "needs a count"),
        (#"{"rules": [{"dropRate": 2}]}"#, "dropRate must be between 0 and 1"),
        (#"{"throttle": {"requestsPerSecond": 0}}"#, "requestsPerSecond must be greater than 0"),
        (#"{"holds": [{"fleet": "fleet-1"}]}"#, "give seconds or updateAttempts"),
        (#"{"rules": [ }"#, "invalid JSON"),
    ])
    func rejectsABadFaultsFileNamingIt(_ text: String, _ fragment: String) throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("faults.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try FaultPlan.load(path: path)
        } throws: { error in
            let message = (error as? SimulationError)?.message ?? ""
            return message.hasPrefix(path) && message.contains(fragment)
        }
    }
}

/// examples/local, found from this source file.
func examplesFolder() -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/local").path
}
