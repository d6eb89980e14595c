import Foundation
import GameLiftAPI
import Hummingbird
import Logging
import NIOCore
import SigV4

/// The request context: Hummingbird's core storage plus the connection, so a simulated dropped connection can
/// close it without answering.
public struct EmulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// The context Hummingbird creates for each request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// Answers GameLift requests in either wire protocol from a `GameLift` backend.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let backend: any GameLift
    let options: EmulatorOptions
    let logger: Logger

    /// What one request turned into, for the log line.
    private struct Outcome {
        var status: Int
        var errorCode: String?
        var dropped = false
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let requestId = UUID().uuidString.lowercased()
        let route = EmulatorRoute(request)
        var outcome = Outcome(status: 200)
        let response: Response
        if STSResponder.isQueryRequest(request) {
            let body = (try? await collectBody(request)) ?? []
            do {
                _ = try authenticate(request, body: body, service: "sts")
                let session = request.headers.value(named: "x-amz-security-token").flatMap(
                    AssumedRoleKeys.session(ofToken:))
                response = await STSResponder.respond(
                    form: body, backend: backend(for: request), session: session, requestId: requestId)
            } catch {
                response = STSResponder.error(
                    code: error.code.rawValue, message: error.message, status: error.httpStatus, requestId: requestId)
            }
            outcome.status = Int(response.status.code)
            log(
                route: route, outcome: outcome, requestId: requestId, duration: ContinuousClock.now - started,
                query: "sts:" + STSResponder.action(in: body))
            return response
        }
        do {
            let operation = try route.operation()
            let body = try await collectBody(request)
            let region = try authenticate(request, body: body)
            let bytes = try await dispatch(
                operation, body: body, route: route, region: region, backend: backend(for: request))
            response = Self.response(status: 200, body: bytes, route: route, requestId: requestId)
        } catch let transport as GameLiftTransportError {
            // A simulated dropped connection: close it without a response, so the client sees the connection end.
            outcome = Outcome(status: 0, errorCode: "dropped (\(transport.kind.rawValue))", dropped: true)
            try? await context.channel.close()
            response = Response(status: .internalServerError)
        } catch {
            let answer = (error as? EmulatorError) ?? EmulatorError.from(error)
            outcome = Outcome(status: answer.httpStatus, errorCode: answer.code.rawValue)
            response = Self.errorResponse(answer, route: route, requestId: requestId)
        }
        log(route: route, outcome: outcome, requestId: requestId, duration: ContinuousClock.now - started)
        return response
    }

    private func collectBody(_ request: Request) async throws(EmulatorError) -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: options.maxBodySize)
            return Array(buffer.readableBytesView)
        } catch {
            throw EmulatorError(
                code: "RequestEntityTooLargeException",
                message: "request body larger than \(options.maxBodySize) bytes or unreadable", httpStatus: 413)
        }
    }

    /// Checks the signature when verification is on, and returns the region the request is for.
    private func authenticate(_ request: Request, body: [UInt8], service: String = "gamelift") throws(EmulatorError)
        -> String
    {
        let authorization = request.headers[.authorization]
        guard let keys = options.verifiedAccessKeys else {
            return authorization.flatMap(Self.scopeRegion) ?? options.defaultRegion
        }
        let signed = Self.sigV4Request(request, body: body)
        switch SigV4Verifier.verify(
            signed, now: options.now(), expectedService: service,
            secretFor: { id in
                keys[id] ?? AssumedRoleKeys.account(ofAccessKey: id).map(AssumedRoleKeys.secret(account:))
            })
        {
        case .success(let identity):
            return identity.region
        case .failure(let failure):
            // AWS answers 400 for an incomplete signature and 403 for every other authentication failure.
            let status = failure.awsErrorCode == "IncompleteSignatureException" ? 400 : 403
            throw EmulatorError(
                code: .init(rawValue: failure.awsErrorCode), message: failure.message, httpStatus: status)
        }
    }

    /// The region of `Credential=ID/DAY/REGION/SERVICE/aws4_request`, when the header has that shape.
    static func scopeRegion(_ authorization: String) -> String? {
        guard let range = authorization.range(of: "Credential=") else { return nil }
        let credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard scope.count == 5, !scope[2].isEmpty else { return nil }
        return String(scope[2])
    }

    /// The request as SigV4 sees it. HTTP/1 `Host` arrives as the `:authority` pseudo-header, so it is put back.
    static func sigV4Request(_ request: Request, body: [UInt8]) -> SigV4Request {
        var headers: [SigV4Request.Header] = []
        if let authority = request.head.authority { headers.append(.init("host", authority)) }
        for field in request.headers { headers.append(.init(field.name.canonicalName, field.value)) }
        let target = request.head.path ?? "/"
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        let path = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        return SigV4Request(
            method: request.method.rawValue, path: path, query: query, headers: headers, body: body)
    }

    private func dispatch(
        _ operation: GameLiftOperation, body: [UInt8], route: EmulatorRoute, region: String, backend: any GameLift
    ) async throws -> [UInt8] {
        try await answer(operation.requestType, body: body, wire: route.wireProtocol, region: region, backend: backend)
    }

    /// The backend as the request's signer sees it: keys from `AssumeRole` act as the role's account (only its
    /// fleets are found, as GameLift answers each account), any other key as the state's own account.
    private func backend(for request: Request) -> any GameLift {
        guard let authorization = request.headers[.authorization],
            let key = AssumedRoleKeys.accessKeyId(inAuthorization: authorization),
            let account = AssumedRoleKeys.account(ofAccessKey: key), let scoping = backend as? any AccountScoping
        else { return backend }
        return scoping.scoped(to: account)
    }

    /// Decodes the body as `Request`, sends it to the backend and encodes the answer in the same protocol.
    private func answer<Request: GameLiftRequest>(
        _ type: Request.Type, body: [UInt8], wire: WireProtocol, region: String, backend: any GameLift
    ) async throws -> [UInt8] {
        let request = try wire.decode(Request.self, from: body)
        return try wire.encode(try await backend.send(request, region: region))
    }

    static func response(status: Int, body: [UInt8], route: EmulatorRoute, requestId: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = route.wireProtocol.contentType
        headers.set("x-amzn-RequestId", requestId)
        if route.wireProtocol == .rpcV2CBOR { headers.set("smithy-protocol", "rpc-v2-cbor") }
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func errorResponse(_ error: EmulatorError, route: EmulatorRoute, requestId: String) -> Response {
        let body = route.wireProtocol.errorBody(code: error.code.rawValue, message: error.message)
        var response = response(status: error.httpStatus, body: body, route: route, requestId: requestId)
        response.headers.set("x-amzn-ErrorType", error.code.rawValue)
        if let retryAfter = error.retryAfter, retryAfter.isFinite, retryAfter >= 0 {
            // AWS SDKs read this header in milliseconds; at most a day, so the conversion cannot trap.
            response.headers.set("x-amz-retry-after", String(Int((min(retryAfter, 86_400) * 1000).rounded(.up))))
        }
        return response
    }

    /// One line per request; never the Authorization header or the body. `query` names an STS Query-protocol
    /// request's service and action (`sts:GetCallerIdentity`).
    private func log(
        route: EmulatorRoute, outcome: Outcome, requestId: String, duration: Duration, query: String? = nil
    ) {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "operation": "\(query ?? route.operationName ?? route.path)",
            "protocol": "\(query == nil ? route.wireProtocol.rawValue : "query")",
            "status": outcome.dropped ? "dropped" : "\(outcome.status)",
            "duration_ms": "\(String(format: "%.1f", ms))",
            "request_id": "\(requestId)",
        ]
        if let code = outcome.errorCode { metadata["error"] = "\(code)" }
        logger.info("request", metadata: metadata)
    }
}

extension HTTPFields {
    /// Sets a header by name. The names used are literals known to be valid tokens, so none is ever skipped.
    mutating func set(_ name: String, _ value: String) {
        guard let fieldName = HTTPFields.Element.Name(name) else { return }
        self[fieldName] = value
    }

    /// The first value of the header named `name`, compared case-insensitively.
    func value(named name: String) -> String? {
        let lower = name.lowercased()
        return first { $0.name.canonicalName == lower }?.value
    }
}
