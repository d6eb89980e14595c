import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import Testing

/// Apply and the journal (docs/verify.md) under a crash: `fleetform apply` is killed with SIGKILL in the middle of an apply, then run
/// again. Every fleet must converge, and the journal must hold every configuration that was overwritten.
/// FLEETFORM_CRASH_FLEETS sets the number of fleets (default 40).
@Suite(
    "crash recovery", .serialized,
    .enabled(if: BuiltBinaries.available("fleetform"), Comment(rawValue: BuiltBinaries.notBuilt("fleetform"))))
struct CrashRecoveryTests {
    static var fleetCount: Int {
        ProcessInfo.processInfo.environment["FLEETFORM_CRASH_FLEETS"].flatMap(Int.init) ?? 40
    }

    @Test("apply killed with SIGKILL mid-run, then run again: every fleet converges, every overwrite journaled")
    func killedApplyConverges() async throws {
        let fleetform = try BuiltBinaries.require("fleetform")
        let workspace = try Workspace("crash")
        defer { workspace.remove() }
        let fixture = DriftedFleets(count: Self.fleetCount)
        let (seed, fleets) = try fixture.write(to: workspace)
        // Slow updates (150 ms each, two at a time). In the first run the second half of the fleets never
        // answer within the test, so the kill lands mid-apply however slowly a loaded machine runs the test.
        let faults = workspace.file("faults.json")
        let slow = #"{"operation": "UpdateRuntimeConfiguration", "latencyMs": 150}"#
        try Data(#"{"rules": [\#(slow)]}"#.utf8).write(to: URL(fileURLWithPath: faults))
        let stalling = workspace.file("faults-first.json")
        let stalled = (fixture.count / 2..<fixture.count).map { number in
            #"{"operation": "UpdateRuntimeConfiguration", "fleet": "\#(DriftedFleets.fleetId(number))", "latencyMs": 600000}"#
        }
        try Data(#"{"rules": [\#(([slow] + stalled).joined(separator: ", "))]}"#.utf8)
            .write(to: URL(fileURLWithPath: stalling))
        let journal = workspace.file("journal.jsonl")
        let state = workspace.file("state.json")
        func apply(faults: String) -> [String] {
            [
                "apply", fleets, "--local", "--local-state", state, "--local-seed", seed, "--local-faults", faults,
                "--auto-approve", "--parallelism", "2", "--journal", journal, "--no-color",
            ]
        }
        let environment = ["PATH": "/usr/bin:/bin", "HOME": workspace.path, "AWS_REGION": "us-west-2"]

        let first = try ChildProcess(
            fleetform, apply(faults: stalling), directory: workspace.path, environment: environment,
            outputPrefix: workspace.file("first"))
        let intentsBeforeKill = 6
        let caught = await poll(deadline: 60) { Self.intents(journal) >= intentsBeforeKill || !first.isRunning }
        first.kill()
        try #require(caught, "the first apply wrote no journal entries within 60 s; stderr:\n\(first.stderr)")
        let journaledAtKill = Self.intents(journal)
        try #require(
            journaledAtKill >= intentsBeforeKill && journaledAtKill < fixture.count,
            "the kill should land mid-apply (journal intents at kill: \(journaledAtKill) of \(fixture.count))")
        #expect(first.process.terminationReason == .uncaughtSignal)

        let (status, second) = try await ChildProcess.run(
            fleetform, apply(faults: faults), directory: workspace.path, environment: environment,
            outputPrefix: workspace.file("second"))
        #expect(status == 0, "the second apply should succeed; stdout:\n\(second.stdout)\nstderr:\n\(second.stderr)")

        // Converged: a plan shows no changes (exit 0 with --detailed-exitcode), and the state says so too.
        let (planStatus, plan) = try await ChildProcess.run(
            fleetform, ["plan", fleets, "--local", "--local-state", state, "--detailed-exitcode", "--no-color"],
            directory: workspace.path, environment: environment, outputPrefix: workspace.file("plan"))
        #expect(planStatus == 0, "a plan after recovery should show no changes:\n\(plan.stdout)\n\(plan.stderr)")
        let live = try DriftedFleets.liveConfigurations(stateFile: state)
        for number in 0..<fixture.count {
            #expect(live[DriftedFleets.fleetId(number)]?.processesSorted == fixture.desired(number).processesSorted)
        }

        // Every fleet's seed configuration was overwritten, so each must have an intent entry holding it.
        let entries = try Journal.read(path: journal)
        for number in 0..<fixture.count {
            let id = DriftedFleets.fleetId(number)
            let previous = entries.filter { $0.kind == .intent && $0.fleetId == id }.compactMap(\.previous)
            #expect(
                previous.contains { $0.processesSorted == fixture.live(number).processesSorted },
                "no journal intent for \(id) records its overwritten configuration")
        }
    }

    /// Intent entries in the journal so far (complete lines only).
    static func intents(_ path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.contains(#""kind":"intent""#) }.count
    }
}
