import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// The HTTP clients every AWS call goes through: one direct, one tunnelling through the HTTPS proxy, both with the
/// same timeouts and trust (the system's roots plus `AWS_CA_BUNDLE`); plain-http URLs behind the HTTP proxy go to it
/// in absolute form. Each request picks its route by URL, so `NO_PROXY` hosts and plain-http link-local endpoints
/// are reached directly.
public final class AWSTransport: Sendable {
    /// How one request travels.
    enum Route {
        case direct(HTTPClient)
        /// `CONNECT` through the proxy, then TLS to the host (`https://` URLs).
        case tunnel(HTTPClient, through: ProxyAddress)
        /// The request itself to the proxy, in absolute form (`http://` URLs).
        case forward(ForwardProxyRequest)

        var proxy: ProxyAddress? {
            switch self {
            case .direct: nil
            case .tunnel(_, let proxy): proxy
            case .forward(let request): request.proxy
            }
        }
    }

    private let direct: HTTPClient
    private let viaHTTPSProxy: HTTPClient?
    private let connectTimeout: Double
    private let network: NetworkSettings
    private let owned: Bool
    /// The User-Agent every request carries.
    public var userAgent: String { network.userAgent }

    /// Clients built from `settings`.
    /// - Throws: `AWSConfigurationError` when the CA bundle cannot be read as PEM certificates.
    public init(settings: AWSSettings) throws {
        var configuration = HTTPClient.Configuration(
            timeout: .init(
                connect: .milliseconds(Int64(settings.connectTimeout * 1000)),
                read: .milliseconds(Int64(settings.readTimeout * 1000))))
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        if let bundle = settings.network.caBundle {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(try Self.certificates(bundle))]
            configuration.tlsConfiguration = tls
        }
        func client(_ proxy: ProxyAddress?) -> HTTPClient {
            var configured = configuration
            if let proxy {
                let authorization = proxy.username.map {
                    HTTPClient.Authorization.basic(username: $0, password: proxy.password ?? "")
                }
                configured.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
                // A failed connection through the proxy comes back at once, not after the connect timeout's worth
                // of silent reconnects, so the circuit can judge the proxy on its first answer.
                configured.connectionPool.retryConnectionEstablishment = false
            }
            return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configured)
        }
        direct = client(nil)
        viaHTTPSProxy = settings.network.httpsProxy.map { client($0) }
        connectTimeout = settings.connectTimeout
        network = settings.network
        owned = true
    }

    /// Everything over one caller-owned client, directly (tests).
    public init(client: HTTPClient, userAgent: String = "fleetform") {
        direct = client
        viaHTTPSProxy = nil
        connectTimeout = 10
        network = .direct(userAgent: userAgent)
        owned = false
    }

    /// Which proxies have let requests through in this run.
    public let proxyCircuit = ProxyCircuit()

    /// The route for `url`: through its scheme's proxy unless `NO_PROXY` names the host.
    func route(for url: String) -> Route {
        guard let parsed = URL(string: url), let proxy = network.proxy(for: parsed) else { return .direct(direct) }
        guard parsed.scheme?.lowercased() == "https" else {
            return .forward(ForwardProxyRequest(proxy: proxy, connectTimeout: connectTimeout))
        }
        return viaHTTPSProxy.map { .tunnel($0, through: proxy) } ?? .direct(direct)
    }

    /// Closes the clients this transport made.
    public func shutdown() async throws {
        guard owned else { return }
        for client in [direct, viaHTTPSProxy].compactMap({ $0 }) { try await client.shutdown() }
    }

    static func certificates(_ path: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw AWSConfigurationError("AWS_CA_BUNDLE / ca_bundle \(path): cannot be read as PEM certificates")
        }
        guard !certificates.isEmpty else {
            throw AWSConfigurationError("AWS_CA_BUNDLE / ca_bundle \(path): holds no certificate")
        }
        return certificates
    }
}
