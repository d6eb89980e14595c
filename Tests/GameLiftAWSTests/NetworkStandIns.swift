import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A self-signed certificate for 127.0.0.1 and `localhost` (test-only; generated once with openssl and
/// committed here, as the test key of a stand-in server is no secret).
enum StandInCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBxjCCAW2gAwIBAgIUWpfUcw76C3xYhc5qXVikvZTv5CgwCgYIKoZIzj0EAwIw
        IjEgMB4GA1UEAwwXZmxlZXRmb3JtIHRlc3Qgc3RhbmQtaW4wIBcNMjYxMjAyMDYw
        MDUzWhgPMjEyNjExMDgwNjAwNTNaMCIxIDAeBgNVBAMMF2ZsZWV0Zm9ybSB0ZXN0
        IHN0YW5kLWluMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1uSUhv0DBMKeQXL7
        mk+HuowlxgUOCfPXYsEfVcw2TBz2gaUK3qZ3Kyfufz4H0uI7npzrFIsGjUqKZH+K
        3J2fVqN/MH0wHQYDVR0OBBYEFAN9ayFc+ha17utBzYbApUMzbs4ZMB8GA1UdIwQY
        MBaAFAN9ayFc+ha17utBzYbApUMzbs4ZMBoGA1UdEQQTMBGHBH8AAAGCCWxvY2Fs
        aG9zdDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIChDAKBggqhkjOPQQD
        AgNHADBEAiBJ8be4IRd7NjdpdoiMP2cTkPYrY03w+yoIsPAH0DrBhQIgKEyPWMu1
        kOa1JgXREnYg0RCFbkhUvYfVLmsrCe1lLPU=
        -----END CERTIFICATE-----

        """
    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg87Nx6V7nNtk23qau
        /NZDElZxekRBvXHnOivZTvie8LmhRANCAATW5JSG/QMEwp5BcvuaT4e6jCXGBQ4J
        89diwR9VzDZMHPaBpQrepncrJ+5/PgfS4juenOsUiwaNSopkf4rcnZ9W
        -----END PRIVATE KEY-----

        """
}

/// Counts what the network stand-ins saw.
final class StandInLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}

/// Runs `body` with an HTTPS server on 127.0.0.1 (the self-signed certificate) that answers every request
/// with `{"FleetIds":[]}`; the log gets one line per request answered. It stops when `body` returns.
func withTLSStandIn<T: Sendable>(_ body: (_ port: Int, _ log: StandInLog) async throws -> T) async throws -> T {
    let log = StandInLog()
    let certificate = try NIOSSLCertificate(bytes: Array(StandInCertificate.certificatePEM.utf8), format: .pem)
    let key = try NIOSSLPrivateKey(bytes: Array(StandInCertificate.privateKeyPEM.utf8), format: .pem)
    let context = try NIOSSLContext(
        configuration: .makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))
    let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                try channel.pipeline.syncOperations.addHandler(FixedAnswer(log: log))
            }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    let port = server.localAddress?.port ?? 0
    do {
        let value = try await body(port, log)
        try await server.close()
        return value
    } catch {
        try? await server.close()
        throw error
    }
}

private final class FixedAnswer: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let log: StandInLog
    init(log: StandInLog) { self.log = log }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        log.append("answered")
        let body = ByteBuffer(string: #"{"FleetIds":[]}"#)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// Runs `body` with a forward proxy on 127.0.0.1: `CONNECT host:port` opens a tunnel, an absolute-form request
/// (`POST http://host:port/ …`) is passed on to its host. The log gets `CONNECT host:port` or `METHOD URL` per
/// connection. It stops when `body` returns.
func withForwardProxy<T: Sendable>(_ body: (_ url: String, _ log: StandInLog) async throws -> T) async throws -> T {
    try await withProxyStandIn(handler: { ProxyFront(log: $0) }, body)
}

/// Runs `body` with a server on 127.0.0.1 whose connections each get a handler from `handler`, sharing one log;
/// `body` gets the server's `http://` URL. It stops when `body` returns.
private func withProxyStandIn<T: Sendable, Handler: ChannelInboundHandler>(
    handler: @escaping @Sendable (StandInLog) -> Handler,
    _ body: (_ url: String, _ log: StandInLog) async throws -> T
) async throws -> T {
    let log = StandInLog()
    let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(handler(log))
            }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    let port = server.localAddress?.port ?? 0
    do {
        let value = try await body("http://127.0.0.1:\(port)", log)
        try await server.close()
        return value
    } catch {
        try? await server.close()
        throw error
    }
}

/// The client side of a proxied connection: reads the request head, connects upstream, then relays bytes.
private final class ProxyFront: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let log: StandInLog
    private var buffered = ByteBuffer()
    private var upstream: (any Channel)?
    private var connecting = false

    init(log: StandInLog) { self.log = log }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if let upstream {
            upstream.writeAndFlush(bytes, promise: nil)
            return
        }
        buffered.writeBuffer(&bytes)
        guard !connecting else { return }
        let view = String(decoding: buffered.readableBytesView, as: UTF8.self)
        guard let headEnd = view.range(of: "\r\n\r\n") else { return }
        let requestLine = view[..<(view.range(of: "\r\n")?.lowerBound ?? headEnd.lowerBound)]
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3 else {
            context.close(promise: nil)
            return
        }
        let isConnect = parts[0] == "CONNECT"
        let authority: Substring
        if isConnect {
            authority = parts[1]
        } else {
            guard let url = URL(string: String(parts[1])), let host = url.host else {
                context.close(promise: nil)
                return
            }
            authority = "\(host):\(url.port ?? 80)"
        }
        log.append(isConnect ? "CONNECT \(authority)" : "\(parts[0]) \(parts[1])")
        let hostPort = authority.split(separator: ":")
        guard hostPort.count == 2, let port = Int(hostPort[1]) else {
            context.close(promise: nil)
            return
        }
        if isConnect {
            buffered.moveReaderIndex(forwardBy: view.utf8.distance(from: view.startIndex, to: headEnd.upperBound))
        }
        connecting = true
        let client = context.channel
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Relay(peer: client))
                }
            }
            .connect(host: String(hostPort[0]), port: port)
            .whenComplete { result in
                let (front, context) = bound.value
                switch result {
                case .success(let channel):
                    if isConnect {
                        client.writeAndFlush(
                            ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n"), promise: nil)
                    }
                    front.upstream = channel
                    if front.buffered.readableBytes > 0 { channel.writeAndFlush(front.buffered, promise: nil) }
                    front.buffered.clear()
                case .failure:
                    context.close(promise: nil)
                }
            }
    }

    func channelInactive(context: ChannelHandlerContext) {
        upstream?.close(promise: nil)
        context.fireChannelInactive()
    }
}

/// Writes everything the upstream sends back to the client.
private final class Relay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let peer: any Channel
    init(peer: any Channel) { self.peer = peer }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }
    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }
}

/// Runs `body` with a proxy on 127.0.0.1 that lets nothing through: it answers every request, `CONNECT`
/// included, with 403 and closes the connection; the log gets each request line. It stops when `body` returns.
func withRefusingProxy<T: Sendable>(_ body: (_ url: String, _ log: StandInLog) async throws -> T) async throws -> T {
    try await withProxyStandIn(handler: { RefusingProxy(log: $0) }, body)
}

/// Reads a request head and refuses it.
private final class RefusingProxy: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let log: StandInLog
    private var buffered = ByteBuffer()

    init(log: StandInLog) { self.log = log }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffered.writeBuffer(&bytes)
        let view = String(decoding: buffered.readableBytesView, as: UTF8.self)
        guard view.contains("\r\n\r\n"), let line = view.split(separator: "\r\n").first else { return }
        log.append(String(line))
        buffered.clear()
        let refusal = ByteBuffer(string: "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        let channel = context.channel
        channel.writeAndFlush(refusal).whenComplete { _ in channel.close(promise: nil) }
    }
}
