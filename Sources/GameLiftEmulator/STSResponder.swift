import Foundation
import GameLiftAPI
import Hummingbird
import NIOCore

/// STS over the Query protocol (a form POST answered in XML), so a client pointed at the emulator with
/// `AWS_ENDPOINT_URL` learns the seeded account, as with LocalStack: `GetCallerIdentity`, and `AssumeRole` into any
/// account the state has fleets in (its keys then act as that account: `AssumedRoleKeys`). Other STS actions get
/// STS's own XML error.
enum STSResponder {
    /// True for a Query-protocol request: a form POST without `X-Amz-Target`.
    static func isQueryRequest(_ request: Request) -> Bool {
        request.method == .post && request.headers.value(named: "x-amz-target") == nil
            && (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
    }

    /// The form's `Action` (for the request log), bounded so a hostile form cannot flood the log.
    static func action(in body: [UInt8]) -> String {
        let action = parseForm(String(decoding: body, as: UTF8.self))["Action"] ?? "(no Action)"
        return action.count <= 64 ? action : String(action.prefix(64)) + "…"
    }

    /// The answer to `body` (the form) for `backend`.
    /// `session`: the role and session an `AssumeRole` session token names, when the request was signed with one.
    static func respond(
        form body: [UInt8], backend: any GameLift, session: (role: String, session: String)? = nil, requestId: String
    ) async -> Response {
        let fields = parseForm(String(decoding: body, as: UTF8.self))
        if fields["Action"] == "AssumeRole" {
            return assumeRole(fields, backend: backend, requestId: requestId)
        }
        guard fields["Action"] == "GetCallerIdentity" else {
            return error(
                code: "InvalidAction", message: "gamelift-local answers only GetCallerIdentity and AssumeRole",
                status: 400, requestId: requestId)
        }
        guard let identities = backend as? any IdentityProviding else {
            return error(code: "InvalidAction", message: "no identity", status: 400, requestId: requestId)
        }
        do {
            var identity = try await identities.callerIdentity()
            if let session {
                identity = CallerIdentity(
                    account: identity.account,
                    arn: "arn:aws:sts::\(identity.account):assumed-role/\(session.role)/\(session.session)",
                    userId: "AROALOCAL:\(session.session)")
            }
            let xml = """
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>\(escape(identity.arn))</Arn>
                    <UserId>\(escape(identity.userId ?? identity.account))</UserId>
                    <Account>\(escape(identity.account))</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>\(requestId)</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """
            return response(status: 200, xml: xml, requestId: requestId)
        } catch {
            return Self.error(
                code: "ServiceUnavailable", message: "the simulation state cannot be read", status: 503,
                requestId: requestId)
        }
    }

    /// `AssumeRole` into the account of `RoleArn`: keys that act as that account, when the state has fleets in
    /// it; `AccessDenied` otherwise, as STS answers a role the caller may not assume.
    private static func assumeRole(_ fields: [String: String], backend: any GameLift, requestId: String) -> Response {
        let role = fields["RoleArn"] ?? ""
        let session = fields["RoleSessionName"] ?? ""
        let parts = role.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/"),
            (2...64).contains(session.count), role.count <= 2048
        else {
            return error(
                code: "ValidationError",
                message: "RoleArn must be an IAM role ARN and RoleSessionName 2 to 64 characters",
                status: 400, requestId: requestId)
        }
        let account = String(parts[4])
        guard let scoping = backend as? any AccountScoping, (try? scoping.accounts())?.contains(account) == true else {
            return error(
                code: "AccessDenied",
                message: "not authorized to perform sts:AssumeRole on resource \(role): the local GameLift has no "
                    + "fleets in account \(account)", status: 403, requestId: requestId)
        }
        let seconds = fields["DurationSeconds"].flatMap(Int.init).map { min(max($0, 900), 43_200) } ?? 3600
        let expiration = Date().addingTimeInterval(Double(seconds)).formatted(.iso8601)
        let roleName = parts[5].dropFirst("role/".count)
        let xml = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>\(AssumedRoleKeys.accessKeyId(account: account))</AccessKeyId>
                  <SecretAccessKey>\(escape(AssumedRoleKeys.secret(account: account)))</SecretAccessKey>
                  <SessionToken>\(escape(AssumedRoleKeys.sessionToken(role: String(roleName), session: session)))</SessionToken>
                  <Expiration>\(expiration)</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <Arn>\(escape("arn:aws:sts::\(account):assumed-role/\(roleName)/\(session)"))</Arn>
                  <AssumedRoleId>AROALOCAL:\(escape(session))</AssumedRoleId>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>\(requestId)</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """
        return response(status: 200, xml: xml, requestId: requestId)
    }

    static func error(code: String, message: String, status: Int, requestId: String) -> Response {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>\(escape(code))</Code><Message>\(escape(message))</Message></Error>
              <RequestId>\(requestId)</RequestId>
            </ErrorResponse>
            """
        return response(status: status, xml: xml, requestId: requestId)
    }

    private static func response(status: Int, xml: String, requestId: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/xml"
        headers.set("x-amzn-RequestId", requestId)
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
