import FleetformTesting
import Foundation
import Testing

/// The profile rules through the real binary, against `gamelift-local` verifying signatures with one key only:
/// the request is accepted exactly when the expected credentials signed it.
@Suite("fleetform's profile rules over the wire")
struct ProfilePrecedenceTests {
    static let ready = BuiltBinaries.available("fleetform", "gamelift-local")

    @Test(
        "--profile beats stale environment keys; AWS_PROFILE does not; --debug names the source",
        .enabled(if: ready, "fleetform and gamelift-local are not built"))
    func explicitProfileBeatsEnvironmentKeys() async throws {
        let fleetform = try #require(BuiltBinaries.url("fleetform"))
        let root = BuiltBinaries.packageRoot
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fleetform-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try "[prod]\naws_access_key_id = AKIDPRODPROFILE\naws_secret_access_key = prod-profile-secret\n".write(
            to: work.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        let serverWorkspace = try Workspace("gamelift-local")
        defer { serverWorkspace.remove() }
        let server = try await EmulatorServer.gameLiftLocal(
            [
                "--state", work.appendingPathComponent("state.json").path,
                "--seed-state", root.appendingPathComponent("examples/local/seed.json").path,
                "--verify-signatures", "--access-key", "AKIDPRODPROFILE:prod-profile-secret",
            ], workspace: serverWorkspace)
        defer { server.kill() }
        let fleetFile = root.appendingPathComponent("examples/fleets/prod/arena.yaml").path
        // fleetform's default retries: the emulator's refusal of the stale keys is a 403, final at once.
        let environment = plainEnvironment(
            home: work.path, accessKey: (id: "AKIDSTALEENV", secret: "stale-env-secret")
        ).merging(["AWS_ENDPOINT_URL": server.endpoint]) { $1 }

        let explicit = try await CommandRun.run(
            fleetform, ["plan", fleetFile, "--profile", "prod", "--debug"], in: work, environment: environment)
        #expect(explicit.status == 0, "\(explicit.stdout)\(explicit.stderr)")
        #expect(explicit.stderr.contains("debug: credentials from profile prod (keys)"), "\(explicit.stderr)")
        #expect(!explicit.stderr.contains("prod-profile-secret"))

        var viaVariable = environment
        viaVariable["AWS_PROFILE"] = "prod"
        let variable = try await CommandRun.run(
            fleetform, ["plan", fleetFile, "--debug"], in: work, environment: viaVariable)
        #expect(variable.status == 1)
        #expect(variable.stderr.contains("debug: credentials from environment"), "\(variable.stderr)")
        #expect((variable.stdout + variable.stderr).contains("UnrecognizedClientException"))
    }
}
