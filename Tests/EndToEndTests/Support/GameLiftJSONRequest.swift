import AsyncHTTPClient
import NIOCore

/// Sends one raw AWS JSON 1.1 GameLift request, unsigned, to an emulator: for tests that need to put bytes on
/// the wire that fleetform's own client would never send.
func postGameLiftJSON(_ endpoint: String, _ operation: String, _ body: String) async throws -> (
    status: UInt, body: String
) {
    var request = HTTPClientRequest(url: endpoint + "/")
    request.method = .POST
    request.headers.add(name: "X-Amz-Target", value: "GameLift.\(operation)")
    request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let bytes = try await response.body.collect(upTo: 1 << 20)
    return (response.status.code, String(buffer: bytes))
}
