import Foundation
import SigV4
import Testing

@testable import GameLiftAWS

/// One stand-in for every AWS service fleetform calls (STS, the SSO portal, SSO OIDC, GameLift), routed as
/// the real endpoints are: a form POST is STS, `/federation/credentials` the portal, `/token` OIDC, a POST
/// with `X-Amz-Target` GameLift. Signatures are checked against the keys it knows (the source keys and those
/// it issued), so a test learns exactly which credentials signed each call.
final class AWSStandIn: @unchecked Sendable {
    static let signingNow = Date(timeIntervalSince1970: 1_795_000_000)
    private let lock = NSLock()
    private var secrets: [String: String]
    private var signers: [(operation: String, accessKey: String)] = []
    /// STS errors to answer per role ARN (code, HTTP status).
    var roleErrors: [String: (String, Int)] = [:]
    /// The SSO bearer token the portal accepts.
    var ssoAccessToken = "sso-access-token-VALID"
    /// What OIDC hands out on refresh.
    var refreshedAccessToken = "sso-access-token-REFRESHED"

    init(knownKeys: [String: String]) { secrets = knownKeys }

    /// Which access key signed each call, in order (`AssumeRole`, `GetCallerIdentity`, `ListFleets`…).
    var signedBy: [(operation: String, accessKey: String)] { lock.withLock { signers } }

    private func remember(_ key: String, _ secret: String) { lock.withLock { secrets[key] = secret } }
    private func secret(_ key: String) -> String? { lock.withLock { secrets[key] } }
    private func record(_ operation: String, _ key: String) { lock.withLock { signers.append((operation, key)) } }

    /// The environment that points every service at the stand-in.
    static func environment(_ url: String) -> [String: String] {
        [
            "AWS_ENDPOINT_URL_GAMELIFT": url, "AWS_ENDPOINT_URL_STS": url, "AWS_ENDPOINT_URL_SSO": url,
            "AWS_ENDPOINT_URL_SSO_OIDC": url, "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-west-2",
        ]
    }

    func handle(_ request: ReceivedRequest) async -> StubAnswer {
        if request.path == "/federation/credentials" { return portal(request) }
        if request.path == "/token" { return oidc(request) }
        if let target = request.header("x-amz-target") {
            guard let key = verify(request, service: "gamelift") else {
                return .json(#"{"__type":"InvalidSignatureException","message":"bad signature"}"#, status: 403)
            }
            record(String(target.dropFirst("GameLift.".count)), key)
            return .json(#"{"FleetIds":[]}"#)
        }
        return sts(request)
    }

    private func verify(_ request: ReceivedRequest, service: String) -> String? {
        let result = SigV4Verifier.verify(request.sigV4, now: Self.signingNow, expectedService: service) {
            self.secret($0)
        }
        if case .success(let identity) = result { return identity.accessKeyId }
        return nil
    }

    private func sts(_ request: ReceivedRequest) -> StubAnswer {
        let form = Self.form(request.bodyText)
        let action = form["Action"] ?? ""
        if action == "AssumeRoleWithWebIdentity" {
            return stsCredentials(action: action, role: form["RoleArn"] ?? "", request: form)
        }
        guard let key = verify(request, service: "sts") else {
            return Self.stsError("SignatureDoesNotMatch", "The request signature we calculated does not match", 403)
        }
        record(action, key)
        switch action {
        case "AssumeRole":
            let role = form["RoleArn"] ?? ""
            if let (code, status) = roleErrors[role] {
                return Self.stsError(
                    code, "User: \(key) is not authorized to perform: sts:AssumeRole on resource: \(role)", status)
            }
            return stsCredentials(action: action, role: role, request: form)
        case "GetCallerIdentity":
            let account = key.hasPrefix("ASIAROLE") ? "222233334444" : "111122223333"
            return StubAnswer(
                status: 200, headers: [("Content-Type", "text/xml")],
                body: """
                    <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <GetCallerIdentityResult><Arn>arn:aws:sts::\(account):assumed-role/deploy/\(key)</Arn>
                      <UserId>AROA:\(key)</UserId><Account>\(account)</Account></GetCallerIdentityResult>
                    </GetCallerIdentityResponse>
                    """)
        default:
            return Self.stsError("InvalidAction", "unknown action", 400)
        }
    }

    /// Keys for `role`: `ASIAROLE<n>` where n counts the roles issued, secret and token derived from it.
    private func stsCredentials(action: String, role: String, request: [String: String]) -> StubAnswer {
        let name = role.split(separator: "/").last.map(String.init) ?? "role"
        let key = "ASIAROLE\(name.uppercased().filter { $0.isLetter || $0.isNumber })"
        remember(key, "secret-of-\(name)")
        let seconds = Int(request["DurationSeconds"] ?? "3600") ?? 3600
        let formatter = ISO8601DateFormatter()
        let expiration = formatter.string(from: Self.signingNow.addingTimeInterval(Double(seconds)))
        return StubAnswer(
            status: 200, headers: [("Content-Type", "text/xml")],
            body: """
                <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><\(action)Result>
                  <Credentials><AccessKeyId>\(key)</AccessKeyId><SecretAccessKey>secret-of-\(name)</SecretAccessKey>
                  <SessionToken>token-of-\(name)</SessionToken><Expiration>\(expiration)</Expiration></Credentials>
                </\(action)Result></\(action)Response>
                """)
    }

    static func stsError(_ code: String, _ message: String, _ status: Int) -> StubAnswer {
        StubAnswer(
            status: status, headers: [("Content-Type", "text/xml")],
            body: """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error>
                  <RequestId>req-\(code)</RequestId>
                </ErrorResponse>
                """)
    }

    private func portal(_ request: ReceivedRequest) -> StubAnswer {
        let token = lock.withLock { (ssoAccessToken, refreshedAccessToken) }
        guard let bearer = request.header("x-amz-sso_bearer_token"), bearer == token.0 || bearer == token.1 else {
            return StubAnswer(
                status: 401, headers: [("x-amzn-ErrorType", "UnauthorizedException")],
                body: #"{"message":"Session token not found or invalid"}"#)
        }
        let query = Self.form(request.query)
        let key = "ASIASSO\(query["account_id"] ?? "")"
        remember(key, "sso-secret-\(query["role_name"] ?? "")")
        let expiration = Int64((Self.signingNow.timeIntervalSince1970 + 3600) * 1000)
        return .json(
            #"{"roleCredentials":{"accessKeyId":"\#(key)","secretAccessKey":"sso-secret-\#(query["role_name"] ?? "")","sessionToken":"sso-session-token","expiration":\#(expiration)}}"#
        )
    }

    private func oidc(_ request: ReceivedRequest) -> StubAnswer {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String],
            object["grantType"] == "refresh_token", object["refreshToken"] == "sso-refresh-token",
            object["clientId"] == "client-id", object["clientSecret"] == "client-secret"
        else {
            return StubAnswer(status: 400, headers: [("x-amzn-ErrorType", "InvalidGrantException")], body: "{}")
        }
        record("CreateToken", "client-id")
        let fresh = lock.withLock { refreshedAccessToken }
        return .json(
            #"{"accessToken":"\#(fresh)","expiresIn":28800,"refreshToken":"sso-refresh-token-2","tokenType":"Bearer"}"#)
    }

    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
