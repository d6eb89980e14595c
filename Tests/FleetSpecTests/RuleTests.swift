import GameLiftAPI
import Testing

@testable import FleetSpec

/// One case of a rule: a fleet document and the diagnostics (codes) it must produce; `[]` means it passes.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var yaml: String
    var codes: [DiagnosticCode]
    var testDescription: String { name }
}

private func processes(_ entries: [(String, String?, String)]) -> String {
    entries.map { path, parameters, executions in
        var entry = "    - LaunchPath: \(path)\n"
        if let parameters { entry += "      Parameters: \(parameters)\n" }
        return entry + "      ConcurrentExecutions: \(executions)"
    }.joined(separator: "\n")
}

private func repeated(_ count: Int, executions: Int = 1) -> String {
    processes((0..<count).map { ("/local/game/bin/Server", "\"-port \(7000 + $0)\"", "\(executions)") })
}

@Suite("fleet-file rules (docs/fleet-files.md): a passing and a failing case each")
struct RuleTests {
    static let fleetIdCases: [RuleCase] = [
        .init(name: "fleet id passes", yaml: Support.fleet(), codes: []),
        .init(name: "prefixed fleet id passes", yaml: Support.fleet(id: "containerfleet-1a2b"), codes: []),
        .init(
            name: "ARN passes",
            yaml: Support.fleet(
                id: "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-1a2b", region: nil), codes: []),
        .init(name: "malformed id fails", yaml: Support.fleet(id: "fleet_1a2b"), codes: [.fleetIdFormat]),
        .init(name: "id with a slash fails", yaml: Support.fleet(id: "fleet-1a2b/x"), codes: [.fleetIdFormat]),
        .init(
            name: "id longer than 512 fails",
            yaml: Support.fleet(
                id: "fleet-" + String(repeating: "a", count: GameLiftLimits.fleetIdOrArnLength.upperBound)),
            codes: [.fleetIdLength]),
        .init(name: "empty id fails", yaml: Support.fleet(id: "\"\""), codes: [.fleetIdLength]),
        .init(
            name: "ARN region agreeing with Region passes",
            yaml: Support.fleet(
                id: "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-1a2b", region: "us-west-2"), codes: []),
        .init(
            name: "ARN region disagreeing with Region fails",
            yaml: Support.fleet(
                id: "arn:aws:gamelift:eu-west-1:123456789012:fleet/fleet-1a2b", region: "us-west-2"),
            codes: [.arnRegionMismatch]),
        .init(name: "region name passes", yaml: Support.fleet(region: "us-gov-west-1"), codes: []),
        .init(name: "made-up region fails", yaml: Support.fleet(region: "oregon"), codes: [.regionFormat]),
        .init(name: "no region anywhere fails", yaml: Support.fleet(region: nil), codes: [.noRegion]),
    ]

    static let serverProcessCases: [RuleCase] = [
        .init(
            name: "50 entries pass",
            yaml: Support.fleet(processes: repeated(GameLiftLimits.serverProcessCount.upperBound)),
            codes: []),
        .init(
            name: "51 entries fail",
            yaml: Support.fleet(
                processes: repeated(GameLiftLimits.serverProcessCount.upperBound + 1)),
            codes: [.serverProcessCount, .processesPerInstance]),
        .init(name: "no entries fail", yaml: Support.fleet(processes: "    []"), codes: [.serverProcessCount]),
        .init(
            name: "same path, different parameters pass",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", "\"-p 1\"", "1"), ("/local/game/a", "\"-p 2\"", "1"),
                ])), codes: []),
        .init(
            name: "same path and parameters fail",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", "\"-p 1\"", "1"), ("/local/game/a", "\"-p 1\"", "2"),
                ])), codes: [.duplicateServerProcess]),
        .init(
            name: "same path, both without parameters fail",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", nil, "1"), ("/local/game/a", nil, "2"),
                ])), codes: [.duplicateServerProcess]),
    ]

    static let concurrencyCases: [RuleCase] = [
        .init(
            name: "one execution passes", yaml: Support.fleet(processes: processes([("/local/game/a", nil, "1")])),
            codes: []),
        .init(
            name: "zero executions fail", yaml: Support.fleet(processes: processes([("/local/game/a", nil, "0")])),
            codes: [.concurrentExecutionsMinimum]),
        .init(
            name: "negative executions fail", yaml: Support.fleet(processes: processes([("/local/game/a", nil, "-3")])),
            codes: [.concurrentExecutionsMinimum]),
        .init(
            name: "a sum of 50 passes",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", nil, "25"), ("/local/game/b", nil, "25"),
                ])), codes: []),
        .init(
            name: "a sum of 51 fails",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", nil, "25"), ("/local/game/b", nil, "26"),
                ])), codes: [.processesPerInstance]),
    ]

    static let launchPathCases: [RuleCase] = [
        .init(
            name: "Linux path passes",
            yaml: Support.fleet(processes: processes([("/local/game/bin/My Server+1", nil, "1")])),
            codes: []),
        .init(
            name: "Windows path passes",
            yaml: Support.fleet(processes: processes([(#"C:\game\Server.exe"#, nil, "1")])),
            codes: []),
        .init(
            name: "path outside the game folder fails",
            yaml: Support.fleet(
                processes: processes([("/usr/bin/Server", nil, "1")])), codes: [.launchPathRoot]),
        .init(
            name: "lower-case drive passes (GameLift's documentation writes c:\\game\\)",
            yaml: Support.fleet(
                processes: processes([(#"c:\game\Server.exe"#, nil, "1")])), codes: []),
        .init(
            name: "other case of the game folder fails",
            yaml: Support.fleet(
                processes: processes([(#"C:\Game\Server.exe"#, nil, "1")])), codes: [.launchPathRoot]),
        .init(
            name: "disallowed character fails",
            yaml: Support.fleet(
                processes: processes([("/local/game/bin/Serv$r", nil, "1")])), codes: [.launchPathCharacters]),
        .init(
            name: "path of 1025 characters fails",
            yaml: Support.fleet(
                processes: processes([
                    (
                        "/local/game/"
                            + String(
                                repeating: "a",
                                count: GameLiftLimits.launchPathLength.upperBound
                                    - GameLiftLimits.linuxLaunchPathRoot.count + 1), nil, "1"
                    )
                ])), codes: [.launchPathLength]),
        .init(
            name: "path of 1024 characters passes",
            yaml: Support.fleet(
                processes: processes([
                    (
                        "/local/game/"
                            + String(
                                repeating: "a",
                                count: GameLiftLimits.launchPathLength.upperBound
                                    - GameLiftLimits.linuxLaunchPathRoot.count), nil, "1"
                    )
                ])), codes: []),
        .init(
            name: "empty path fails", yaml: Support.fleet(processes: processes([("\"\"", nil, "1")])),
            codes: [.launchPathLength]),
        .init(
            name: "setup script warns",
            yaml: Support.fleet(processes: processes([("/local/game/install.sh", nil, "1")])),
            codes: [.launchPathSetupScript]),
        .init(
            name: "Windows batch file warns",
            yaml: Support.fleet(
                processes: processes([(#"C:\game\start.BAT"#, nil, "1")])), codes: [.launchPathSetupScript]),
        .init(
            name: "mixed Linux and Windows paths fail",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", nil, "1"), (#"C:\game\a.exe"#, nil, "1"),
                ])), codes: [.launchPathMixedSystems]),
    ]

    static let parametersCases: [RuleCase] = [
        .init(
            name: "allowed punctuation passes",
            yaml: Support.fleet(
                processes: processes([
                    ("/local/game/a", #"'-a=1 -b @x;{y},z? [w] "q" C:\dir'"#, "1")
                ])), codes: []),
        .init(
            name: "angle bracket fails", yaml: Support.fleet(processes: processes([("/local/game/a", "\"<x>\"", "1")])),
            codes: [.parametersCharacters]),
        .init(
            name: "empty parameters fail", yaml: Support.fleet(processes: processes([("/local/game/a", "\"\"", "1")])),
            codes: [.parametersLength]),
        .init(
            name: "1025 characters fail",
            yaml: Support.fleet(
                processes: processes([
                    (
                        "/local/game/a", String(repeating: "x", count: GameLiftLimits.parametersLength.upperBound + 1),
                        "1"
                    )
                ])), codes: [.parametersLength]),
    ]

    static let activationCases: [RuleCase] = [
        .init(
            name: "timeout 600 passes", yaml: Support.fleet(extra: "  GameSessionActivationTimeoutSeconds: 600"),
            codes: []),
        .init(
            name: "timeout 601 fails", yaml: Support.fleet(extra: "  GameSessionActivationTimeoutSeconds: 601"),
            codes: [.activationTimeoutRange]),
        .init(
            name: "timeout 0 fails", yaml: Support.fleet(extra: "  GameSessionActivationTimeoutSeconds: 0"),
            codes: [.activationTimeoutRange]),
        .init(
            name: "limit equal to the process count passes",
            yaml: Support.fleet(extra: "  MaxConcurrentGameSessionActivations: 8"), codes: []),
        .init(
            name: "limit 0 fails", yaml: Support.fleet(extra: "  MaxConcurrentGameSessionActivations: 0"),
            codes: [.activationLimitRange]),
        .init(
            name: "limit beyond Int32 fails",
            yaml: Support.fleet(extra: "  MaxConcurrentGameSessionActivations: 2147483648"),
            codes: [.activationLimitRange]),
        .init(
            name: "limit beyond Int64 fails as a number past 64 bits, never clamped into range",
            yaml: Support.fleet(extra: "  MaxConcurrentGameSessionActivations: 99999999999999999999999"),
            codes: [.integerOutOfRange]),
        .init(
            name: "limit above the process count warns",
            yaml: Support.fleet(extra: "  MaxConcurrentGameSessionActivations: 9"), codes: [.activationLimitUnreachable]
        ),
        .init(name: "omitted activation fields pass (unmanaged)", yaml: Support.fleet(), codes: []),
    ]

    @Test(arguments: fleetIdCases + serverProcessCases + concurrencyCases)
    func fleetAndProcessRules(_ rule: RuleCase) {
        #expect(Support.diagnostics(rule.yaml).map(\.code).sorted { $0.rawValue < $1.rawValue } == rule.codes)
    }

    @Test(arguments: launchPathCases + parametersCases + activationCases)
    func launchAndActivationRules(_ rule: RuleCase) {
        #expect(Support.diagnostics(rule.yaml).map(\.code).sorted { $0.rawValue < $1.rawValue } == rule.codes)
    }

    @Test func severitiesFollowTheCatalogue() throws {
        let all =
            (Self.fleetIdCases + Self.serverProcessCases + Self.concurrencyCases + Self.launchPathCases
            + Self.parametersCases + Self.activationCases).flatMap { Support.diagnostics($0.yaml) }
        #expect(!all.isEmpty)
        for diagnostic in all {
            let entry = try #require(DiagnosticCatalogue.entry(for: diagnostic.code))
            #expect(entry.severity == diagnostic.severity, "\(diagnostic)")
        }
    }
}
