import FleetformTesting
import Foundation
import Testing

/// `apply --wave … --bake` through the real `fleetform` binary against the real `gamelift-local`: a bad canary
/// halts the rollout and is rolled back while the arena fleet was already crashing; the fixed run resumes and
/// completes, the old crashes reported as already failing.
@Suite("rollouts against gamelift-local")
struct RolloutOverWireTests {
    static let ready = BuiltBinaries.available("fleetform", "gamelift-local")

    @Test(
        "a bad canary halts (exit 4, rolled back, later waves untouched); the fixed run resumes (exit 0)",
        .enabled(if: ready, "fleetform and gamelift-local are not built"))
    func haltAndResume() async throws {
        // The arena fleet crashing every second for the last 15 minutes, whatever its configuration.
        let since = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-900))
        let stage = try await LocalStage("fleetform-rollout") { arena in
            var behaviour = arena["Behaviour"] as? [String: Any] ?? [:]
            behaviour["OngoingFailure"] = ["Code": "SERVER_PROCESS_CRASHED", "EverySeconds": 1, "Since": since]
            arena["Behaviour"] = behaviour
        }
        defer { stage.stop() }
        let work = stage.work
        let root = BuiltBinaries.packageRoot

        let fleets = work.appendingPathComponent("fleets")
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples/fleets"), to: fleets)
        // The settings too: the staging fleets are in another account, reached through its role.
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("examples/fleetform.yaml"),
            to: work.appendingPathComponent("fleetform.yaml"))
        let arena = fleets.appendingPathComponent("prod/arena.yaml")
        let good = try String(contentsOf: arena, encoding: .utf8)
        try good.replacingOccurrences(of: "/local/game/bin/ArenaServer", with: "/local/game/bin/ArenaSever")
            .write(to: arena, atomically: true, encoding: .utf8)

        let command = [
            "apply", fleets.path, "--wave", arena.path, "--wave", "region:ap-northeast-1", "--bake", "2s",
            "--rollback-on-failure", "--auto-approve", "--journal", work.appendingPathComponent("journal.jsonl").path,
            "--format", "json",
        ]
        func updates() -> Int {
            stage.server.log.split(separator: "\n").count { $0.contains("operation=UpdateRuntimeConfiguration") }
        }

        let halted = try await stage.run(command)
        #expect(halted.status == 4, "\(halted.stdout)\n\(halted.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(halted.stdout.utf8)) as? [String: Any])
        let waves = try #require(document["waves"] as? [[String: Any]])
        #expect(waves.map { $0["result"] as? String } == ["failed", "notStarted", "notStarted"])
        // The canary's update and its rollback, nothing else.
        #expect(updates() == 2, "\(stage.server.log)")

        try good.write(to: arena, atomically: true, encoding: .utf8)
        let resumed = try await stage.run(command)
        #expect(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
        let again = try #require(
            try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        let resumedWaves = try #require(again["waves"] as? [[String: Any]])
        #expect(resumedWaves.allSatisfy { $0["result"] as? String == "healthy" }, "\(resumed.stdout)")
        // The canary's crashes went on after its good update: reported as already failing, not counted.
        let canaryWatch = (resumedWaves.first?["watch"] as? [String: Any])?["fleets"] as? [[String: Any]]
        #expect((canaryWatch?.first?["alreadyFailing"] as? [Any])?.isEmpty == false, "\(resumed.stdout)")

        let plan = try await stage.run(["plan", fleets.path, "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.stdout)\n\(plan.stderr)")
    }

    @Test(
        "a held canary stops the rollout unless --continue-on-hold; plan --wave --out, then apply --plan --bake",
        .enabled(if: ready, "fleetform and gamelift-local are not built"))
    func heldAndSavedPlan() async throws {
        // The arena fleet in ERROR until the state file is edited: updates to it are refused (held).
        let stage = try await LocalStage("fleetform-rollout-held") { arena in arena["Hold"] = ["Status": "ERROR"] }
        defer { stage.stop() }
        let work = stage.work
        let root = BuiltBinaries.packageRoot
        let fleets = root.appendingPathComponent("examples/fleets").path
        let arena = root.appendingPathComponent("examples/fleets/prod/arena.yaml").path
        let journal = work.appendingPathComponent("journal.jsonl").path
        func run(_ arguments: [String]) async throws -> CommandRun { try await stage.run(arguments) }
        func results(_ run: CommandRun) throws -> [String?] {
            let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return (document?["waves"] as? [[String: Any]] ?? []).map { $0["result"] as? String }
        }
        let rollout = [
            "apply", fleets, "--wave", arena, "--bake", "1s", "--auto-approve", "--journal", journal, "--format",
            "json",
        ]

        let stopped = try await run(rollout)
        #expect(stopped.status == 3, "\(stopped.stdout)\n\(stopped.stderr)")
        #expect(try results(stopped) == ["held", "notStarted"])

        // A saved plan with the waves: the held canary again, and this time the rollout goes on.
        let planFile = work.appendingPathComponent("plan.json").path
        let plan = try await run(["plan", fleets, "--wave", arena, "--out", planFile])
        #expect(plan.status == 0, "\(plan.stdout)\n\(plan.stderr)")
        #expect(plan.stdout.contains("wave 1 ("), "\(plan.stdout)")
        let withoutBake = try await run(["apply", "--plan", planFile, "--auto-approve"])
        #expect(withoutBake.status == 1)
        #expect(withoutBake.stderr.contains("has waves: give --bake DURATION"), "\(withoutBake.stderr)")
        let went = try await run([
            "apply", "--plan", planFile, "--bake", "1s", "--continue-on-hold", "--auto-approve", "--journal", journal,
            "--format", "json",
        ])
        #expect(went.status == 3, "\(went.stdout)\n\(went.stderr)")
        #expect(try results(went) == ["held", "healthy"])
        let again = try await run(["plan", fleets, "--detailed-exitcode"])
        #expect(again.stdout.contains("0 to update, 6 unchanged, 1 held"), "\(again.stdout)")
    }
}

extension LocalStage {
    /// The example seed, each update's events due within half a second (after the update's own answer, which the
    /// watch counts from), the arena fleet edited by `arena`.
    fileprivate init(_ label: String, arena: @escaping (inout [String: Any]) -> Void) async throws {
        try await self.init(label, accessKey: "AKIDROLLOUT") { fleet in
            var fleet = fleet
            var behaviour = fleet["Behaviour"] as? [String: Any] ?? [:]
            behaviour["EventDelaySeconds"] = 0.5
            fleet["Behaviour"] = behaviour
            if (fleet["FleetId"] as? String)?.hasPrefix("fleet-2f1c3a9e") == true { arena(&fleet) }
            return fleet
        }
    }
}
