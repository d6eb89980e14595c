import AsyncHTTPClient
import Foundation
import GameLiftAPI
import NIOCore
import NIOPosix

/// Whether each proxy of a run has let a request through. Until one has, any failure to get an answer through
/// it is the proxy's: refused tunnel, refused or dropped connection, no answer. The first such failure opens the
/// circuit for that proxy, and every later request through it fails at once with the same error, which is final,
/// so a proxy that refuses costs seconds, not a storm of retries (docs/aws.md, "Networks"). Once a proxy has
/// carried an answer, its failures are ordinary connection errors, retried as usual.
public final class ProxyCircuit: Sendable {
    private enum State {
        case proven
        case failed(GameLiftTransportError)
    }

    private let states = LockedValue<[ProxyAddress: State]>([:])

    public init() {}

    /// The failure that opened the circuit of any proxy, if one did before it ever carried an answer.
    public var failure: GameLiftTransportError? {
        states.withLock { states in
            states.values.lazy.compactMap { if case .failed(let error) = $0 { error } else { nil } }.first
        }
    }

    /// The error to fail a request through `proxy` with at once, when its circuit is open.
    func refusal(through proxy: ProxyAddress) -> GameLiftTransportError? {
        states.withLock { if case .failed(let error) = $0[proxy] { error } else { nil } }
    }

    /// Records that `proxy` carried an answer.
    func carried(through proxy: ProxyAddress) {
        states.withLock { states in
            if states[proxy] == nil { states[proxy] = .proven }
        }
    }

    /// The error for `failure`, a request to `url` through `proxy` that got no answer: while the proxy is unproven
    /// it opens the circuit and names the proxy; once the proxy has carried an answer it is `nil`, and the
    /// failure is an ordinary transport error.
    func opened(by failure: any Error, through proxy: ProxyAddress, to url: String) -> GameLiftTransportError? {
        states.withLock { states in
            switch states[proxy] {
            case .proven: return nil
            case .failed(let error): return error
            case nil:
                let error = GameLiftTransportError(
                    kind: .proxy,
                    message: "no request got through the proxy \(proxy) (\(Self.reason(failure))) to "
                        + "\(Self.target(url)); check HTTPS_PROXY/HTTP_PROXY and NO_PROXY")
                states[proxy] = .failed(error)
                return error
            }
        }
    }

    /// What went wrong, in words, from AsyncHTTPClient's and SwiftNIO's errors. Never includes the proxy's
    /// credentials: none of these errors carries them.
    static func reason(_ error: any Error) -> String {
        if let http = error as? HTTPClientError {
            switch http {
            case .invalidProxyResponse: return "it refused to open a tunnel"
            case .proxyAuthenticationRequired: return "it wants authentication: HTTP 407"
            case .httpProxyHandshakeTimeout: return "it did not answer the tunnel request in time"
            case .remoteConnectionClosed: return "it closed the connection"
            case .connectTimeout: return "no connection to it in time"
            default: return "\(http)"
            }
        }
        if let refusal = error as? ProxyRefusal { return "it answered \(refusal) itself" }
        if error is NIOConnectionError || error is IOError { return "it refused the connection" }
        return "\(error)"
    }

    /// `host:port` of the URL a request was for.
    static func target(_ url: String) -> String {
        guard let parsed = URL(string: url), let host = parsed.host else { return url }
        let port = parsed.port ?? (parsed.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}

/// A value behind a lock, for the few small shared states that are not worth an actor (they are read from
/// synchronous code).
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&value) }
    }
}
