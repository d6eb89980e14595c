import FleetformTesting
import Foundation
import Testing

/// `fleetform.yaml` through the real `fleetform` binary against the real `gamelift-local` (docs/policy.md): each
/// environment reached with its own identity, a broken rule failing `plan --strict` located in both files, a freeze
/// refusing `apply` before any GameLift request, `--override` passing it with the reason journaled, and a locked
/// rule that no override passes. AWS credentials are static keys in the environment; STS and GameLift are both
/// `gamelift-local`, which answers `AssumeRole` for the seeded accounts.
@Suite("repository settings against gamelift-local")
struct RepositorySettingsOverWireTests {
    static let ready = BuiltBinaries.available("fleetform", "gamelift-local")

    @Test(
        "two environments, two identities; FF630 in both files; a freeze refuses apply; --override passes it once",
        .enabled(if: ready, "fleetform and gamelift-local are not built"))
    func environmentsRulesAndFreeze() async throws {
        let stage = try await LocalStage(settingsStage: "fleetform-settings")
        defer { stage.stop() }

        // A plan over both environments: each with its own identity, both accounts shown and recorded.
        let plan = try await stage.run(["plan", "fleets"])
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(
            plan.stdout.contains(
                "Environment prod: account 123456789012 as arn:aws:iam::123456789012:user/gamelift-local\n"),
            "\(plan.stdout)")
        #expect(
            plan.stdout.contains(
                "Environment staging: account 210987654321 as "
                    + "arn:aws:sts::210987654321:assumed-role/fleetform-deploy/fleetform\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Plan: 5 to update, 2 unchanged, 0 held, 0 failed."), "\(plan.stdout)")
        #expect(stage.server.log.contains("sts:AssumeRole"), "\(stage.server.log)")
        let json = try await stage.run(["plan", "fleets", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let environments = try #require(document["environments"] as? [[String: Any]])
        #expect(environments.map { $0["name"] as? String } == ["prod", "staging"])
        #expect(environments.map { $0["account"] as? String } == ["123456789012", "210987654321"])
        #expect(document["caller"] == nil, "two environments: no single caller")

        // A prod change that leaves one location 1 slot, under minSlotsPerLocation (2): plan --strict fails with
        // FF630, at the fleet and at the rule.
        let regional = stage.work.appendingPathComponent("fleets/prod/regional.yaml")
        let original = try String(contentsOf: regional, encoding: .utf8)
        let dropped = original.replacingOccurrences(
            of: "      Parameters: \"-port 7777 -players 100 -tickrate 30\"\n      ConcurrentExecutions: 2",
            with: "      Parameters: \"-port 7777 -players 100 -tickrate 30\"\n      ConcurrentExecutions: 1")
        #expect(dropped != original, "the test edits the ap-northeast-1 fleet")
        try dropped.write(to: regional, atomically: true, encoding: .utf8)
        let strict = try await stage.run(["plan", "fleets", "--strict"])
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
        #expect(strict.stdout.contains("fleets/prod/regional.yaml:22"), "\(strict.stdout)")
        #expect(strict.stdout.contains("warning: [FF630] the change leaves 1 game-session slots in ap-northeast-1"))
        #expect(strict.stdout.contains("rule: fleetform.yaml:"), "\(strict.stdout)")
        let relaxed = try await stage.run(["plan", "fleets"])
        #expect(relaxed.status == 0, "without --strict a broken rule is shown, not fatal: \(relaxed.stderr)")
        try original.write(to: regional, atomically: true, encoding: .utf8)

        // Inside a freeze: apply refuses before any GameLift request.
        try stage.writeSettings(freeze: true, locked: false)
        let before = stage.gameLiftRequests()
        let frozen = try await stage.run(["apply", "fleets", "--auto-approve", "--journal", "journal.jsonl"])
        #expect(frozen.status == 1, "\(frozen.stdout)\(frozen.stderr)")
        #expect(frozen.stderr.contains("[FF643] apply is closed now: inside the freeze"), "\(frozen.stderr)")
        #expect(frozen.stderr.contains("apply refused"), "\(frozen.stderr)")
        #expect(stage.gameLiftRequests() == before, "no GameLift request: \(stage.server.log)")
        let frozenPlan = try await stage.run(["plan", "fleets"])
        #expect(frozenPlan.stdout.contains("apply is closed: inside the freeze"), "\(frozenPlan.stdout)")
        #expect(frozenPlan.stdout.contains("; it opens "), "the plan says when the next window opens")

        // --override lets it through once; the reason is journaled and reported.
        let passed = try await stage.run([
            "apply", "fleets", "--auto-approve", "--journal", "journal.jsonl", "--override", "FF643", "--reason",
            "hotfix for ticket OPS-42", "--format", "json",
        ])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(passed.stdout.utf8)) as? [String: Any])
        let overrides = try #require(report["overrides"] as? [[String: Any]])
        #expect(overrides.first?["code"] as? String == "FF643")
        #expect(overrides.first?["reason"] as? String == "hotfix for ticket OPS-42")
        let journal = try String(contentsOf: stage.work.appendingPathComponent("journal.jsonl"), encoding: .utf8)
        #expect(journal.contains("hotfix for ticket OPS-42"), "\(journal)")
        #expect(journal.contains("\"environment\":\"prod\""), "\(journal)")

        // The rollback reaches each fleet as the apply did: staging's through its role.
        let rollback = try await stage.run(["rollback", "--auto-approve", "--journal", "journal.jsonl"])
        #expect(rollback.status == 0, "\(rollback.stdout)\(rollback.stderr)")
        #expect(rollback.stdout.contains("Rollback: 5 updated, 0 unchanged, 0 held, 0 failed."), "\(rollback.stdout)")

        // A locked rule: no override passes it, and nothing is sent.
        try stage.writeSettings(freeze: true, locked: true)
        let lockedBefore = stage.gameLiftRequests()
        let locked = try await stage.run([
            "apply", "fleets", "--auto-approve", "--override", "freeze", "--reason", "please",
        ])
        #expect(locked.status == 1, "\(locked.stdout)\(locked.stderr)")
        #expect(locked.stderr.contains("FF643 (freeze) is locked in environment prod"), "\(locked.stderr)")
        #expect(stage.gameLiftRequests() == lockedBefore, "\(stage.server.log)")
    }
}

extension LocalStage {
    /// The example seed (prod in account 123456789012, staging in 210987654321), with the example fleets and
    /// settings copied into the workspace.
    fileprivate init(settingsStage label: String) async throws {
        try await self.init(label, accessKey: "AKIDSETTINGS")
        try copy("examples/fleets", as: "fleets")
        try copy("examples/fleetform.yaml", as: "fleetform.yaml")
    }

    /// The example's settings with prod frozen from yesterday to tomorrow, the freeze locked or not.
    func writeSettings(freeze: Bool, locked: Bool) throws {
        let root = BuiltBinaries.packageRoot
        var text = try String(contentsOf: root.appendingPathComponent("examples/fleetform.yaml"), encoding: .utf8)
        let day = 86_400.0
        let format = Date.ISO8601FormatStyle().year().month().day()
        let period =
            "\(Date().addingTimeInterval(-day).formatted(format))..\(Date().addingTimeInterval(day).formatted(format))"
        if freeze {
            text = text.replacingOccurrences(
                of: "      minProcessMemory: 256MiB\n",
                with: "      minProcessMemory: 256MiB\n      freeze: [\"\(period)\"]\n")
        }
        if !locked { text = text.replacingOccurrences(of: "    locked: [freeze]\n", with: "") }
        try text.write(to: work.appendingPathComponent("fleetform.yaml"), atomically: true, encoding: .utf8)
    }

}
