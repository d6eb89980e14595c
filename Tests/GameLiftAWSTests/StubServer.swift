import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SigV4
import Testing

/// A request as the stub server received it.
struct ReceivedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    /// Header fields, `host` included (HTTP/1's Host arrives as the authority).
    var headers: [(String, String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var bodyText: String { String(decoding: body, as: UTF8.self) }

    var sigV4: SigV4Request {
        SigV4Request(method: method, path: path, query: query, headers: headers, body: body)
    }
}

/// What the stub answers.
struct StubAnswer: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = []
    var body: String = ""

    static func json(_ body: String, status: Int = 200, headers: [(String, String)] = []) -> StubAnswer {
        StubAnswer(status: status, headers: [("Content-Type", "application/x-amz-json-1.1")] + headers, body: body)
    }
}

/// Every request the stub received, in order.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ReceivedRequest] = []
    func append(_ r: ReceivedRequest) { lock.withLock { items.append(r) } }
    var all: [ReceivedRequest] { lock.withLock { items } }
}

/// Runs `body` with an HTTP server on 127.0.0.1 (port chosen by the system) answering with `handler`;
/// the server stops when `body` returns or throws.
func withStubServer<T: Sendable>(
    _ handler: @escaping @Sendable (ReceivedRequest) async -> StubAnswer,
    _ body: @Sendable (_ baseURL: String, _ log: RequestLog) async throws -> T
) async throws -> T {
    let log = RequestLog()
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
        let bytes = try await request.body.collect(upTo: 1 << 20)
        var headers = request.headers.map { ($0.name.rawName, $0.value) }
        if let authority = request.head.authority { headers.insert(("Host", authority), at: 0) }
        let received = ReceivedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: headers, body: Array(bytes.readableBytesView))
        log.append(received)
        let answer = await handler(received)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
    }
    var quiet = Logger(label: "stub-server")
    quiet.logLevel = .critical
    let app = Application(
        responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: quiet)
    return try await app.test(.live) { client in
        let port = try #require(client.port)
        return try await body("http://127.0.0.1:\(port)", log)
    }
}

/// A log handler that keeps every rendered line (message and metadata) for inspection.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
    var all: [String] { lock.withLock { lines } }

    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "captured") { _ in CapturingHandler(sink: self) }
        logger.logLevel = level
        return logger
    }

    struct CapturingHandler: LogHandler {
        let sink: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            sink.append("\(event.level) \(event.message) \(rendered)")
        }
    }
}
