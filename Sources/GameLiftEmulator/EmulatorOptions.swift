import Foundation

/// How the emulator listens and what it checks.
public struct EmulatorOptions: Sendable {
    /// The address to bind, `127.0.0.1` by default.
    public var host: String
    /// The port to bind; 0 lets the system pick a free one (reported through `RunningEmulator.port`).
    public var port: Int
    /// The region requests are for when their Authorization header names none (unsigned requests).
    public var defaultRegion: String
    /// Access key id → secret of the keys whose SigV4 signatures are accepted; nil turns verification off.
    public var verifiedAccessKeys: [String: String]?
    /// The largest request body accepted, in bytes.
    public var maxBodySize: Int
    /// The server's clock, for checking the signed request time.
    public var now: @Sendable () -> Date

    /// Loopback, an ephemeral port, no signature checks, a 1 MiB body limit, the system clock.
    public init(
        host: String = "127.0.0.1", port: Int = 0, defaultRegion: String = "us-west-2",
        verifiedAccessKeys: [String: String]? = nil, maxBodySize: Int = 1 << 20,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.defaultRegion = defaultRegion
        self.verifiedAccessKeys = verifiedAccessKeys
        self.maxBodySize = maxBodySize
        self.now = now
    }

    /// Whether `host` is a loopback address (`127.0.0.0/8`, `::1` or `localhost`): the only kind bound by default,
    /// since the emulator has no TLS and by default no authentication.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part) != nil }
    }

    /// Parses an `ID:SECRET` access key argument; nil when either side is empty.
    public static func parseAccessKey(_ text: String) -> (id: String, secret: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let id = String(text[..<colon])
        let secret = String(text[text.index(after: colon)...])
        guard !id.isEmpty, !secret.isEmpty else { return nil }
        return (id, secret)
    }
}
