import Foundation
import GameLiftAPI
import SigV4

/// A token from the AWS CLI's SSO cache. Its values are secrets: it has no description that shows them.
struct SSOToken: Sendable, CustomStringConvertible {
    var accessToken: String
    var expiresAt: Date
    var refreshToken: String?
    var clientId: String?
    var clientSecret: String?
    var registrationExpiresAt: Date?
    /// The file's other fields, kept when the token is written back (start URL, region…).
    var others: [String: String]

    init(object: [String: Any], path: String, source: String) throws {
        guard let accessToken = object["accessToken"] as? String, !accessToken.isEmpty,
            let expiresText = object["expiresAt"] as? String, let expiresAt = Self.parse(expiresText)
        else {
            throw CredentialsError(source: source, message: "\(path) lacks accessToken or a readable expiresAt")
        }
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        refreshToken = object["refreshToken"] as? String
        clientId = object["clientId"] as? String
        clientSecret = object["clientSecret"] as? String
        registrationExpiresAt = (object["registrationExpiresAt"] as? String).flatMap(Self.parse)
        others = object.compactMapValues { $0 as? String }
    }

    /// True when SSO OIDC can refresh it: a refresh token and a client registration that has not expired.
    func canRefresh(at now: Date) -> Bool {
        guard refreshToken != nil, clientId != nil, clientSecret != nil else { return false }
        return registrationExpiresAt.map { $0 > now } ?? false
    }

    var description: String { "SSO token (expires \(Self.format(expiresAt)))" }

    /// `2026-11-24T12:00:00Z`, as botocore writes it; older CLIs wrote `…UTC`.
    static func parse(_ text: String) -> Date? {
        let normalized = text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text
        return parseCredentialExpiration(normalized)
    }

    static func format(_ date: Date) -> String { AmzDate.iso8601(date) }
}

/// SSO OIDC `CreateToken` with the refresh-token grant: an unsigned JSON POST to `/token`.
struct SSOOIDCClient: Sendable {
    let context: CredentialContext
    let region: String

    func refresh(_ token: SSOToken) async throws -> SSOToken {
        let source = "SSO OIDC"
        guard let clientId = token.clientId, let clientSecret = token.clientSecret,
            let refreshToken = token.refreshToken
        else { throw CredentialsError(source: source, message: "the cached token cannot be refreshed") }
        let base = try context.settings.serviceEndpoint(.ssoOIDC, region: region).absoluteString
        let url = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/token"
        let request: [String: String] = [
            "clientId": clientId, "clientSecret": clientSecret, "grantType": "refresh_token",
            "refreshToken": refreshToken,
        ]
        let body = try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys])
        let answer: HTTPExchange.Answer
        do {
            answer = try await HTTPExchange(transport: context.transport).send(
                method: .POST, url: url, headers: [("Content-Type", "application/json")], body: Array(body),
                timeout: min(context.settings.requestTimeout, 30))
        } catch let error as GameLiftTransportError {
            throw CredentialsError(source: source, message: "\(url) did not answer: \(error.message)", transient: true)
        }
        guard answer.status == 200 else {
            let error = AWSErrorDecoder.decode(status: answer.status, headers: answer.headers, body: answer.body)
            throw CredentialsError(
                source: source, message: "CreateToken failed: \(error.code.rawValue)", transient: answer.status >= 500)
        }
        struct Answer: Decodable {
            var accessToken: String
            var expiresIn: Int
            var refreshToken: String?
        }
        guard let fresh = try? JSONDecoder().decode(Answer.self, from: Data(answer.body)), fresh.expiresIn > 0,
            fresh.expiresIn <= 366 * 86400
        else {
            throw CredentialsError(source: source, message: "CreateToken answered without accessToken and expiresIn")
        }
        var refreshed = token
        refreshed.accessToken = fresh.accessToken
        refreshed.expiresAt = context.now().addingTimeInterval(Double(fresh.expiresIn))
        if let newRefresh = fresh.refreshToken { refreshed.refreshToken = newRefresh }
        return refreshed
    }
}
