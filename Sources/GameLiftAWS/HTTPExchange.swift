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
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = HTTPHeaders(headers)
        if !request.headers.contains(name: "User-Agent") {
            request.headers.add(name: "User-Agent", value: transport.userAgent)
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await transport.client(for: url).execute(
                request, timeout: .milliseconds(Int64(timeout * 1000)))
            let buffer = try await response.body.collect(upTo: Self.maximumBodyBytes)
            return Answer(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(buffer.readableBytesView))
        } catch {
            throw Self.transportError(error, url: url)
        }
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
