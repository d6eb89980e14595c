import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

/// Apply (README, "How apply behaves") under sustained faults: the real `fleetform apply` against `gamelift-local` over loopback with 20%
/// InternalServiceException, throttling and 2% dropped connections. Every fleet must end with its desired
/// configuration, and the summary must account for every fleet.
/// The throttle is per operation, as GameLift's API limits are (docs/benchmarks.md, "Rate limits per operation"),
/// and fleetform's rate limiters are keyed to match. CI size: 200 fleets, each operation throttled above 7 req/s
/// (about 20 req/s in all, as before). Full size (scripts/bench.sh): FLEETFORM_SOAK_FLEETS=1000
/// FLEETFORM_SOAK_RPS=35.
@Suite(
    "fault soak", .serialized,
    .enabled(
        if: BuiltBinaries.available("fleetform", "gamelift-local"),
        Comment(rawValue: BuiltBinaries.notBuilt("fleetform", "gamelift-local"))))
struct FaultSoakTests {
    static let environment = ProcessInfo.processInfo.environment
    static var fleetCount: Int { environment["FLEETFORM_SOAK_FLEETS"].flatMap(Int.init) ?? 200 }
    static var throttleRate: Double { environment["FLEETFORM_SOAK_RPS"].flatMap(Double.init) ?? 7 }

    @Test("apply through errors, throttling and dropped connections converges every fleet")
    func soak() async throws {
        let fleetform = try BuiltBinaries.require("fleetform")
        let workspace = try Workspace("soak")
        defer { workspace.remove() }
        let fixture = DriftedFleets(count: Self.fleetCount)
        let (seed, fleets) = try fixture.write(to: workspace)
        let faults = workspace.file("faults.json")
        let plan = """
            {"throttle": {"requestsPerSecond": \(Self.throttleRate), "scope": "operation"},
             "rules": [{"operation": "*", "error": "InternalServiceException", "rate": 0.2},
                       {"operation": "*", "dropRate": 0.02}]}
            """
        try Data(plan.utf8).write(to: URL(fileURLWithPath: faults))
        let state = workspace.file("state.json")
        let server = try await EmulatorServer.gameLiftLocal(
            [
                "--log-level", "warning", "--state", state, "--seed-state", seed, "--faults", faults, "--seed", "8",
            ],
            workspace: workspace)
        defer { server.kill() }

        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": workspace.path, "AWS_ENDPOINT_URL_GAMELIFT": server.endpoint,
            "AWS_ENDPOINT_URL_STS": server.endpoint,
            "AWS_ACCESS_KEY_ID": "AKIDSOAK", "AWS_SECRET_ACCESS_KEY": "soak-secret", "AWS_REGION": "us-west-2",
            "AWS_CONFIG_FILE": workspace.file("no-config"), "AWS_SHARED_CREDENTIALS_FILE": workspace.file("no-creds"),
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let (status, apply) = try await ChildProcess.run(
            fleetform,
            [
                "apply", fleets, "--auto-approve", "--format", "json", "--parallelism", "8", "--journal",
                workspace.file("journal.jsonl"), "--no-color",
            ],
            directory: workspace.path, environment: environment, outputPrefix: workspace.file("apply"), timeout: 600)
        #expect(status == 0, "apply should succeed; stderr:\n\(apply.stderr.suffix(3000))")

        // The summary accounts for every fleet, each exactly once, and all of them were updated.
        let report = try #require(Self.report(in: apply.stdout), "no JSON report in:\n\(apply.stdout.suffix(2000))")
        let outcomes = try #require(report["outcomes"] as? [[String: Any]])
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(outcomes.count == fixture.count)
        #expect(Set(outcomes.compactMap { $0["fleetId"] as? String }).count == fixture.count)
        #expect(summary.values.reduce(0, +) == fixture.count, "summary \(summary)")
        let notUpdated = outcomes.filter { $0["result"] as? String != "updated" }
        #expect(summary["updated"] == fixture.count, "summary \(summary); not updated: \(notUpdated.prefix(5))")

        await server.stop()
        let live = try DriftedFleets.liveConfigurations(stateFile: state)
        let converged = (0..<fixture.count).filter {
            live[DriftedFleets.fleetId($0)]?.processesSorted == fixture.desired($0).processesSorted
        }
        #expect(converged.count == fixture.count, "\(fixture.count - converged.count) fleets did not converge")
    }

    /// The JSON report `apply --format json` prints after the plan text.
    static func report(in stdout: String) -> [String: Any]? {
        guard let start = stdout.range(of: "\n{")?.lowerBound ?? (stdout.hasPrefix("{") ? stdout.startIndex : nil)
        else { return nil }
        let data = Data(stdout[start...].utf8)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
