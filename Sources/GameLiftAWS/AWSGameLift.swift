import AsyncHTTPClient
import Foundation
import GameLiftAPI
import Logging
import SigV4

/// The real GameLift client: AWS JSON 1.1 over HTTPS with SigV4, one attempt per call.
///
/// Retries, backoff and rate limiting belong to `ResilientGameLift`, which wraps this; every attempt it makes
/// comes through here and is signed afresh. Service answers become `GameLiftServiceError`, no answer
/// `GameLiftTransportError`.
public struct AWSGameLift: GameLift, IdentityProviding {
    public let settings: AWSSettings
    public let credentials: any AWSCredentialsProvider
    private let transport: AWSTransport
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// A client over `httpClient`, or over one of its own when nil (then `shutdown()` closes it).
    /// `now` dates signatures; inject it only in tests.
    public init(
        settings: AWSSettings, credentials: any AWSCredentialsProvider, logger: Logger,
        httpClient: HTTPClient? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        // Without a client of the caller's, the transport is built from the settings; a CA bundle that cannot
        // be read then falls back to none here, and `standard` (which the CLI uses) reports it instead.
        let transport =
            httpClient.map { AWSTransport(client: $0, userAgent: settings.network.userAgent) }
            ?? ((try? AWSTransport(settings: settings))
                ?? AWSTransport(client: HTTPClient(eventLoopGroupProvider: .singleton)))
        self.init(settings: settings, credentials: credentials, logger: logger, transport: transport, now: now)
    }

    /// A client over `transport` (its owner shuts it down through `shutdown()`).
    public init(
        settings: AWSSettings, credentials: any AWSCredentialsProvider, logger: Logger, transport: AWSTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.settings = settings
        self.credentials = credentials
        self.logger = logger
        self.transport = transport
        self.now = now
    }

    /// The client with the standard credential chain, sharing one transport (proxies, CA bundle, timeouts)
    /// between GameLift, STS, SSO and the credential endpoints. This is what the CLI uses.
    /// With `role`, the chain's credentials assume it (an environment's `role_arn`, docs/policy.md) and the client
    /// runs as the role.
    /// - Throws: `AWSConfigurationError` when the CA bundle cannot be read.
    public static func standard(
        settings: AWSSettings, environment: [String: String], logger: Logger, mfaCode: MFACodeProvider? = nil,
        role: STSClient.AssumeRoleParameters? = nil
    ) throws -> AWSGameLift {
        let transport = try AWSTransport(settings: settings)
        let chain = DefaultCredentialChain(
            settings: settings, environment: environment, transport: transport, mfaCode: mfaCode)
        let credentials: any AWSCredentialsProvider =
            if let role {
                AssumedRoleCredentials(role, source: chain, sts: STSClient(settings: settings, transport: transport))
            } else {
                chain
            }
        return AWSGameLift(settings: settings, credentials: credentials, logger: logger, transport: transport)
    }

    /// Why no request could get through the configured proxy, once that is known (see `ProxyCircuit`).
    public var proxyFailure: GameLiftTransportError? { transport.proxyCircuit.failure }

    /// Closes pooled connections of a transport this client made. Call once when done.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// STS `GetCallerIdentity` with the client's credentials: the account and principal it runs as.
    public func callerIdentity() async throws -> CallerIdentity {
        try await STSClient(settings: settings, transport: transport, now: now)
            .callerIdentity(credentials: try await credentials.credentials())
    }

    /// One signed attempt of `request`'s operation (one page of a paginated one).
    public func send<Request: GameLiftRequest>(_ request: Request, region: String) async throws -> Request.Output {
        try await call(Request.operation, request, region: region)
    }

    /// One signed `POST /` with `X-Amz-Target: GameLift.<operation>`.
    func call<Input: Encodable, Output: Decodable>(
        _ operation: GameLiftOperation, _ input: Input, region: String
    ) async throws -> Output {
        guard AWSSettings.isValidRegion(region) else {
            throw GameLiftServiceError(code: .invalidRequest, message: "'\(region)' is not a region name")
        }
        let endpoint: URL
        do {
            endpoint = try settings.endpoint(for: region)
        } catch let error as AWSConfigurationError {
            throw GameLiftServiceError(code: .invalidRequest, message: error.message)
        }
        let body = try Array(GameLiftJSON.encoder().encode(input))
        let request = SigV4Request(
            method: "POST", path: endpoint.path.isEmpty ? "/" : endpoint.path,
            headers: [
                ("Host", Self.hostHeader(endpoint)), ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "GameLift.\(operation.rawValue)"),
            ], body: body.isEmpty ? Array("{}".utf8) : body)
        let signed = SigV4Signer(service: "gamelift", region: region)
            .sign(request, credentials: try await credentials.credentials(), date: now())
        let headers = signed.headers.map { ($0.name, $0.value) }
        logger.trace(
            "GameLift request headers",
            metadata: ["operation": "\(operation.rawValue)", "headers": "\(Redaction.describe(headers: headers))"])

        let started = ContinuousClock.now
        let answer: HTTPExchange.Answer
        do {
            answer = try await HTTPExchange(transport: transport).send(
                method: .POST, url: endpoint.absoluteString, headers: headers, body: signed.body,
                timeout: settings.requestTimeout)
        } catch let error as GameLiftTransportError {
            log(operation, region: region, status: nil, requestId: nil, started: started, outcome: error.description)
            throw error
        }
        let requestId = answer.headers.first { $0.0.lowercased() == "x-amzn-requestid" }?.1
        logger.trace(
            "GameLift response headers",
            metadata: [
                "operation": "\(operation.rawValue)", "headers": "\(Redaction.describe(headers: answer.headers))",
            ])

        guard (200..<300).contains(answer.status) else {
            let error = AWSErrorDecoder.decode(status: answer.status, headers: answer.headers, body: answer.body)
            log(
                operation, region: region, status: answer.status, requestId: requestId, started: started,
                outcome: error.code.rawValue)
            throw error
        }
        log(operation, region: region, status: answer.status, requestId: requestId, started: started, outcome: "ok")
        do {
            return try GameLiftJSON.decoder().decode(
                Output.self, from: Data(answer.body.isEmpty ? Array("{}".utf8) : answer.body))
        } catch {
            throw GameLiftServiceError(
                code: "InvalidResponse",
                message:
                    "\(operation.rawValue) answered HTTP \(answer.status) with a body that is not its output: \(error)",
                requestId: requestId, httpStatus: answer.status)
        }
    }

    private func log(
        _ operation: GameLiftOperation, region: String, status: Int?, requestId: String?,
        started: ContinuousClock.Instant,
        outcome: String
    ) {
        let elapsed = started.duration(to: .now)
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "operation": "\(operation.rawValue)", "region": "\(region)",
            "status": "\(status.map(String.init) ?? "none")",
            "requestId": "\(requestId ?? "none")", "durationMs": "\(Int(ms.rounded()))", "outcome": "\(outcome)",
        ]
        if let attempt = RequestAttempt.current { metadata["attempt"] = "\(attempt)" }
        logger.debug("GameLift \(operation.rawValue)", metadata: metadata)
    }

    /// `host` or `host:port` when the port is not the scheme's default, as the request line's Host must be.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let port = url.port else { return bracketed }
        let scheme = url.scheme?.lowercased()
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { return bracketed }
        return "\(bracketed):\(port)"
    }
}
