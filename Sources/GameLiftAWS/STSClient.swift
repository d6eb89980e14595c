import Foundation
import GameLiftAPI
import SigV4

/// STS over the Query protocol (a form POST answered in XML): `AssumeRole` and `GetCallerIdentity` signed
/// with SigV4, `AssumeRoleWithWebIdentity` unsigned. The endpoint is resolved like any service's
/// (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's `services` section, else regional STS).
public struct STSClient: Sendable {
    let settings: AWSSettings
    let transport: AWSTransport
    let now: @Sendable () -> Date
    /// STS answers quickly or not at all; a short limit keeps a plan from hanging on it.
    var timeout: Double

    /// A client for the profile's region (us-east-1 when there is none, as the AWS CLI does).
    public init(settings: AWSSettings, transport: AWSTransport, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.transport = transport
        self.now = now
        self.timeout = min(settings.requestTimeout, 30)
    }

    var region: String { settings.defaultRegion ?? "us-east-1" }

    /// The parameters of `AssumeRole` beyond the role.
    public struct AssumeRoleParameters: Sendable, Hashable {
        public var roleArn: String
        public var sessionName: String
        public var externalId: String?
        public var durationSeconds: Int?
        public var mfaSerial: String?
        public var mfaCode: String?

        public init(
            roleArn: String, sessionName: String, externalId: String? = nil, durationSeconds: Int? = nil,
            mfaSerial: String? = nil, mfaCode: String? = nil
        ) {
            self.roleArn = roleArn
            self.sessionName = sessionName
            self.externalId = externalId
            self.durationSeconds = durationSeconds
            self.mfaSerial = mfaSerial
            self.mfaCode = mfaCode
        }
    }

    /// `AssumeRole` signed with `source`.
    func assumeRole(_ parameters: AssumeRoleParameters, source: AWSCredentials) async throws -> AWSCredentials {
        var form = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", parameters.roleArn),
            ("RoleSessionName", parameters.sessionName),
        ]
        if let externalId = parameters.externalId { form.append(("ExternalId", externalId)) }
        if let duration = parameters.durationSeconds { form.append(("DurationSeconds", String(duration))) }
        if let serial = parameters.mfaSerial, let code = parameters.mfaCode {
            form += [("SerialNumber", serial), ("TokenCode", code)]
        }
        let fields = try await call("AssumeRole", form: form, signedWith: source, subject: parameters.roleArn)
        return try credentials(from: fields, operation: "AssumeRole")
    }

    /// `AssumeRoleWithWebIdentity`: the token is the credential, so the request is not signed.
    func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String) async throws -> AWSCredentials {
        let form = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleArn),
            ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ]
        let fields = try await call("AssumeRoleWithWebIdentity", form: form, signedWith: nil, subject: roleArn)
        return try credentials(from: fields, operation: "AssumeRoleWithWebIdentity")
    }

    /// `GetCallerIdentity` signed with `credentials`: which account and principal they belong to.
    public func callerIdentity(credentials: AWSCredentials) async throws -> CallerIdentity {
        let fields = try await call(
            "GetCallerIdentity", form: [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")],
            signedWith: credentials, subject: nil)
        guard let account = fields["Account"], let arn = fields["Arn"] else {
            throw STSError(
                code: "InvalidResponse", message: "GetCallerIdentity answered without Account and Arn",
                operation: "GetCallerIdentity", subject: nil, status: 200, requestId: fields["RequestId"])
        }
        return CallerIdentity(account: account, arn: arn, userId: fields["UserId"])
    }

    private func call(
        _ operation: String, form: [(String, String)], signedWith credentials: AWSCredentials?, subject: String?
    ) async throws -> [String: String] {
        let endpoint = try settings.serviceEndpoint(.sts, region: region)
        let body = Array(form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&").utf8)
        var headers: [(String, String)] = [
            ("Host", AWSGameLift.hostHeader(endpoint)),
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        ]
        if let credentials {
            let request = SigV4Request(
                method: "POST", path: endpoint.path.isEmpty ? "/" : endpoint.path, headers: headers, body: body)
            let signingRegion = settings.signingRegion(.sts, region: region)
            headers = SigV4Signer(service: "sts", region: signingRegion).sign(
                request, credentials: credentials, date: now()
            )
            .headers.map { ($0.name, $0.value) }
        }
        let answer: HTTPExchange.Answer
        do {
            answer = try await HTTPExchange(transport: transport).send(
                method: .POST, url: endpoint.absoluteString, headers: headers, body: body, timeout: timeout)
        } catch let error as GameLiftTransportError {
            throw STSError(
                code: error.kind == .proxy ? STSError.proxyCode : "NoAnswer",
                message: "STS at \(endpoint.absoluteString) did not answer: \(error.message)",
                operation: operation, subject: subject, status: nil, requestId: nil)
        }
        let fields = XMLFields.parse(answer.body)
        guard (200..<300).contains(answer.status) else {
            throw STSError(
                code: fields["Code"] ?? AWSErrorDecoder.fallbackCode(status: answer.status),
                message: fields["Message"] ?? "HTTP \(answer.status) \(HTTPStatusText.reason(answer.status))",
                operation: operation, subject: subject, status: answer.status,
                requestId: fields["RequestId"] ?? answer.header("x-amzn-requestid"))
        }
        return fields
    }

    private func credentials(from fields: [String: String], operation: String) throws -> AWSCredentials {
        guard let id = fields["AccessKeyId"], let secret = fields["SecretAccessKey"],
            let token = fields["SessionToken"]
        else {
            throw STSError(
                code: "InvalidResponse", message: "\(operation) answered without Credentials in its XML",
                operation: operation, subject: nil, status: 200, requestId: fields["RequestId"])
        }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: token,
            expiration: fields["Expiration"].flatMap(parseCredentialExpiration))
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// STS refused or did not answer; the message names the operation and the role, never a credential.
public struct STSError: TransientClassifying, Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var operation: String
    /// The role the call was about, when there is one.
    public var subject: String?
    public var status: Int?
    public var requestId: String?

    /// The code of a request that got no answer because nothing gets through the configured proxy.
    static let proxyCode = "ProxyError"

    /// No answer, a 5xx or throttling: worth another try. Not when no request got through the proxy.
    public var isTransient: Bool {
        guard code != Self.proxyCode else { return false }
        return status == nil || (status ?? 0) >= 500
            || ["Throttling", "ThrottlingException", "RequestLimitExceeded", "IDPCommunicationError"].contains(code)
    }

    public var description: String {
        let about = subject.map { " for \($0)" } ?? ""
        let hint =
            code == "AccessDenied" && operation == "AssumeRole"
            ? " (the source credentials may not assume \(subject ?? "the role"), or its trust policy does not allow them)"
            : ""
        let request = requestId.map { " (request id \($0))" } ?? ""
        return "STS \(operation)\(about) failed: \(code): \(message)\(hint)\(request)"
    }
}
