import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// The HTTP clients every AWS call goes through: one direct, one per configured proxy, all with the same
/// timeouts and trust (the system's roots plus `AWS_CA_BUNDLE`). Each request picks its client by URL, so
/// `NO_PROXY` hosts and plain-http link-local endpoints are reached directly.
public final class AWSTransport: Sendable {
    private let direct: HTTPClient
    private let viaHTTPSProxy: HTTPClient?
    private let viaHTTPProxy: HTTPClient?
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
            }
            return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configured)
        }
        direct = client(nil)
        viaHTTPSProxy = settings.network.httpsProxy.map { client($0) }
        viaHTTPProxy = settings.network.httpProxy.map { client($0) }
        network = settings.network
        owned = true
    }

    /// Everything over one caller-owned client, directly (tests).
    public init(client: HTTPClient, userAgent: String = "fleetform") {
        direct = client
        viaHTTPSProxy = nil
        viaHTTPProxy = nil
        network = .direct(userAgent: userAgent)
        owned = false
    }

    /// The client for `url`: through its scheme's proxy unless `NO_PROXY` names the host.
    func client(for url: String) -> HTTPClient {
        guard let parsed = URL(string: url), network.proxy(for: parsed) != nil else { return direct }
        return (parsed.scheme?.lowercased() == "https" ? viaHTTPSProxy : viaHTTPProxy) ?? direct
    }

    /// Closes the clients this transport made.
    public func shutdown() async throws {
        guard owned else { return }
        for client in [direct, viaHTTPSProxy, viaHTTPProxy].compactMap({ $0 }) { try await client.shutdown() }
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
