import Foundation

/// `gamelift-local` serving a seed in a workspace of its own, and the built `fleetform` pointed at it for GameLift
/// and STS with static keys in a plain environment (no `~/.aws`, no retry or timeout setting), as the end-to-end
/// tests drive them.
public struct LocalStage: Sendable {
    public let workspace: Workspace
    public let server: EmulatorServer
    public let fleetform: URL
    public let environment: [String: String]
    public var work: URL { workspace.url }

    /// The example seed (`examples/local/seed.json`), each fleet passed through `edit` first; then `gamelift-local`
    /// on it. `accessKey` names the run's static key.
    public init(
        _ label: String, accessKey: String = "AKIDSTAGE", edit: ([String: Any]) -> [String: Any] = { $0 }
    ) async throws {
        fleetform = try BuiltBinaries.require("fleetform")
        workspace = try Workspace(label)
        let work = workspace.url
        let example = BuiltBinaries.packageRoot.appendingPathComponent("examples/local/seed.json")
        guard var seed = try JSONSerialization.jsonObject(with: Data(contentsOf: example)) as? [String: Any],
            let fleets = seed["Fleets"] as? [[String: Any]]
        else { throw SetupFailure("\(example.path) is not a seed") }
        seed["Fleets"] = fleets.map(edit)
        let seedPath = work.appendingPathComponent("seed.json")
        try JSONSerialization.data(withJSONObject: seed).write(to: seedPath)
        server = try await EmulatorServer.gameLiftLocal(
            ["--state", work.appendingPathComponent("state.json").path, "--seed-state", seedPath.path],
            workspace: workspace)
        let config = work.appendingPathComponent("aws-config")
        _ = FileManager.default.createFile(atPath: config.path, contents: Data())
        environment = [
            "HOME": work.path, "AWS_ENDPOINT_URL_GAMELIFT": server.endpoint, "AWS_ENDPOINT_URL_STS": server.endpoint,
            "AWS_REGION": "us-west-2", "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": "stage",
            "AWS_CONFIG_FILE": config.path, "AWS_SHARED_CREDENTIALS_FILE": config.path, "NO_COLOR": "1",
        ]
    }

    /// Copies `path` of the repository (a file or a folder) into the workspace as `name`.
    public func copy(_ path: String, as name: String) throws {
        try FileManager.default.copyItem(
            at: BuiltBinaries.packageRoot.appendingPathComponent(path), to: work.appendingPathComponent(name))
    }

    /// `fleetform arguments…` in the workspace.
    public func run(_ arguments: [String]) async throws -> CommandRun {
        try await CommandRun.run(fleetform, arguments, in: work, environment: environment)
    }

    /// GameLift requests the emulator logged so far (STS's are not GameLift's).
    public func gameLiftRequests() -> Int {
        server.log.split(separator: "\n").count { $0.contains("operation=") && !$0.contains("sts:") }
    }

    public func stop() {
        server.kill()
        workspace.remove()
    }
}
