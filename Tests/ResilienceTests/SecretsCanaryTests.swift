import FleetformTesting
import Foundation
import Testing

/// Secrets are never shown (docs/aws.md, "What is never shown"): a known secret key and session token never appear in any output of fleetform — stdout, stderr,
/// the saved plan, the journal, any file it writes — at any log level, on success and on failure; nor does
/// any request signature. The requests go through a recording proxy that captures the real signatures.
@Suite(
    "secrets canary", .serialized,
    .enabled(
        if: BuiltBinaries.available("fleetform", "gamelift-local"),
        Comment(rawValue: BuiltBinaries.notBuilt("fleetform", "gamelift-local"))))
struct SecretsCanaryTests {
    static let accessKey = "AKIDCANARY7Q2W4E6R8T"
    static let secret = "canary-secret-2f9d8c7b6a5e4d3c2b1a0f9e8d7c6b5a"
    static let token = "canary-session-token-IQoJb3JpZ2luX2VjEPr//////////wEaCXVzLXdlc3QtMiJHMEUCIQD"

    @Test("the secret key, session token and signatures appear in no output, file or log")
    func noSecretsAnywhere() async throws {
        let fleetform = try BuiltBinaries.require("fleetform")
        let workspace = try Workspace("canary")
        defer { workspace.remove() }
        let fixture = DriftedFleets(count: 6)
        let (seed, fleets) = try fixture.write(to: workspace)
        let open = try await EmulatorServer.gameLiftLocal(
            [
                "--log-level", "warning", "--state", workspace.file("state.json"), "--seed-state", seed,
            ], workspace: workspace,
            name: "open-emulator")
        defer { open.kill() }
        // Verifies signatures against the same key id with another secret: every request is refused.
        let verifying = try await EmulatorServer.gameLiftLocal(
            [
                "--log-level", "warning",
                "--state", workspace.file("state2.json"), "--seed-state", seed, "--verify-signatures",
                "--access-key", "\(Self.accessKey):a-different-secret",
            ],
            workspace: workspace, name: "verifying-emulator")
        defer { verifying.kill() }

        // fleetform's default retries: the refused runs' 403s are final, so they fail at once all the same.
        let base = plainEnvironment(home: workspace.path, accessKey: (id: Self.accessKey, secret: Self.secret))
            .merging(["AWS_SESSION_TOKEN": Self.token]) { $1 }
        struct Run: Sendable {
            var name: String
            var arguments: [String]
            var failing: Bool
        }
        let runs = [
            Run(name: "validate", arguments: ["validate", fleets], failing: false),
            Run(name: "plan-debug", arguments: ["plan", fleets, "--debug", "--out", "plan.json"], failing: false),
            Run(name: "plan-json", arguments: ["plan", fleets, "--debug", "--format", "json"], failing: false),
            Run(name: "apply-debug", arguments: ["apply", fleets, "--debug", "--auto-approve"], failing: false),
            Run(name: "plan-refused", arguments: ["plan", fleets, "--debug"], failing: true),
            Run(
                name: "apply-refused", arguments: ["apply", fleets, "--debug", "--auto-approve", "--format", "json"],
                failing: true),
        ]
        var signatures: [String] = []
        for run in runs {
            let upstream = run.failing ? verifying.endpoint : open.endpoint
            let seen = try await withRecordingProxy(to: upstream) { endpoint, seen in
                let environment = base.merging([
                    "AWS_ENDPOINT_URL_GAMELIFT": endpoint, "AWS_ENDPOINT_URL_STS": endpoint,
                ]) { _, new in new }
                let prefix = workspace.file(run.name)
                let (status, child) = try await ChildProcess.run(
                    fleetform, run.arguments, directory: workspace.path, environment: environment,
                    outputPrefix: prefix)
                if run.failing {
                    #expect(status == 1, "\(run.name) should fail; stderr:\n\(child.stderr)")
                    #expect(child.stderr.contains("InvalidSignature") || child.stdout.contains("InvalidSignature"))
                } else {
                    #expect(
                        status == 0 || status == 2, "\(run.name) exit \(String(describing: status)):\n\(child.stderr)")
                }
                return seen
            }
            if run.name != "validate" {
                #expect(!seen.signatures.isEmpty, "\(run.name) sent no signed request")
                #expect(seen.all.allSatisfy { $0.contains("Credential=\(Self.accessKey)/") })
            }
            signatures += seen.signatures
        }
        #expect(signatures.count >= 10, "too few signatures captured for the check to mean anything")
        #expect(FileManager.default.fileExists(atPath: workspace.file("plan.json")))
        #expect(FileManager.default.fileExists(atPath: workspace.file(".fleetform/journal.jsonl")))

        // Every file in the workspace: command outputs, the saved plan, the journal, the emulators' logs.
        let secrets =
            [("secret key", Self.secret), ("session token", Self.token)]
            + signatures.map { ("signature", $0) }
        var scanned = 0
        let walker = FileManager.default.enumerator(atPath: workspace.path)
        while let relative = walker?.nextObject() as? String {
            let path = workspace.file(relative)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            scanned += 1
            for (what, value) in secrets where text.contains(value) {
                Issue.record("\(relative) contains the \(what)")
            }
        }
        #expect(scanned >= runs.count * 2 + 2)
    }
}
