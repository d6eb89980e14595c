import Crypto
import Foundation
import GameLiftAPI
import SigV4

/// IAM Identity Center (SSO) profiles: an `sso_session` profile (whose cached token can be refreshed) or a
/// legacy `sso_start_url` profile. The token comes from the AWS CLI's cache (`aws sso login`); the role's
/// credentials from the SSO portal's `GetRoleCredentials`. See docs/aws.md, "IAM Identity Center (SSO)".
struct SSOCredentialSource: Sendable {
    let context: CredentialContext

    /// The profile's SSO settings, checked.
    struct Configuration: Sendable, Hashable {
        var startURL: String
        var region: String
        var accountId: String
        var roleName: String
        /// The `sso_session` name; nil for a legacy profile.
        var session: String?
        /// What the token cache file is named after: the session name, else the start URL.
        var cacheKey: String { session ?? startURL }
    }

    func credentials(profile: String, values: [String: String]) async throws -> AWSCredentials {
        let configuration = try Self.configuration(profile: profile, values: values, settings: context.settings)
        let cache = SSOTokenCache(directory: context.settings.ssoCacheDirectory, key: configuration.cacheKey)
        let token = try await validToken(configuration, cache: cache, profile: profile)
        return try await roleCredentials(configuration, token: token, profile: profile)
    }

    static func configuration(profile: String, values: [String: String], settings: AWSSettings) throws
        -> Configuration
    {
        let source = "profile \(profile)"
        var startURL = values["sso_start_url"]
        var region = values["sso_region"]
        let session = values["sso_session"]
        if let session {
            guard let section = settings.configFile?.ssoSession(session)?.values else {
                throw CredentialsError(
                    source: source, message: "sso_session \(session) has no [sso-session \(session)] section")
            }
            for (key, value) in [("sso_start_url", startURL), ("sso_region", region)] {
                if let value, let own = section[key], own != value {
                    throw CredentialsError(
                        source: source, message: "\(key) differs between the profile and [sso-session \(session)]")
                }
            }
            startURL = section["sso_start_url"] ?? startURL
            region = section["sso_region"] ?? region
        }
        let required = [
            ("sso_start_url", startURL), ("sso_region", region), ("sso_account_id", values["sso_account_id"]),
            ("sso_role_name", values["sso_role_name"]),
        ]
        let missing = required.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let startURL, let region, let account = values["sso_account_id"],
            let role = values["sso_role_name"]
        else {
            throw CredentialsError(
                source: source, message: "the SSO profile lacks \(missing.joined(separator: ", "))")
        }
        guard AWSSettings.isValidRegion(region) else {
            throw CredentialsError(source: source, message: "sso_region '\(region)' is not a region name")
        }
        return Configuration(startURL: startURL, region: region, accountId: account, roleName: role, session: session)
    }

    /// The cached token, refreshed through SSO OIDC when it is within 15 minutes of expiry and refreshable
    /// (an `sso_session` token with a refresh token and a live client registration).
    private func validToken(_ configuration: Configuration, cache: SSOTokenCache, profile: String) async throws
        -> String
    {
        let login = "run `aws sso login --profile \(profile)`"
        let source = "profile \(profile) SSO"
        guard var token = try cache.load(source: source) else {
            throw CredentialsError(source: source, message: "no cached SSO token; \(login)")
        }
        let now = context.now()
        if configuration.session != nil, token.expiresAt.timeIntervalSince(now) < 15 * 60, token.canRefresh(at: now) {
            do {
                token = try await SSOOIDCClient(context: context, region: configuration.region).refresh(token)
                try cache.store(token, source: source)
            } catch {
                // While the current token still works it is kept, as botocore does.
                guard token.expiresAt > now else {
                    let reason = (error as? CredentialsError)?.message ?? "\(error)"
                    throw CredentialsError(
                        source: source,
                        message: "the SSO token has expired and its refresh failed (\(reason)); \(login)")
                }
            }
        }
        guard token.expiresAt > now else {
            throw CredentialsError(source: source, message: "the SSO token has expired; \(login)")
        }
        return token.accessToken
    }

    private func roleCredentials(_ configuration: Configuration, token: String, profile: String) async throws
        -> AWSCredentials
    {
        let source = "profile \(profile) SSO"
        let base = try context.settings.serviceEndpoint(.sso, region: configuration.region).absoluteString
        let query =
            "account_id=\(STSClient.formEncode(configuration.accountId))&role_name=\(STSClient.formEncode(configuration.roleName))"
        let url = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/federation/credentials?" + query
        let answer: HTTPExchange.Answer
        do {
            answer = try await HTTPExchange(transport: context.transport).send(
                method: .GET, url: url, headers: [("x-amz-sso_bearer_token", token), ("Accept", "application/json")],
                body: nil, timeout: min(context.settings.requestTimeout, 30))
        } catch let error as GameLiftTransportError {
            throw CredentialsError(
                source: source, message: "the SSO portal did not answer: \(error.message)", transient: true)
        }
        guard answer.status == 200 else {
            let error = AWSErrorDecoder.decode(status: answer.status, headers: answer.headers, body: answer.body)
            let code = error.code.rawValue
            if code == "UnauthorizedException" || answer.status == 401 {
                throw CredentialsError(
                    source: source,
                    message: "the SSO sign-in has expired or was revoked; run `aws sso login --profile \(profile)`")
            }
            throw CredentialsError(
                source: source,
                message: "GetRoleCredentials for role \(configuration.roleName) in account \(configuration.accountId) "
                    + "failed: \(code): \(error.message)",
                transient: answer.status >= 500 || code == "TooManyRequestsException")
        }
        struct Body: Decodable {
            struct Role: Decodable {
                var accessKeyId: String
                var secretAccessKey: String
                var sessionToken: String?
                var expiration: Int64?
            }
            var roleCredentials: Role
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(answer.body)) else {
            throw CredentialsError(source: source, message: "GetRoleCredentials answered without roleCredentials")
        }
        let role = body.roleCredentials
        return AWSCredentials(
            accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken,
            expiration: role.expiration.map { Date(timeIntervalSince1970: Double($0) / 1000) })
    }
}

/// A token file of the AWS CLI's SSO cache: `~/.aws/sso/cache/<sha1 of the session name or start URL>.json`,
/// named as botocore names it.
struct SSOTokenCache: Sendable {
    let directory: String
    let key: String

    var path: String {
        let digest = Insecure.SHA1.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
        return "\(directory)/\(digest).json"
    }

    /// The cached token, nil when there is no file. A file that is not a token is an error naming the file.
    func load(source: String) throws -> SSOToken? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), data.count < 1 << 20,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw CredentialsError(source: source, message: "\(path) is not an SSO token cache file")
        }
        return try SSOToken(object: object, path: path, source: source)
    }

    /// Writes the refreshed token atomically, readable only by its owner, keeping the file's other fields.
    func store(_ token: SSOToken, source: String) throws {
        var object = token.others
        object["accessToken"] = token.accessToken
        object["expiresAt"] = SSOToken.format(token.expiresAt)
        if let refreshToken = token.refreshToken { object["refreshToken"] = refreshToken }
        do {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            let temporary = path + ".fleetform-\(ProcessInfo.processInfo.processIdentifier).tmp"
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            // rename(2) replaces the old file in one step: a reader sees the old token or the new one.
            guard rename(temporary, path) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw CredentialsError(source: source, message: "cannot update the SSO token cache \(path)")
        }
    }
}
