import Foundation

/// How fleetform reaches AWS over the network: proxies from the environment (as curl reads them), extra
/// trusted certificates (`AWS_CA_BUNDLE`, `ca_bundle`) and the User-Agent. See docs/aws.md, "Networks".
public struct NetworkSettings: Sendable, Hashable {
    /// The proxy for `https://` URLs (`https_proxy`, `HTTPS_PROXY`), if any.
    public var httpsProxy: ProxyAddress?
    /// The proxy for `http://` URLs (`http_proxy`, `HTTP_PROXY`), if any.
    public var httpProxy: ProxyAddress?
    /// Hosts reached directly even when a proxy is set (`no_proxy`, `NO_PROXY`).
    public var noProxy: NoProxyRules
    /// A PEM file of certificates trusted besides the system's.
    public var caBundle: String?
    /// `fleetform/VERSION`, then `app/ID` when `AWS_SDK_UA_APP_ID` or `sdk_ua_app_id` is set.
    public var userAgent: String

    /// No proxy, no extra trust.
    public static func direct(userAgent: String = "fleetform") -> NetworkSettings {
        NetworkSettings(httpsProxy: nil, httpProxy: nil, noProxy: NoProxyRules(""), caBundle: nil, userAgent: userAgent)
    }

    /// Reads the proxy variables (lowercase first, as curl does), the CA bundle and the app id.
    static func resolve(_ values: SettingValues, toolVersion: String, home: String) throws -> NetworkSettings {
        let environment = values.environment
        func env(_ name: String) -> (String, String)? {
            for variable in [name.lowercased(), name.uppercased()] {
                if let value = environment[variable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return (variable, value)
                }
            }
            return nil
        }
        let httpsProxy = try env("HTTPS_PROXY").map { try ProxyAddress.parse($0.1, source: $0.0) }
        let httpProxy = try env("HTTP_PROXY").map { try ProxyAddress.parse($0.1, source: $0.0) }
        let caBundle = try values.resolve(SettingTable.caBundle)
        let appID = try values.resolve(SettingTable.appID)
        return NetworkSettings(
            httpsProxy: httpsProxy, httpProxy: httpProxy, noProxy: NoProxyRules(env("NO_PROXY")?.1 ?? ""),
            caBundle: caBundle.map { AWSSettings.expandHome($0, home: home) },
            userAgent: "fleetform/\(toolVersion)" + (appID.map { " app/\($0)" } ?? ""))
    }

    /// The proxy to use for `url`, or nil to connect directly.
    public func proxy(for url: URL) -> ProxyAddress? {
        guard let host = url.host, !noProxy.bypasses(host: host, port: url.port) else { return nil }
        return url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
    }
}

/// A proxy server named by a proxy variable: `http://[user:password@]host[:port]`.
public struct ProxyAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    /// Parses a proxy URL; a bare `host:port` means http. Errors never show the password.
    static func parse(_ text: String, source: String) throws -> ProxyAddress {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            throw AWSConfigurationError("\(source) is not a proxy URL like http://proxy.example.com:3128")
        }
        guard components.scheme?.lowercased() == "http" else {
            throw AWSConfigurationError(
                "\(source): only http:// proxies are supported (HTTPS goes through them with CONNECT)")
        }
        let port = components.port ?? 80
        guard (1...65535).contains(port) else { throw AWSConfigurationError("\(source): port \(port) is out of range") }
        return ProxyAddress(
            host: host, port: port, username: components.user?.removingPercentEncoding,
            password: components.password?.removingPercentEncoding)
    }

    /// `host:port`, never the credentials.
    public var description: String { "\(host):\(port)" }
}

/// `NO_PROXY` as curl reads it: comma-separated host names (matching the host and its subdomains, a leading
/// `.` or `*.` allowed), IP addresses, IPv4 CIDR ranges, an optional `:port`, or `*` for everything.
public struct NoProxyRules: Sendable, Hashable {
    private var entries: [String]

    /// Rules from the variable's text.
    public init(_ text: String) {
        entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
    }

    /// True when `host` (and `port`) should be reached without the proxy.
    public func bypasses(host: String, port: Int?) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        for entry in entries {
            if entry == "*" { return true }
            var pattern = entry
            if let colon = pattern.lastIndex(of: ":"), !pattern.contains("]"), pattern.filter({ $0 == ":" }).count == 1
            {
                let portText = pattern[pattern.index(after: colon)...]
                guard let wanted = Int(portText), wanted == port else { continue }
                pattern = String(pattern[..<colon])
            }
            if pattern.hasPrefix("*.") { pattern.removeFirst() }
            if pattern.hasPrefix(".") { pattern.removeFirst() }
            pattern = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if host == pattern || host.hasSuffix("." + pattern) { return true }
            if pattern.contains("/"), Self.ipv4(host, inCIDR: pattern) { return true }
        }
        return false
    }

    static func ipv4(_ host: String, inCIDR cidr: String) -> Bool {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits),
            let network = ipv4Value(String(parts[0])), let address = ipv4Value(host)
        else { return false }
        let mask: UInt32 = bits == 0 ? 0 : UInt32.max << UInt32(32 - bits)
        return network & mask == address & mask
    }

    static func ipv4Value(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
