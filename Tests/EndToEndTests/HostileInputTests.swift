import FleetformTesting
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The crashes of issue 14, through the real binaries: numbers past 64 bits and sums past `Int.max` in a
/// fleet file (`validate`), in a saved plan (`apply --plan`), and in a request (`gamelift-local`); and a
/// tampered plan refused whole, with nothing sent and the local state unchanged.
@Suite(
    "hostile input through the binaries", .serialized,
    .enabled(if: BuiltBinaries.available("fleetform", "gamelift-local"), "the executables are not built"))
struct HostileInputTests {
    let fleetform: URL
    let directory: URL
    let examples = BuiltBinaries.packageRoot.appendingPathComponent("examples")
    static let arena = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"

    init() throws {
        fleetform = try #require(BuiltBinaries.url("fleetform"), "build it first: swift build")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fleetform-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) async throws -> CommandRun {
        try await CommandRun.run(fleetform, arguments, in: directory, environment: ["HOME": directory.path])
    }

    func fleetFile(_ executions: [String]) throws -> String {
        let processes = executions.enumerated().map { index, value in
            "    - LaunchPath: /local/game/bin/ArenaServer\n      Parameters: \"-port \(7777 + index)\"\n"
                + "      ConcurrentExecutions: \(value)\n"
        }
        let text =
            "FleetId: \(Self.arena)\nRegion: us-west-2\nRuntimeConfiguration:\n  ServerProcesses:\n"
            + processes.joined()
        let path = directory.appendingPathComponent("fleet-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("validate: two ConcurrentExecutions past 64 bits, or two of 2^63-1, are located errors (exit 1)")
    func validateHugeNumbers() async throws {
        let past = try await run(["validate", try fleetFile(["99999999999999999999", "99999999999999999999"])])
        #expect(past.status == 1, "\(past.stdout)\(past.stderr)")
        #expect(past.stdout.contains(":7:29: error: [FF111] ConcurrentExecutions is 99999999999999999999"))
        #expect(past.stdout.contains("GameLift allows an integer from 1 to 50"))
        let maximum = try await run(["validate", try fleetFile(["9223372036854775807", "9223372036854775807"])])
        #expect(maximum.status == 1, "\(maximum.stdout)\(maximum.stderr)")
        #expect(maximum.stdout.contains("error: [FF304] ConcurrentExecutions add up to more than"))
        let float = try await run(["validate", try fleetFile([".inf", "1e400"])])
        #expect(float.status == 1)
        #expect(float.stdout.components(separatedBy: "[FF104]").count == 3, "\(float.stdout)")
    }

    /// A saved plan of the example fleets against a fresh local state, as JSON to tamper with.
    func savedPlan() async throws -> (plan: [String: Any], local: [String]) {
        let local = [
            "--local", "--local-state", directory.appendingPathComponent("state.json").path, "--local-seed",
            examples.appendingPathComponent("local/seed.json").path,
        ]
        let out = directory.appendingPathComponent("plan.json").path
        let planned = try await run(["plan", examples.appendingPathComponent("fleets").path, "--out", out] + local)
        try #require(planned.status == 0, "\(planned.stderr)")
        let plan = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        return (plan, local)
    }

    /// The plan with the first updated fleet's request changed by `edit`, as text (so numbers past 64 bits
    /// can be written), passed through `text` last.
    func tampered(
        _ plan: [String: Any], _ edit: (inout [String: Any]) -> Void, text: (String) -> String = { $0 }
    ) throws -> String {
        var plan = plan
        var fleets = try #require(plan["fleets"] as? [[String: Any]])
        let index = try #require(fleets.firstIndex { $0["action"] as? String == "update" })
        var request = try #require(fleets[index]["request"] as? [String: Any])
        edit(&request)
        fleets[index]["request"] = request
        plan["fleets"] = fleets
        let data = try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
        let path = directory.appendingPathComponent("tampered-\(UUID().uuidString).json").path
        try text(String(decoding: data, as: UTF8.self)).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func processes(_ list: [(String, Any)]) -> [String: Any] {
        ["ServerProcesses": list.map { ["LaunchPath": $0.0, "ConcurrentExecutions": $0.1] }]
    }

    @Test("apply --plan refuses a tampered plan whole: exit 1, located errors, nothing sent, state unchanged")
    func tamperedPlans() async throws {
        let (plan, local) = try await savedPlan()
        let state = directory.appendingPathComponent("state.json")
        let journal = directory.appendingPathComponent("journal.jsonl").path
        let before = try Data(contentsOf: state)
        let cases: [(String, String, [String])] = [
            (
                "rule-breaking request",
                try tampered(plan) {
                    $0["RuntimeConfiguration"] = Self.processes([("/tmp/evil", 999), ("/local/game/x", 1)])
                }, ["[FF307]", "[FF304]", "/request/RuntimeConfiguration/ServerProcesses/0/LaunchPath"]
            ),
            (
                "two ConcurrentExecutions of 2^63-1",
                try tampered(plan) {
                    $0["RuntimeConfiguration"] = Self.processes([
                        ("/local/game/a", Int.max), ("/local/game/b", Int.max),
                    ])
                }, ["[FF304]", "add up to more than"]
            ),
            (
                "a number past 64 bits",
                try tampered(plan, { $0["RuntimeConfiguration"] = Self.processes([("/local/game/a", 424_242)]) }) {
                    $0.replacingOccurrences(of: "424242", with: "99999999999999999999")
                }, ["[FF111]", "/request/RuntimeConfiguration/ServerProcesses/0/ConcurrentExecutions"]
            ),
            (
                "a wrong type",
                try tampered(plan) { $0["RuntimeConfiguration"] = Self.processes([("/local/game/a", "8")]) },
                ["[FF104]", "/ConcurrentExecutions"]
            ),
            (
                "an unknown format version",
                try tampered(plan, { _ in }) {
                    $0.replacingOccurrences(of: #""formatVersion":2"#, with: #""formatVersion":3"#)
                }, ["[FF112]", "#/formatVersion"]
            ),
        ]
        for (name, path, expected) in cases {
            let run = try await run(["apply", "--plan", path, "--journal", journal] + local)
            #expect(run.status == 1, "\(name): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("the plan is refused; nothing was applied"), "\(name): \(run.stderr)")
            for text in expected { #expect(run.stderr.contains(text), "\(name): no \(text) in \(run.stderr)") }
            #expect(!run.stdout.contains("updated"), "\(name): \(run.stdout)")
            #expect(try Data(contentsOf: state) == before, "\(name): the local state changed")
            #expect(!FileManager.default.fileExists(atPath: journal), "\(name): a journal was written")
        }
    }

    @Test("gamelift-local answers two ConcurrentExecutions of 2^63-1 with HTTP 400, then serves the next request")
    func emulatorHugeNumbers() async throws {
        let seed = examples.appendingPathComponent("local/seed.json").path
        let workspace = try Workspace("hostile-emulator")
        defer { workspace.remove() }
        let server = try await EmulatorServer.gameLiftLocal(
            ["--log-level", "warning", "--state", workspace.file("state.json"), "--seed-state", seed],
            workspace: workspace)
        defer { server.kill() }
        let huge =
            #"{"FleetId":"\#(Self.arena)","RuntimeConfiguration":{"ServerProcesses":["#
            + #"{"LaunchPath":"/local/game/bin/ArenaServer","ConcurrentExecutions":9223372036854775807},"#
            + #"{"LaunchPath":"/local/game/bin/BotServer","ConcurrentExecutions":9223372036854775807}]}}"#
        let refused = try await postGameLiftJSON(server.endpoint, "UpdateRuntimeConfiguration", huge)
        #expect(refused.status == 400)
        #expect(refused.body.contains("InvalidRequestException"), "\(refused.body)")
        #expect(refused.body.contains("less than or equal to 2147483647"), "\(refused.body)")
        let past = try await postGameLiftJSON(
            server.endpoint, "UpdateRuntimeConfiguration",
            huge.replacingOccurrences(
                of: "9223372036854775807", with: "99999999999999999999"))
        #expect(past.status == 400, "\(past.body)")
        let next = try await postGameLiftJSON(
            server.endpoint, "DescribeRuntimeConfiguration", #"{"FleetId":"\#(Self.arena)"}"#)
        #expect(next.status == 200)
        #expect(next.body.contains("ArenaServer"))
    }

}
