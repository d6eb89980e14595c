import Foundation
import GameLiftAPI
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request to a plain-http URL through an HTTP proxy, in absolute form (`POST http://host:port/ HTTP/1.1` to
/// the proxy), as botocore and curl send it: corporate proxies commonly refuse `CONNECT` to ports other than 443,
/// and AsyncHTTPClient always tunnels. Used for `http://` endpoints behind a proxy, such as an emulator on another
/// machine; one connection per request, closed after the answer (docs/aws.md, "Networks").
struct ForwardProxyRequest {
    let proxy: ProxyAddress
    let connectTimeout: Double

    /// Sends the request and reads the whole answer, within `timeout` seconds.
    func send(
        method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?, timeout: Double,
        maximumBodyBytes: Int
    ) async throws -> HTTPExchange.Answer {
        try await withThrowingTaskGroup(of: HTTPExchange.Answer.self) { group in
            group.addTask {
                try await exchange(method: method, url: url, headers: headers, body: body, limit: maximumBodyBytes)
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, min(timeout, 3600)) * 1_000_000_000))
                throw GameLiftTransportError(kind: .timeout, message: "\(url): no answer within \(timeout) s")
            }
            defer { group.cancelAll() }
            guard let answer = try await group.next() else { throw CancellationError() }
            return answer
        }
    }

    private func exchange(
        method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?, limit: Int
    ) async throws -> HTTPExchange.Answer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(Int64(max(0.001, connectTimeout) * 1000)))
            .connect(host: proxy.host, port: proxy.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(.head(head(method: method, url: url, headers: headers, bodyLength: body?.count)))
            if let body, !body.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            var answer = HTTPExchange.Answer(status: 0, headers: [], body: [])
            for try await part in inbound {
                switch part {
                case .head(let response):
                    answer.status = Int(response.status.code)
                    answer.headers = response.headers.map { ($0.name, $0.value) }
                case .body(let buffer):
                    guard answer.body.count + buffer.readableBytes <= limit else {
                        throw GameLiftTransportError(
                            kind: .connection, message: "\(url): the answer is larger than \(limit) bytes")
                    }
                    answer.body += buffer.readableBytesView
                case .end:
                    if Self.isProxyRefusal(answer) {
                        throw ProxyRefusal(status: answer.status)
                    }
                    return answer
                }
            }
            throw GameLiftTransportError(
                kind: .connection, message: "\(url): the proxy \(proxy) closed the connection before the answer ended")
        }
    }

    /// True for an answer the proxy gave itself rather than the service: a refusal status (403, 407, 502–504)
    /// without the request id every AWS answer carries.
    static func isProxyRefusal(_ answer: HTTPExchange.Answer) -> Bool {
        [403, 407, 502, 503, 504].contains(answer.status) && answer.header("x-amzn-requestid") == nil
            && answer.header("x-amz-request-id") == nil
    }

    /// The request head: the absolute URL as its target, the proxy's credentials, and one request per connection.
    private func head(method: HTTPMethod, url: String, headers: [(String, String)], bodyLength: Int?)
        -> HTTPRequestHead
    {
        // The target as signed: an endpoint URL without a path is the path "/".
        let target = URL(string: url).map { $0.path.isEmpty ? url + "/" : url } ?? url
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
        head.headers = HTTPHeaders(headers)
        if let username = proxy.username {
            let token = Data("\(username):\(proxy.password ?? "")".utf8).base64EncodedString()
            head.headers.replaceOrAdd(name: "Proxy-Authorization", value: "Basic \(token)")
        }
        head.headers.replaceOrAdd(name: "Content-Length", value: String(bodyLength ?? 0))
        head.headers.replaceOrAdd(name: "Connection", value: "close")
        return head
    }
}

/// The proxy answered a forwarded request itself, refusing it.
struct ProxyRefusal: Error, CustomStringConvertible {
    var status: Int
    var description: String { "HTTP \(status) \(HTTPStatusText.reason(status))" }
}
