import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct EventTests {
    func allEvents(_ simulation: GameLiftSimulation, _ input: DescribeFleetEventsInput) async throws -> [FleetEvent] {
        var input = input
        var events: [FleetEvent] = []
        repeat {
            let page = try await simulation.send(input, region: "us-west-2")
            events += page.events ?? []
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        return events
    }

    @Test func aLaunchPathMissingFromTheBuildGivesInvalidPathEventsAfterTheUpdate() async throws {
        let (simulation, clock) = Fixture.simulation()
        let configuration = Fixture.configuration([
            ("/local/game/bin/ArenaServer", "-port 7777", 4), ("/local/game/bin/Missing", "-port 7778", 3),
        ])
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, configuration), region: "us-west-2")
        let updatedAt = Fixture.start
        // Nothing has happened yet: the events lie in the (simulated) future.
        #expect(try await allEvents(simulation, .init(fleetId: Fixture.arena)).isEmpty)

        clock.advance(by: 5)
        let events = try await allEvents(simulation, .init(fleetId: Fixture.arena, startTime: updatedAt))
        let invalid = try #require(events.first { $0.eventCode == .serverProcessInvalidPath })
        #expect(invalid.message?.contains("/local/game/bin/Missing") == true)
        #expect(invalid.message?.contains("-port 7778") == true)
        #expect(invalid.count == 3)
        #expect(invalid.preSignedLogUrl?.hasPrefix("https://") == true)
        #expect(invalid.resourceId == Fixture.arena)
        #expect(events.allSatisfy { $0.eventTime > updatedAt })
        // GameLift logs nothing for the update itself: only what the instances report.
        #expect(!events.contains { $0.eventCode == "GENERIC_EVENT" })
        #expect(events.filter { $0.eventCode == .serverProcessInvalidPath }.count == 1)
        #expect(!events.contains { $0.eventCode == "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND" })
    }

    /// `FLEET_VALIDATION_*` codes belong to fleet creation: an update to an active fleet whose launch paths are
    /// all missing logs process events only.
    @Test func noLaunchPathInTheBuildGivesProcessEventsNotFleetValidation() async throws {
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(files: ["bin/Other"])])
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")
        clock.advance(by: 10)
        let codes = try await allEvents(simulation, .init(fleetId: Fixture.arena)).map(\.eventCode)
        #expect(!codes.contains("FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND"))
        #expect(codes == [.serverProcessInvalidPath])
        // Every code the simulation logs is one the API has.
        #expect(codes.allSatisfy { $0.meaning != nil })
    }

    @Test func aSetupScriptAsLaunchPathNeverInitializesTheSDK() async throws {
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(files: ["install.sh", "bin/ArenaServer"])])
        let configuration = Fixture.configuration([
            ("/local/game/install.sh", "-port 7777", 2), ("/local/game/bin/ArenaServer", nil, 1),
        ])
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, configuration), region: "us-west-2")
        clock.advance(by: 10)
        let failures = try await allEvents(simulation, .init(fleetId: Fixture.arena)).filter {
            $0.eventCode.indicatesRuntimeConfigurationFailure
        }
        #expect(failures.map(\.eventCode) == ["SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT"])
        #expect(failures.first?.message?.contains("/local/game/install.sh") == true)
        #expect(failures.first?.count == 2)
    }

    @Test func windowsBuildsMatchLaunchPathsWithoutRegardToCase() async throws {
        let fleet = Fixture.fleet(
            os: .windows2022, files: ["LobbyServer.exe"],
            configuration: Fixture.configuration([(#"C:\game\LobbyServer.exe"#, nil, 1)]))
        let (simulation, clock) = Fixture.simulation([fleet])
        // The root takes its drive letter in either case (LaunchPathRoot); below it, file names match in any case.
        let configuration = Fixture.configuration([(#"c:\game\lobbyserver.EXE"#, "-port 7000", 2)])
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, configuration), region: "us-west-2")
        clock.advance(by: 10)
        let events = try await allEvents(simulation, .init(fleetId: Fixture.arena))
        #expect(!events.contains { $0.eventCode.indicatesRuntimeConfigurationFailure })
    }

    @Test func crashesFollowTheCrashRateAndTheSeed() async throws {
        func crashes(seed: UInt64) async throws -> [FleetEvent] {
            let processes = (0..<20).map { ("/local/game/bin/ArenaServer", "-port \(7000 + $0)", 2) }
            let fleet = Fixture.fleet(behaviour: FleetBehaviour(crashRate: 0.5))
            let (simulation, clock) = Fixture.simulation([fleet], seed: seed)
            _ = try await simulation.send(
                Fixture.update(Fixture.arena, Fixture.configuration(processes)), region: "us-west-2")
            clock.advance(by: 10)
            return try await allEvents(simulation, .init(fleetId: Fixture.arena)).filter {
                $0.eventCode == .serverProcessCrashed
            }
        }
        let first = try await crashes(seed: 11)
        #expect(first == (try await crashes(seed: 11)))
        #expect(first.map(\.message) != (try await crashes(seed: 12)).map(\.message))
        #expect((3...17).contains(first.count))
        #expect(first.allSatisfy { ($0.count ?? 0) >= 1 && $0.preSignedLogUrl != nil })
    }

    @Test func aShortActivationTimeoutGivesActivationTimeoutEvents() async throws {
        let fleet = Fixture.fleet(behaviour: FleetBehaviour(gameSessionActivationSeconds: 90))
        let (simulation, clock) = Fixture.simulation([fleet])
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, Fixture.configuration(timeout: 60)), region: "us-west-2")
        clock.advance(by: 10)
        let timeout = try #require(
            try await allEvents(simulation, .init(fleetId: Fixture.arena)).first {
                $0.eventCode == .gameSessionActivationTimeout
            })
        #expect(timeout.message?.contains("60 s") == true)

        _ = try await simulation.send(
            Fixture.update(Fixture.arena, Fixture.configuration(timeout: 120)), region: "us-west-2")
        clock.advance(by: 10)
        let later = try await allEvents(
            simulation, .init(fleetId: Fixture.arena, startTime: Fixture.start.addingTimeInterval(10)))
        #expect(!later.contains { $0.eventCode == .gameSessionActivationTimeout })
    }

    static func history(_ count: Int) -> [FleetEvent] {
        (0..<count).map { index in
            FleetEvent(
                eventId: String(format: "event-%03d", index), resourceId: Fixture.arena,
                eventCode: index % 2 == 0 ? "FLEET_CREATION_COMPLETED_INSTALLER" : "FLEET_CREATION_FAILED_INSTALLER",
                message: "event \(index)", eventTime: Fixture.start.addingTimeInterval(Double(index - count) * 60))
        }
    }

    @Test func pagesNewestFirstThroughManyPagesWithTimeFilters() async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(events: Self.history(250))])
        let start = Fixture.start.addingTimeInterval(-200 * 60)  // event 50
        let end = Fixture.start.addingTimeInterval(-11 * 60)  // event 239
        var input = DescribeFleetEventsInput(
            fleetId: Fixture.arn(Fixture.arena), startTime: start, endTime: end, limit: 40)
        var pages: [[FleetEvent]] = []
        repeat {
            let page = try await simulation.send(input, region: "us-west-2")
            pages.append(page.events ?? [])
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        #expect(pages.map(\.count) == [40, 40, 40, 40, 30])
        let messages = pages.flatMap { $0 }.map { $0.message ?? "" }
        #expect(messages == (50...239).reversed().map { "event \($0)" })
    }

    /// `Limit` is a positive integer with no maximum in the model: honoured, never capped silently.
    @Test func pagesOfTheDefaultSizeAndOfAnyLimit() async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(events: Self.history(250))])
        let page = try await simulation.send(
            DescribeFleetEventsInput(fleetId: Fixture.arena, limit: 1000), region: "us-west-2")
        #expect(page.events?.count == 250)
        #expect(page.nextToken == nil)
        let big = try await simulation.send(
            DescribeFleetEventsInput(fleetId: Fixture.arena, limit: 150), region: "us-west-2")
        #expect(big.events?.count == 150)
        #expect(big.nextToken != nil)
        let defaultPage = try await simulation.send(
            DescribeFleetEventsInput(fleetId: Fixture.arena), region: "us-west-2")
        #expect(defaultPage.events?.count == GameLiftLimits.eventPageSize)
        #expect(try await allEvents(simulation, .init(fleetId: Fixture.arena)).count == 250)
    }

    @Test func eventsAddedBetweenPagesNeitherRepeatNorVanish() async throws {
        let (simulation, clock) = Fixture.simulation([Fixture.fleet(events: Self.history(30))])
        let first = try await simulation.send(
            DescribeFleetEventsInput(fleetId: Fixture.arena, limit: 10), region: "us-west-2")
        _ = try await simulation.send(Fixture.update(), region: "us-west-2")
        clock.advance(by: 10)
        var input = DescribeFleetEventsInput(fleetId: Fixture.arena, limit: 10, nextToken: first.nextToken)
        var rest: [FleetEvent] = []
        repeat {
            let page = try await simulation.send(input, region: "us-west-2")
            rest += page.events ?? []
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        #expect((first.events ?? []).count + rest.count == 30)
    }

    @Test(arguments: ["not-a-token", "Z2xzMQpmbGVldHMKMA", ""])
    func rejectsTokensItDidNotIssueForThisFleet(_ token: String) async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(events: Self.history(5))])
        let error = await serviceError {
            try await simulation.send(
                DescribeFleetEventsInput(fleetId: Fixture.arena, nextToken: token), region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func aTokenForAnotherFleetIsInvalid() async throws {
        let fleets = [Fixture.fleet(events: Self.history(5)), Fixture.fleet(Fixture.other, events: [])]
        let (simulation, _) = Fixture.simulation(fleets)
        let page = try await simulation.send(
            DescribeFleetEventsInput(fleetId: Fixture.arena, limit: 2), region: "us-west-2")
        let token = try #require(page.nextToken)
        let error = await serviceError {
            try await simulation.send(
                DescribeFleetEventsInput(fleetId: Fixture.other, nextToken: token), region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest)
        let limit = await serviceError {
            try await simulation.send(DescribeFleetEventsInput(fleetId: Fixture.arena, limit: 0), region: "us-west-2")
        }
        #expect(limit?.message.contains("at 'limit' failed to satisfy constraint") == true)
    }
}
