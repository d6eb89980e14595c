import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@Suite("gamelift-local as a subprocess")
struct LocalServerProcessTests {
    @Test(
        "starts on an ephemeral port, answers, logs one line per request and stops on SIGTERM",
        .enabled(if: BuiltExecutable.url("gamelift-local") != nil, "gamelift-local is not built"))
    func startAndStop() async throws {
        let seed = BuiltExecutable.packageRoot.appendingPathComponent("examples/local/seed.json").path
        let server = try LocalServerProcess.start(arguments: ["--seed-state", seed])
        defer { server.stop() }
        #expect(server.port > 0)

        var request = HTTPClientRequest(url: server.endpoint + "/")
        request.method = .POST
        request.headers.add(name: "X-Amz-Target", value: "GameLift.ListFleets")
        request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
        request.body = .bytes(ByteBuffer(string: "{}"))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 200)
        let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((body?["FleetIds"] as? [String])?.isEmpty == false)
        #expect(server.log.contains("operation=ListFleets"))
        #expect(!server.log.lowercased().contains("authorization"))
        #expect(server.stop() == 0)
    }

    @Test(
        "refuses a non-loopback host without --allow-remote",
        .enabled(if: BuiltExecutable.url("gamelift-local") != nil, "gamelift-local is not built"))
    func refusesRemote() throws {
        #expect(throws: LocalServerProcess.StartFailure.self) {
            try LocalServerProcess.start(arguments: ["--host", "0.0.0.0", "--seed-state", "unused.json"])
        }
    }
}
