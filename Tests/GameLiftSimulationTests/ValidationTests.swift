import Foundation
import GameLiftAPI
import Testing

@testable import GameLiftSimulation

@Suite struct ValidationTests {
    static let path = "/local/game/bin/ArenaServer"

    /// Configurations GameLift itself rejects, and a fragment of its message.
    static let invalid: [(String, RuntimeConfiguration, OperatingSystem, String)] = [
        (
            "no processes", RuntimeConfiguration(serverProcesses: []), .amazonLinux2023,
            "at 'runtimeConfiguration.serverProcesses' failed to satisfy constraint: Member must have length greater than or equal to 1"
        ),
        ("no process list", RuntimeConfiguration(), .amazonLinux2023, "have length greater than or equal to 1"),
        (
            "51 processes", Fixture.configuration((0...50).map { (path, "-port \($0)", 1) }), .amazonLinux2023,
            "have length less than or equal to 50"
        ),
        (
            "zero executions", Fixture.configuration([(path, nil, 0)]), .amazonLinux2023,
            "'runtimeConfiguration.serverProcesses.1.member.concurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1"
        ),
        (
            "over 50 per instance", Fixture.configuration([(path, "-a", 30), (path, "-b", 21)]), .amazonLinux2023,
            "launches 51 concurrent server processes per instance"
        ),
        (
            "bad launch path character", Fixture.configuration([("/local/game/bin/Arena$", nil, 1)]), .amazonLinux2023,
            "at 'runtimeConfiguration.serverProcesses.1.member.launchPath' failed to satisfy constraint: Member must satisfy regular expression pattern"
        ),
        (
            "launch path too long",
            Fixture.configuration([("/local/game/" + String(repeating: "a", count: 1013), nil, 1)]),
            .amazonLinux2023, "Member must have length less than or equal to 1024"
        ),
        (
            "empty parameters", Fixture.configuration([(path, "", 1)]), .amazonLinux2023,
            "at 'runtimeConfiguration.serverProcesses.1.member.parameters' failed to satisfy constraint: Member must have length greater than or equal to 1"
        ),
        (
            "bad parameter character", Fixture.configuration([(path, "-motd <hi>", 1)]), .amazonLinux2023,
            "member.parameters' failed to satisfy constraint: Member must satisfy regular expression pattern"
        ),
        (
            "timeout 0", Fixture.configuration(timeout: 0), .amazonLinux2023,
            "at 'runtimeConfiguration.gameSessionActivationTimeoutSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1"
        ),
        (
            "timeout 601", Fixture.configuration(timeout: 601), .amazonLinux2023,
            "Member must have value less than or equal to 600"
        ),
        (
            "activations 0", Fixture.configuration(max: 0), .amazonLinux2023,
            "'runtimeConfiguration.maxConcurrentGameSessionActivations' failed to satisfy constraint"
        ),
        (
            "outside the Linux root", Fixture.configuration([("/opt/game/ArenaServer", nil, 1)]), .amazonLinux2023,
            "must begin with /local/game/"
        ),
        (
            "Windows path on Linux", Fixture.configuration([(#"C:\game\Arena.exe"#, nil, 1)]), .amazonLinux2,
            "must begin with /local/game/"
        ),
        ("Linux path on Windows", Fixture.configuration([(path, nil, 1)]), .windows2022, #"must begin with C:\game\"#),
    ]

    @Test(arguments: invalid)
    func rejectsWhatGameLiftRejects(
        _ name: String, _ configuration: RuntimeConfiguration, _ os: OperatingSystem, _ fragment: String
    )
        async throws
    {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(os: os)])
        let error = await serviceError {
            try await simulation.send(
                Fixture.update(Fixture.arena, configuration), region: "us-west-2")
        }
        #expect(error?.code == .invalidRequest, "\(name)")
        #expect(error?.httpStatus == 400)
        #expect(error?.message.contains(fragment) == true, "\(name): \(error?.message ?? "no error")")
        #expect(try simulation.snapshot().fleets[0].runtimeConfiguration == Fixture.configuration(), "\(name)")
    }

    @Test func reportsEveryConstraintViolationTogether() async throws {
        let (simulation, _) = Fixture.simulation()
        let bad = Fixture.configuration([(Self.path, "", 0)], max: 0, timeout: 700)
        let error = await serviceError {
            try await simulation.send(Fixture.update(Fixture.arena, bad), region: "us-west-2")
        }
        #expect(error?.message.hasPrefix("4 validation errors detected: ") == true)
    }

    @Test func acceptsTheLimitsThemselves() async throws {
        let (simulation, _) = Fixture.simulation([Fixture.fleet(os: .windows2022, files: nil)])
        let processes = (0..<50).map { (#"C:\game\bin\Arena Server.exe"#, "-port \(7000 + $0) -name={x}", 1) }
        let configuration = Fixture.configuration(processes, max: 2_147_483_647, timeout: 600)
        _ = try await simulation.send(
            Fixture.update(Fixture.arena, configuration), region: "us-west-2")
        let live = try await simulation.send(
            DescribeRuntimeConfigurationInput(fleetId: Fixture.arena), region: "us-west-2")
        #expect(live.runtimeConfiguration == configuration)
    }

    @Test func anUpdateReplacesTheWholeConfiguration() async throws {
        let (simulation, _) = Fixture.simulation()
        let replacement = RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: "/local/game/bin/BotServer", concurrentExecutions: 3)])
        let output = try await simulation.send(
            Fixture.update(Fixture.arena, replacement), region: "us-west-2")
        #expect(output.runtimeConfiguration == replacement)
        let live = try await simulation.send(
            DescribeRuntimeConfigurationInput(fleetId: Fixture.arena), region: "us-west-2")
        #expect(live.runtimeConfiguration == replacement)
        #expect(live.runtimeConfiguration?.gameSessionActivationTimeoutSeconds == nil)
    }
}
