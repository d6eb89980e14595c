import AsyncHTTPClient
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftEmulator
import SigV4
import Testing

private let fleetId = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
private let now = Date(timeIntervalSince1970: 1_764_000_000)
private let keys = ["AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"]

/// JSON 1.1 headers for ListFleets signed with `secret` (or unsigned), as an SDK would send them.
private func signedHeaders(port: Int, body: [UInt8], accessKey: String, secret: String?, date: Date = now)
    -> [(String, String)]
{
    let unsigned = SigV4Request(
        method: "POST", path: "/",
        headers: [
            ("Host", "127.0.0.1:\(port)"), ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", "GameLift.ListFleets"), ("X-Amz-Date", AmzDate.timestamp(date)),
        ], body: body)
    guard let secret else { return unsigned.headers.filter { $0.name != "Host" }.map { ($0.name, $0.value) } }
    let signed = SigV4Signer(service: "gamelift", region: "ap-northeast-1")
        .sign(unsigned, credentials: AWSCredentials(accessKeyId: accessKey, secretAccessKey: secret), date: date)
    // The client sets Host itself; sending it again would duplicate it.
    return signed.headers.filter { $0.name.lowercased() != "host" }.map { ($0.name, $0.value) }
}

@Suite("Signature verification and dropped connections")
struct SignatureAndFaultTests {
    let options = EmulatorOptions(verifiedAccessKeys: keys, now: { now })

    @Test("a correctly signed request is served, for the region of its scope")
    func accepted() async throws {
        let backend = ScriptedGameLift.backend([fleetId: RuntimeConfiguration()])
        try await EmulatorHarness.with(backend: backend, options: options) { server in
            let body = Array("{}".utf8)
            let headers = signedHeaders(
                port: server.running.port, body: body, accessKey: "AKIDEXAMPLE", secret: keys["AKIDEXAMPLE"])
            let reply = try await server.send(headers: headers, body: body)
            #expect(reply.status == 200)
        }
        #expect(backend.recorded.map(\.region) == ["ap-northeast-1"])
    }

    @Test(
        "a missing or wrong signature is refused before the backend is called",
        arguments: [
            ("AKIDEXAMPLE", nil, now, 403, "MissingAuthenticationTokenException"),
            ("AKIDEXAMPLE", "not-the-secret", now, 403, "InvalidSignatureException"),
            ("AKIDOTHER", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", now, 403, "UnrecognizedClientException"),
            (
                "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", now.addingTimeInterval(3600), 403,
                "InvalidSignatureException"
            ),
        ] as [(String, String?, Date, Int, String)])
    func refused(accessKey: String, secret: String?, date: Date, status: Int, code: String) async throws {
        let backend = ScriptedGameLift.backend([fleetId: RuntimeConfiguration()])
        try await EmulatorHarness.with(backend: backend, options: options) { server in
            let body = Array("{}".utf8)
            let headers = signedHeaders(
                port: server.running.port, body: body, accessKey: accessKey, secret: secret, date: date)
            let reply = try await server.send(headers: headers, body: body)
            #expect(reply.status == status)
            #expect(reply.json?["__type"] as? String == code)
            #expect(reply.header("x-amzn-ErrorType") == code)
        }
        #expect(backend.recorded.isEmpty)
    }

    @Test("a body changed after signing is refused")
    func tampered() async throws {
        let backend = ScriptedGameLift.backend([fleetId: RuntimeConfiguration()])
        try await EmulatorHarness.with(backend: backend, options: options) { server in
            let headers = signedHeaders(
                port: server.running.port, body: Array("{}".utf8), accessKey: "AKIDEXAMPLE",
                secret: keys["AKIDEXAMPLE"])
            let reply = try await server.send(headers: headers, body: Array(#"{"Limit":1}"#.utf8))
            #expect(reply.status == 403)
            #expect(reply.json?["__type"] as? String == "InvalidSignatureException")
        }
        #expect(backend.recorded.isEmpty)
    }

    @Test(
        "a transport error from the backend closes the connection without a response",
        arguments: [GameLiftTransportError.Kind.connection, .timeout])
    func droppedConnection(kind: GameLiftTransportError.Kind) async throws {
        let backend = ScriptedGameLift.backend([fleetId: RuntimeConfiguration()])
        backend.failNext(with: GameLiftTransportError(kind: kind, message: "simulated"))
        try await EmulatorHarness.with(backend: backend) { server in
            await #expect(throws: HTTPClientError.self) {
                _ = try await server.sendJSON(target: "GameLift.ListFleets", body: "{}")
            }
            // The server is still up: the next request on a new connection is answered.
            let reply = try await server.sendJSON(target: "GameLift.ListFleets", body: "{}")
            #expect(reply.status == 200)
        }
        #expect(backend.recorded.count == 2)
    }
}
