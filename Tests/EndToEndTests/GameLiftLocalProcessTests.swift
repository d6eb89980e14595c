import AsyncHTTPClient
import FleetformTesting
import Foundation
import NIOCore
import Testing

@Suite("gamelift-local as a subprocess")
struct GameLiftLocalProcessTests {
    @Test(
        "starts on an ephemeral port, answers, logs one line per request and stops on SIGTERM",
        .enabled(
            if: BuiltBinaries.available("gamelift-local"), Comment(rawValue: BuiltBinaries.notBuilt("gamelift-local"))))
    func startAndStop() async throws {
        let seed = BuiltBinaries.packageRoot.appendingPathComponent("examples/local/seed.json").path
        let workspace = try Workspace("e2e-server")
        defer { workspace.remove() }
        let server = try await EmulatorServer.gameLiftLocal(
            ["--state", workspace.file("state.json"), "--seed-state", seed], workspace: workspace)
        defer { server.kill() }
        #expect(server.port > 0)

        var request = HTTPClientRequest(url: server.endpoint + "/")
        request.method = .POST
        request.headers.add(name: "X-Amz-Target", value: "GameLift.ListFleets")
        request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
        request.body = .bytes(ByteBuffer(string: "{}"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        #expect(response.status.code == 200)
        let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((body?["FleetIds"] as? [String])?.isEmpty == false)
        #expect(server.log.contains("operation=ListFleets"))
        #expect(!server.log.lowercased().contains("authorization"))
        #expect(await server.stop() == 0)
    }

    @Test(
        "refuses a non-loopback host without --allow-remote",
        .enabled(
            if: BuiltBinaries.available("gamelift-local"), Comment(rawValue: BuiltBinaries.notBuilt("gamelift-local"))))
    func refusesRemote() async throws {
        let workspace = try Workspace("e2e-remote")
        defer { workspace.remove() }
        await #expect(throws: SetupFailure.self) {
            try await EmulatorServer.gameLiftLocal(
                ["--host", "0.0.0.0", "--seed-state", "unused.json"], workspace: workspace, timeout: 30)
        }
    }

    @Test(
        "keeps its state file across restarts, and drops connections the fault plan says to drop",
        .enabled(
            if: BuiltBinaries.available("gamelift-local"), Comment(rawValue: BuiltBinaries.notBuilt("gamelift-local"))))
    func stateAndFaults() async throws {
        let workspace = try Workspace("e2e-state")
        defer { workspace.remove() }
        let state = workspace.file("state.json")
        let faults = workspace.url.appendingPathComponent("faults.json")
        try Data(#"{"rules": [{"operation": "ListFleets", "dropRate": 1}]}"#.utf8).write(to: faults)
        let seed = BuiltBinaries.packageRoot.appendingPathComponent("examples/local/seed.json").path
        let fleet = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
        let update =
            #"{"FleetId":"\#(fleet)","RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/local/game/bin/ArenaServer","ConcurrentExecutions":3}]}}"#

        let first = try await EmulatorServer.gameLiftLocal(
            ["--state", state, "--seed-state", seed], workspace: workspace)
        let updated = try await postGameLiftJSON(first.endpoint, "UpdateRuntimeConfiguration", update)
        #expect(updated.status == 200)
        #expect(await first.stop() == 0)

        let second = try await EmulatorServer.gameLiftLocal(
            ["--state", state, "--faults", faults.path], workspace: workspace, name: "second")
        defer { second.kill() }
        let live = try await postGameLiftJSON(
            second.endpoint, "DescribeRuntimeConfiguration", #"{"FleetId":"\#(fleet)"}"#)
        #expect(live.status == 200)
        #expect(live.body.contains(#""ConcurrentExecutions":3"#))
        await #expect(throws: HTTPClientError.self) {
            _ = try await postGameLiftJSON(second.endpoint, "ListFleets", "{}")
        }
        #expect(second.log.contains("status=dropped"))
    }

}
