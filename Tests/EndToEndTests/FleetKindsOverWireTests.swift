import FleetformTesting
import Foundation
import Testing

/// The real `fleetform` binary against the real `gamelift-local` over a region holding every kind of fleet:
/// EC2, Anywhere, container and multi-location (one location in ERROR).
@Suite("every kind of fleet against gamelift-local")
struct FleetKindsOverWireTests {
    static let ready = BuiltBinaries.available("fleetform", "gamelift-local")

    static let ec2 = "fleet-1c2e3d4f-0000-4000-8000-00000000ec02"
    static let anywhere = "fleet-1c2e3d4f-0000-4000-8000-0000000a0e4e"
    static let container = "containerfleet-1c2e3d4f-0000-4000-8000-0000000c0a1e"
    static let multi = "fleet-1c2e3d4f-0000-4000-8000-00000000a171"

    static func seed() -> [String: Any] {
        func processes(_ path: String, _ count: Int) -> [String: Any] {
            let process: [String: Any] = ["LaunchPath": path, "ConcurrentExecutions": count]
            return [
                "ServerProcesses": [process], "MaxConcurrentGameSessionActivations": 2,
                "GameSessionActivationTimeoutSeconds": 300,
            ]
        }
        let locations: [[String: Any]] = [
            ["Location": "eu-west-1", "Status": "ACTIVE"], ["Location": "ap-northeast-1", "Status": "ERROR"],
        ]
        let fleets: [[String: Any]] = [
            ["FleetId": ec2, "Region": "us-west-2", "RuntimeConfiguration": processes("/local/game/bin/Arena", 4)],
            [
                "FleetId": anywhere, "Region": "us-west-2", "ComputeType": "ANYWHERE",
                "RuntimeConfiguration": processes("/opt/arena/ArenaServer", 2),
            ],
            ["FleetId": container, "Region": "us-west-2"],
            [
                "FleetId": multi, "Region": "us-west-2", "RuntimeConfiguration": processes("/local/game/bin/Arena", 2),
                "Locations": locations,
            ],
        ]
        return ["Version": 1, "Account": "123456789012", "Fleets": fleets]
    }

    @Test(
        "import --all skips the container fleet and plans to no changes; Anywhere paths apply; mismatches fail",
        .enabled(if: ready, "fleetform and gamelift-local are not built"))
    func everyKind() async throws {
        let fleetform = try #require(BuiltBinaries.url("fleetform"))
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("fleetform-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let emptyConfig = work.appendingPathComponent("aws-config")
        _ = FileManager.default.createFile(atPath: emptyConfig.path, contents: Data())
        let seedFile = work.appendingPathComponent("seed.json")
        try JSONSerialization.data(withJSONObject: Self.seed()).write(to: seedFile)

        let serverWorkspace = try Workspace("gamelift-local")
        defer { serverWorkspace.remove() }
        let server = try await EmulatorServer.gameLiftLocal(
            [
                "--state", work.appendingPathComponent("state.json").path, "--seed-state", seedFile.path,
            ], workspace: serverWorkspace)
        defer { server.kill() }
        let environment = [
            "HOME": work.path, "AWS_ENDPOINT_URL_GAMELIFT": server.endpoint, "AWS_ENDPOINT_URL_STS": server.endpoint,
            "AWS_REGION": "us-west-2",
            "AWS_ACCESS_KEY_ID": "AKIDFLEETFORMKINDS", "AWS_SECRET_ACCESS_KEY": "kinds-secret",
            "AWS_CONFIG_FILE": emptyConfig.path, "AWS_SHARED_CREDENTIALS_FILE": emptyConfig.path, "NO_COLOR": "1",
        ]
        func run(_ arguments: [String]) async throws -> CommandRun {
            try await CommandRun.run(fleetform, arguments, in: work, environment: environment)
        }

        // import --all: exit 0, the container fleet skipped with a note, the coexistence hint printed.
        let imported = try await run(["import", "--all", "--out", "imported"])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("note: \(Self.container) (us-west-2): skipped, container fleet"))
        #expect(imported.stdout.contains("Import: 3 written, 0 failed, 1 skipped."), "\(imported.stdout)")
        #expect(imported.stdout.contains("docs/coexistence.md"))
        let anywhereFile = work.appendingPathComponent("imported/\(Self.anywhere).yaml")
        #expect(try String(contentsOf: anywhereFile, encoding: .utf8).contains("\nComputeType: ANYWHERE\n"))
        #expect(
            !FileManager.default.fileExists(atPath: work.appendingPathComponent("imported/\(Self.container).yaml").path)
        )

        // The imported files plan to no changes; the multi-location fleet is shown with each location's status.
        let plan = try await run(["plan", "--detailed-exitcode", "imported"])
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("0 to update"))
        #expect(plan.stdout.contains("locations: us-west-2 ACTIVE (home), ap-northeast-1 ERROR, eu-west-1 ACTIVE"))
        #expect(plan.stdout.contains("location ap-northeast-1 is ERROR"))
        let json = try await run(["plan", "--format", "json", "imported"])
        #expect(json.stdout.contains("\"location\" : \"ap-northeast-1\""), "\(json.stdout)")

        // An Anywhere fleet's path outside /local/game validates, plans and applies.
        let anywhereChange = work.appendingPathComponent("anywhere.yaml")
        try """
        FleetId: \(Self.anywhere)
        ComputeType: ANYWHERE
        RuntimeConfiguration:
          ServerProcesses:
            - LaunchPath: /opt/arena/ArenaServer
              ConcurrentExecutions: 6
        """.write(to: anywhereChange, atomically: true, encoding: .utf8)
        #expect(try await run(["validate", anywhereChange.path]).status == 0)
        let anywherePlan = try await run(["plan", "--detailed-exitcode", anywhereChange.path])
        #expect(anywherePlan.status == 2, "\(anywherePlan.stdout)\(anywherePlan.stderr)")
        let applied = try await run(["apply", "--auto-approve", anywhereChange.path])
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        #expect(applied.stdout.contains("1 updated"))

        // Without the declaration, offline rules treat it as EC2: the path is outside the install root.
        let undeclared = work.appendingPathComponent("undeclared.yaml")
        try """
        FleetId: \(Self.anywhere)
        RuntimeConfiguration:
          ServerProcesses:
            - LaunchPath: /opt/arena/ArenaServer
              ConcurrentExecutions: 6
        """.write(to: undeclared, atomically: true, encoding: .utf8)
        let offline = try await run(["validate", undeclared.path])
        #expect(offline.status == 1)
        #expect((offline.stdout + offline.stderr).contains("FF307"))

        // A declared compute type that disagrees with the live fleet is an error naming both.
        let mismatch = work.appendingPathComponent("mismatch.yaml")
        try """
        FleetId: \(Self.ec2)
        ComputeType: ANYWHERE
        RuntimeConfiguration:
          ServerProcesses:
            - LaunchPath: /local/game/bin/Arena
              ConcurrentExecutions: 4
        """.write(to: mismatch, atomically: true, encoding: .utf8)
        let refused = try await run(["plan", mismatch.path])
        #expect(refused.status == 1)
        let refusedText = refused.stdout + refused.stderr
        #expect(refusedText.contains("FF206") && refusedText.contains("ANYWHERE") && refusedText.contains("EC2"))

        // A file naming a container fleet gets a located error saying what it is.
        let containerFile = work.appendingPathComponent("container.yaml")
        try """
        FleetId: \(Self.container)
        RuntimeConfiguration:
          ServerProcesses:
            - LaunchPath: /local/game/bin/Arena
              ConcurrentExecutions: 4
        """.write(to: containerFile, atomically: true, encoding: .utf8)
        let containerPlan = try await run(["plan", containerFile.path])
        #expect(containerPlan.status == 1)
        #expect(
            (containerPlan.stdout + containerPlan.stderr).contains(
                "container.yaml:1:1: error: [FF207] \(Self.container) is a container fleet"),
            "\(containerPlan.stdout)\(containerPlan.stderr)")
    }
}
