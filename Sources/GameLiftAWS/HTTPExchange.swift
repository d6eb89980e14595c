import AsyncHTTPClient
import Foundation
import GameLiftAPI
import NIOCore
import NIOHTTP1

/// One HTTP request and its fully read answer, over the shared transport (which picks direct or proxied).
struct HTTPExchange: Sendable {
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    /// Answers larger than this are refused rather than buffered.
    static let maximumBodyBytes = 16 * 1024 * 1024

    let transport: AWSTransport

    /// Sends the request and reads the whole body. Throws `GameLiftTransportError` when no answer came.
    func send(
        method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?, timeout: Double
    ) async throws -> Answer {
        var headers = headers
        if !headers.contains(where: { $0.0.lowercased() == "user-agent" }) {
            headers.append(("User-Agent", transport.userAgent))
        }
        let route = transport.route(for: url)
        if let proxy = route.proxy, let refusal = transport.proxyCircuit.refusal(through: proxy) { throw refusal }
        do {
            let answer = try await send(
                route, method: method, url: url, headers: headers, body: body, timeout: timeout)
            if let proxy = route.proxy { transport.proxyCircuit.carried(through: proxy) }
            return answer
        } catch {
            if let proxy = route.proxy, !(error is CancellationError),
                let refusal = transport.proxyCircuit.opened(by: error, through: proxy, to: url)
            {
                throw refusal
            }
            throw Self.transportError(error, url: url)
        }
    }

    private func send(
        _ route: AWSTransport.Route, method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?,
        timeout: Double
    ) async throws -> Answer {
        let client: HTTPClient
        switch route {
        case .forward(let request):
            return try await request.send(
                method: method, url: url, headers: headers, body: body, timeout: timeout,
                maximumBodyBytes: Self.maximumBodyBytes)
        case .direct(let direct): client = direct
        case .tunnel(let tunnel, _): client = tunnel
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = HTTPHeaders(headers)
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        let buffer = try await response.body.collect(upTo: Self.maximumBodyBytes)
        return Answer(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer.readableBytesView))
    }

    /// Classifies a failure to get an answer: timeouts apart from every other connection problem.
    static func transportError(_ error: any Error, url: String) -> GameLiftTransportError {
        if let error = error as? GameLiftTransportError { return error }
        if let http = error as? HTTPClientError,
            [
                HTTPClientError.connectTimeout, .readTimeout, .writeTimeout, .deadlineExceeded, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout,
            ].contains(http)
        {
            return GameLiftTransportError(kind: .timeout, message: "\(url): \(http)")
        }
        if error is CancellationError {
            return GameLiftTransportError(kind: .connection, message: "\(url): cancelled")
        }
        return GameLiftTransportError(kind: .connection, message: "\(url): \(error)")
    }
}
