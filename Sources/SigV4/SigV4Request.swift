import Foundation

/// An HTTP request as SigV4 sees it: what is signed by a client or checked by a server.
public struct SigV4Request: Sendable, Hashable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The path as it appears on the request line (already percent-encoded if it needed to be), e.g. `/`.
    public var path: String
    /// The raw query string without the leading `?`, as it appears on the request line; empty when none.
    public var query: String
    /// Header fields in order; names compare case-insensitively, repeated names are allowed.
    public var headers: [Header]
    /// The exact bytes of the body that is (or was) sent.
    public var body: [UInt8]

    /// One header field.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        /// A header field as sent; the name keeps its case.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A request from its parts; `path` and `query` as on the request line.
    public init(method: String, path: String, query: String = "", headers: [Header], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Convenience: headers as `(name, value)` pairs.
    public init(method: String, path: String, query: String = "", headers: [(String, String)], body: [UInt8] = []) {
        self.init(method: method, path: path, query: query, headers: headers.map { Header($0.0, $0.1) }, body: body)
    }

    /// The values of every header named `name` (case-insensitive), in order.
    public func values(of name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// The first value of the header named `name` (case-insensitive).
    public func value(of name: String) -> String? { values(of: name).first }

    /// A copy with every header named `name` replaced by one with `value`.
    public func setting(_ name: String, to value: String) -> SigV4Request {
        var copy = self
        let lower = name.lowercased()
        copy.headers.removeAll { $0.name.lowercased() == lower }
        copy.headers.append(Header(name, value))
        return copy
    }
}
