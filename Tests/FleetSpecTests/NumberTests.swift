import FleetSpec
import GameLiftAPI
import Testing

/// Integers are range-checked as they are read: past 64 bits is FF111 (never clamped into range), a float,
/// `.inf` or `.nan` is a wrong type naming the field's range, and no sum of input values can trap.
@Suite struct NumberTests {
    static func file(_ executions: [String], extra: String = "") -> String {
        "FleetId: fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc\nRegion: us-west-2\nRuntimeConfiguration:\n"
            + "  ServerProcesses:\n"
            + executions.enumerated().map {
                "    - LaunchPath: /local/game/a\n      Parameters: \"-p \($0)\"\n      ConcurrentExecutions: \($1)\n"
            }
            .joined() + extra
    }

    @Test(
        "ConcurrentExecutions values past the limits",
        arguments: [
            (["99999999999999999999", "99999999999999999999"], ["7:29: error: [FF111]", "10:29: error: [FF111]"]),
            (["9223372036854775808"], ["7:29: error: [FF111]"]),
            (["-9223372036854775809"], ["7:29: error: [FF111]"]),
            (["9223372036854775807", "9223372036854775807"], ["5:5: error: [FF304]"]),
            (["-9223372036854775808"], ["7:29: error: [FF303]"]),
            (["1.5"], ["7:29: error: [FF104]"]), ([".inf"], ["7:29: error: [FF104]"]),
            ([".nan"], ["7:29: error: [FF104]"]),
            (["1e400"], ["7:29: error: [FF104]"]), (["-0"], ["7:29: error: [FF303]"]), (["+8"], []),
        ])
    func executions(_ values: [String], _ expected: [String]) {
        #expect(Support.summary(Support.diagnostics(Self.file(values))) == expected)
    }

    @Test("the messages name the value and the field's valid range")
    func messages() {
        let past = Support.diagnostics(Self.file(["99999999999999999999"]))
        #expect(
            past.first?.message
                == "ConcurrentExecutions is 99999999999999999999, which does not fit in a 64-bit integer")
        #expect(past.first?.hint == "GameLift allows an integer from 1 to 50")
        let float = Support.diagnostics(Self.file(["8"], extra: "  GameSessionActivationTimeoutSeconds: .inf\n"))
        #expect(float.first?.hint == "GameLift allows an integer from 1 to 600")
        let sum = Support.diagnostics(Self.file(["9223372036854775807", "9223372036854775807"]))
        #expect(sum.first?.message.hasPrefix("ConcurrentExecutions add up to more than 9223372036854775806") == true)
        let limit = Support.diagnostics(
            Self.file(["8"], extra: "  MaxConcurrentGameSessionActivations: 99999999999999999999999999999999999\n"))
        #expect(Support.summary(limit) == ["8:40: error: [FF111]"])
    }

    @Test("a request from a plan gets the same rules, located by JSON pointer")
    func requestRules() {
        let configuration = RuntimeConfiguration(serverProcesses: [
            ServerProcess(launchPath: "/tmp/evil", concurrentExecutions: Int.max),
            ServerProcess(launchPath: "/local/game/a", concurrentExecutions: Int.max),
        ])
        let diagnostics = RequestRules.check(
            fleetIdOrArn: "fleet-1", region: "us-west-2", configuration: configuration, path: "plan.json",
            fleetIdPointer: "/fleets/0/request/FleetId", regionPointer: "/fleets/0/region",
            configurationPointer: "/fleets/0/request/RuntimeConfiguration")
        #expect(
            diagnostics.map { "\($0.location?.description ?? ""): \($0.code)" } == [
                "plan.json#/fleets/0/request/RuntimeConfiguration/ServerProcesses/0/LaunchPath: FF307",
                "plan.json#/fleets/0/request/RuntimeConfiguration/ServerProcesses: FF304",
            ])
        let windows = RequestRules.check(
            fleetIdOrArn: "fleet-1", region: "mars",
            configuration: RuntimeConfiguration(serverProcesses: [
                ServerProcess(launchPath: #"C:\game\x.exe"#, concurrentExecutions: 1)
            ]), operatingSystem: .amazonLinux2023, path: "j.jsonl", line: 7, fleetIdPointer: "/fleetIdOrArn",
            regionPointer: "/region", configurationPointer: "/previous")
        #expect(windows.map(\.code) == [.regionFormat, .launchPathOperatingSystem])
        #expect(windows.first?.description.hasPrefix("j.jsonl:7#/region: error: [FF204]") == true)
    }
}
