import AsyncHTTPClient
import Foundation
import GameLiftAPI
import GameLiftEmulator
import Logging
import NIOCore
import NIOHTTP1

/// An emulator on 127.0.0.1 with an ephemeral port over a backend, and a client to talk to it.
struct EmulatorHarness {
    /// What came back: status, headers and body bytes.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first(name: name) }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    let running: RunningEmulator

    /// Starts an emulator, runs `body` with it, and stops it whatever happens.
    static func with<T>(
        backend: any GameLift, options: EmulatorOptions = EmulatorOptions(),
        _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "gamelift-local-test")
        logger.logLevel = .warning
        let running = try await GameLiftEmulator(backend: backend, options: options, logger: logger).start()
        do {
            let result = try await body(EmulatorHarness(running: running))
            await running.stop()
            return result
        } catch {
            await running.stop()
            throw error
        }
    }

    /// Sends one request and collects the reply.
    func send(
        path: String = "/", method: HTTPMethod = .POST, headers: [(String, String)], body: [UInt8]
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(running.port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let collected = try await response.body.collect(upTo: 1 << 20)
        return Reply(
            status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
    }

    /// An AWS JSON 1.1 request for `GameLift.<target>`.
    func sendJSON(target: String?, body: String, extraHeaders: [(String, String)] = []) async throws -> Reply {
        var headers = [("Content-Type", "application/x-amz-json-1.1")] + extraHeaders
        if let target { headers.append(("X-Amz-Target", target)) }
        return try await send(headers: headers, body: Array(body.utf8))
    }

    /// A Smithy RPC v2 CBOR request for an operation.
    func sendCBOR(operation: String, body: CBORValue, smithyProtocol: String? = "rpc-v2-cbor") async throws -> Reply {
        var headers = [("Content-Type", "application/cbor"), ("Accept", "application/cbor")]
        if let smithyProtocol { headers.append(("smithy-protocol", smithyProtocol)) }
        return try await send(
            path: "/service/GameLift/operation/\(operation)", headers: headers, body: CBOREncoder.encode(body))
    }
}
