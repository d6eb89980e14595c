import FleetformTesting
import Foundation
import Testing

/// The real `fleetform` binary as a user runs it: exit codes (README, "Exit codes"), refusals and the main job, against the
/// embedded local GameLift.
@Suite(
    "fleetform command line", .serialized,
    .enabled(if: BuiltBinaries.available("fleetform"), Comment(rawValue: BuiltBinaries.notBuilt("fleetform"))))
struct CommandLineTests {
    let fleetform: URL
    let directory: URL
    let examples = BuiltBinaries.packageRoot.appendingPathComponent("examples")

    init() throws {
        fleetform = try #require(BuiltBinaries.url("fleetform"), "build it first: swift build")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleetform-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
        try await CommandRun.run(fleetform, arguments, in: directory, environment: environment)
    }

    var local: [String] {
        [
            "--local", "--local-state", directory.appendingPathComponent("state.json").path, "--local-seed",
            examples.appendingPathComponent("local/seed.json").path,
        ]
    }

    @Test("bad arguments exit 1 with the usage message")
    func badArguments() async throws {
        let run = try await run(["apply"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("give either fleet PATHs or --plan FILE"))
        #expect(try await self.run(["plan", "x", "--parallelism", "0"]).status == 1)
        #expect(try await self.run(["apply", "x", "--hold-timeout", "soon"]).status == 1)
    }

    @Test("validate: 0 for the examples, 1 for the invalid files")
    func validate() async throws {
        #expect(try await run(["validate", examples.appendingPathComponent("fleets").path]).status == 0)
        let invalid = try await run(["validate", examples.appendingPathComponent("invalid").path])
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("error: [FF"))
    }

    @Test("invalid files stop plan and apply before any connection: no state created, no credentials sought")
    func invalidFilesSendNothing() async throws {
        let invalid = examples.appendingPathComponent("invalid").path
        for arguments in [["plan", invalid], ["apply", invalid, "--auto-approve"]] {
            let local = try await run(arguments + self.local)
            #expect(local.status == 1)
            #expect(local.stderr.contains("error: [FF"))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("state.json").path))
            let aws = try await run(
                arguments + ["--region", "us-west-2"],
                environment: ["HOME": directory.path, "AWS_EC2_METADATA_DISABLED": "true"])
            #expect(aws.status == 1)
            #expect(aws.stderr.contains("error: [FF"))
            #expect(!aws.stderr.contains("credentials"))
        }
    }

    @Test("no credentials: one clear error listing what was tried, exit 1, nothing per fleet")
    func noCredentials() async throws {
        let run = try await run(
            ["plan", examples.appendingPathComponent("fleets").path, "--region", "us-west-2"],
            environment: ["HOME": directory.path, "AWS_EC2_METADATA_DISABLED": "true"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no AWS credentials found"))
        #expect(run.stderr.components(separatedBy: "no AWS credentials found").count == 2)
        #expect(!run.stdout.contains("cannot plan"))
    }

    @Test(
        "the main job: plan shows changes (exit 2), apply refuses without a terminal, applies with --auto-approve, then no changes"
    )
    func mainJob() async throws {
        let fleets = examples.appendingPathComponent("fleets").path
        let plan = try await run(["plan", fleets, "--detailed-exitcode"] + local)
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("Plan: 5 to update, 2 unchanged, 0 held, 0 failed."))
        let refused = try await run(["apply", fleets] + local)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refusing to apply without confirmation"))
        let applied = try await run(
            ["apply", fleets, "--auto-approve", "--journal", directory.appendingPathComponent("j.jsonl").path] + local)
        #expect(applied.status == 0)
        #expect(applied.stdout.contains("Apply: 5 updated, 2 unchanged, 0 held, 0 failed."))
        let again = try await run(["plan", fleets, "--detailed-exitcode"] + local)
        #expect(again.status == 0)
        #expect(again.stdout.contains("No changes."))
    }

    @Test("a saved plan made stale by an out-of-band change is refused for that fleet (exit 1)")
    func stalePlan() async throws {
        let fleets = examples.appendingPathComponent("fleets").path
        let planFile = directory.appendingPathComponent("plan.json").path
        #expect(try await run(["plan", fleets, "--out", planFile] + local).status == 0)
        // Out of band: apply an edited copy of one fleet, so its live configuration no longer matches the plan.
        let edited = directory.appendingPathComponent("edited")
        try FileManager.default.createDirectory(at: edited, withIntermediateDirectories: true)
        let arena = try String(contentsOf: examples.appendingPathComponent("fleets/prod/arena.yaml"), encoding: .utf8)
        try arena.replacingOccurrences(
            of: "GameSessionActivationTimeoutSeconds: 300", with: "GameSessionActivationTimeoutSeconds: 90"
        )
        .write(to: edited.appendingPathComponent("arena.yaml"), atomically: true, encoding: .utf8)
        #expect(try await run(["apply", edited.path, "--auto-approve"] + local).status == 0)
        let stale = try await run(["apply", "--plan", planFile] + local)
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("refused: its live configuration changed since the plan was made"))
        #expect(stale.stdout.contains("Apply: 4 updated, 2 unchanged, 0 held, 1 failed."))
    }

    @Test(
        "apply --watch with a launch path missing from the build exits 4 naming the event; --rollback-on-failure restores the fleet"
    )
    func watchAndRollback() async throws {
        // A seed whose arena fleet reports events within half a second of an update, so a 2-second watch sees
        // them, and later than the update's own answer (a state-file write), which the watch counts from.
        let seedURL = examples.appendingPathComponent("local/seed.json")
        var seed = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: seedURL)) as? [String: Any])
        var fleets = try #require(seed["Fleets"] as? [[String: Any]])
        let arenaIndex = try #require(
            fleets.firstIndex { ($0["FleetId"] as? String)?.hasPrefix("fleet-2f1c3a9e") == true })
        fleets[arenaIndex]["Behaviour"] = ["EventDelaySeconds": 0.5]
        let before = fleets[arenaIndex]["RuntimeConfiguration"] as? NSDictionary
        seed["Fleets"] = fleets
        let fastSeed = directory.appendingPathComponent("seed.json")
        try JSONSerialization.data(withJSONObject: seed).write(to: fastSeed)
        let state = directory.appendingPathComponent("watch-state.json")
        let local = ["--local", "--local-state", state.path, "--local-seed", fastSeed.path]

        // The arena fleet file with a typo in the launch path: valid YAML, valid path, but not in the build.
        let broken = directory.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        let arena = try String(contentsOf: examples.appendingPathComponent("fleets/prod/arena.yaml"), encoding: .utf8)
        try arena.replacingOccurrences(of: "/local/game/bin/ArenaServer", with: "/local/game/bin/ArenaSever")
            .write(to: broken.appendingPathComponent("arena.yaml"), atomically: true, encoding: .utf8)

        let journal = directory.appendingPathComponent("watch-journal.jsonl").path
        let run = try await run(
            ["apply", broken.path, "--auto-approve", "--watch", "2s", "--rollback-on-failure", "--journal", journal]
                + local)
        #expect(run.status == 4, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("SERVER_PROCESS_INVALID_PATH"), "\(run.stdout)")

        // The live configuration is the one from before the apply, and the rollback is journaled.
        let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any])
        let live = (after["Fleets"] as? [[String: Any]])?.first {
            ($0["FleetId"] as? String)?.hasPrefix("fleet-2f1c3a9e") == true
        }
        #expect((live?["RuntimeConfiguration"] as? NSDictionary) == before)
        let causes = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .compactMap { $0["cause"] as? String }
        #expect(causes.contains("apply"))
        #expect(causes.contains("rollback"))
    }
}
