import FleetformTesting
import Foundation
import Testing

/// The real `fleetform` binary against the real `gamelift-local`, over HTTP with signatures verified:
/// validate → plan → apply → plan → events, as a pipeline would run them.
@Suite("fleetform against gamelift-local")
struct FleetformOverWireTests {
    static let ready = BuiltBinaries.available("fleetform", "gamelift-local")

    @Test(
        "validate, plan, apply, plan again (no changes) and events over the wire",
        .enabled(if: ready, "fleetform and gamelift-local are not built"))
    func pipeline() async throws {
        let fleetform = try #require(BuiltBinaries.url("fleetform"))
        let root = BuiltBinaries.packageRoot
        let workspace = try Workspace("fleetform-e2e")
        defer { workspace.remove() }
        let work = workspace.url
        let emptyConfig = work.appendingPathComponent("aws-config")
        _ = FileManager.default.createFile(atPath: emptyConfig.path, contents: Data())
        let fleetFile = root.appendingPathComponent("examples/fleets/prod/arena.yaml").path
        let fleet = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"

        let server = try await EmulatorServer.gameLiftLocal(
            [
                "--state", work.appendingPathComponent("state.json").path,
                "--seed-state",
                try Self.promptSeed(from: root.appendingPathComponent("examples/local/seed.json"), in: work),
                "--verify-signatures", "--access-key", "AKIDFLEETFORME2E:e2e-secret",
            ], workspace: workspace)
        defer { server.kill() }
        let environment = [
            "HOME": work.path, "AWS_ENDPOINT_URL_GAMELIFT": server.endpoint, "AWS_ENDPOINT_URL_STS": server.endpoint,
            "AWS_REGION": "us-west-2",
            "AWS_ACCESS_KEY_ID": "AKIDFLEETFORME2E", "AWS_SECRET_ACCESS_KEY": "e2e-secret",
            "AWS_CONFIG_FILE": emptyConfig.path, "AWS_SHARED_CREDENTIALS_FILE": emptyConfig.path, "NO_COLOR": "1",
        ]
        func fleetformRun(_ arguments: [String]) async throws -> CommandRun {
            try await CommandRun.run(fleetform, arguments, in: work, environment: environment)
        }

        let validate = try await fleetformRun(["validate", fleetFile])
        #expect(validate.status == 0, "\(validate.stderr)")

        let plan = try await fleetformRun(["plan", "--detailed-exitcode", fleetFile])
        #expect(plan.status == 2, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("1 to update"))

        let apply = try await fleetformRun(["apply", "--auto-approve", fleetFile])
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        #expect(apply.stdout.contains("1 updated"))
        // A streamed apply names the account first, before any change is shown or made: the file is in the prod
        // environment of examples/fleetform.yaml.
        #expect(
            apply.stdout.hasPrefix(
                "Environment prod: account 123456789012 as arn:aws:iam::123456789012:user/gamelift-local\n"))

        let again = try await fleetformRun(["plan", "--detailed-exitcode", fleetFile])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("0 to update"))

        // The plan names the account the emulator's STS answers for.
        #expect(
            again.stdout.hasPrefix(
                "Environment prod: account 123456789012 as arn:aws:iam::123456789012:user/gamelift-local\n"))

        // A fleet written as an ARN of another account is refused before any GameLift request for it.
        let otherAccount = work.appendingPathComponent("other-account.yaml")
        let arn = "arn:aws:gamelift:us-west-2:999999999999:fleet/\(fleet)"
        try String(contentsOfFile: fleetFile, encoding: .utf8)
            .replacingOccurrences(of: "FleetId: \(fleet)", with: "FleetId: \(arn)")
            .write(to: otherAccount, atomically: true, encoding: .utf8)
        func gameLiftRequests() -> Int {
            server.log.split(separator: "\n").filter { $0.contains("operation=") && !$0.contains("GetCallerIdentity") }
                .count
        }
        let requestsBefore = gameLiftRequests()
        let refusedARN = try await fleetformRun(["apply", "--auto-approve", otherAccount.path])
        #expect(refusedARN.status == 1, "\(refusedARN.stdout)\(refusedARN.stderr)")
        #expect((refusedARN.stdout + refusedARN.stderr).contains("names account 999999999999"))
        #expect(gameLiftRequests() == requestsBefore, "\(server.log.split(separator: "\n").suffix(4))")

        let events = try await fleetformRun(["events", fleet])
        #expect(events.status == 0, "\(events.stderr)")
        #expect(events.stdout.contains("FLEET_STATE_ACTIVE"))
        // GameLift logs no event for the update itself, and the example build holds every launch path.
        #expect(!events.stdout.contains("SERVER_PROCESS_INVALID_PATH"), "\(events.stdout)")

        // Every request reached the emulator signed, and none was refused.
        #expect(server.log.contains("operation=UpdateRuntimeConfiguration"))
        #expect(!server.log.contains("InvalidSignatureException"))
        #expect(!server.log.contains("MissingAuthenticationTokenException"))

        // A wrong secret is refused by the emulator and reported by fleetform as a failure.
        var wrong = environment
        wrong["AWS_SECRET_ACCESS_KEY"] = "not-the-secret"
        let refused = try await CommandRun.run(fleetform, ["plan", fleetFile], in: work, environment: wrong)
        #expect(refused.status == 1)
        #expect((refused.stdout + refused.stderr).contains("InvalidSignatureException"))
    }

    /// The example seed with every fleet's update events due within 10 ms (instead of GameLift-like seconds),
    /// so the events command that follows the apply sees them without the test waiting.
    static func promptSeed(from seed: URL, in directory: URL) throws -> String {
        var state = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: seed)) as? [String: Any])
        let fleets = try #require(state["Fleets"] as? [[String: Any]])
        state["Fleets"] = fleets.map { fleet in
            var fleet = fleet
            var behaviour = fleet["Behaviour"] as? [String: Any] ?? [:]
            behaviour["EventDelaySeconds"] = 0.01
            fleet["Behaviour"] = behaviour
            return fleet
        }
        let path = directory.appendingPathComponent("seed.json")
        try JSONSerialization.data(withJSONObject: state).write(to: path)
        return path.path
    }
}
