import Foundation
import GameLiftAPI
import Hummingbird
import NIOCore

/// STS `GetCallerIdentity` over the Query protocol (a form POST answered in XML), so a client pointed at the
/// emulator with `AWS_ENDPOINT_URL` learns the seeded account, as with LocalStack. Other STS actions get
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
    static func respond(form body: [UInt8], backend: any GameLift, requestId: String) async -> Response {
        let fields = parseForm(String(decoding: body, as: UTF8.self))
        guard fields["Action"] == "GetCallerIdentity" else {
            return error(
                code: "InvalidAction", message: "gamelift-local answers only GetCallerIdentity",
                status: 400, requestId: requestId)
        }
        guard let identities = backend as? any IdentityProviding else {
            return error(code: "InvalidAction", message: "no identity", status: 400, requestId: requestId)
        }
        do {
            let identity = try await identities.callerIdentity()
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
