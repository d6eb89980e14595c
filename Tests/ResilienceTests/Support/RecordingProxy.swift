import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Header values the proxy saw, for checking that none of them leak into fleetform's output.
final class SeenHeaders: @unchecked Sendable {
    private let lock = NSLock()
    private var authorizations: [String] = []
    /// Every `Authorization` header received.
    var all: [String] { lock.withLock { authorizations } }
    func record(_ value: String) { lock.withLock { authorizations.append(value) } }

    /// The `Signature=<hex>` part of each Authorization header.
    var signatures: [String] {
        all.compactMap { header in
            header.range(of: "Signature=").map { String(header[$0.upperBound...].prefix { $0.isHexDigit }) }
        }
    }
}

/// Runs `body` with an HTTP proxy on 127.0.0.1 that records each request's Authorization header and forwards
/// the request to `upstream` unchanged (except Host, which the signature covers: a verifying upstream refuses
/// it, which is how the canary produces a failing run). The proxy stops when `body` returns or throws.
func withRecordingProxy<T: Sendable>(
    to upstream: String, _ body: @Sendable (_ endpoint: String, _ seen: SeenHeaders) async throws -> T
) async throws -> T {
    let seen = SeenHeaders()
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
        if let authorization = request.headers[.authorization] { seen.record(authorization) }
        let bytes = try await request.body.collect(upTo: 1 << 20)
        var forward = HTTPClientRequest(url: upstream + request.uri.description)
        forward.method = .init(rawValue: request.method.rawValue)
        for field in request.headers
        where !["host", "content-length", "connection", "transfer-encoding"].contains(field.name.canonicalName) {
            forward.headers.add(name: field.name.rawName, value: field.value)
        }
        forward.body = .bytes(bytes)
        do {
            let answer = try await HTTPClient.shared.execute(forward, timeout: .seconds(30))
            let data = try await answer.body.collect(upTo: 1 << 22)
            var fields = HTTPFields()
            for (name, value) in answer.headers
            where !["content-length", "connection", "transfer-encoding"].contains(name.lowercased()) {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: Int(answer.status.code)), headers: fields,
                body: ResponseBody(byteBuffer: data))
        } catch {
            // The upstream dropped the connection: answer 502 so the client retries, as it would on a drop.
            return Response(status: .badGateway)
        }
    }
    var quiet = Logger(label: "recording-proxy")
    quiet.logLevel = .critical
    let app = Application(
        responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: quiet)
    return try await app.test(.live) { client in
        let port = try #require(client.port)
        return try await body("http://127.0.0.1:\(port)", seen)
    }
}
