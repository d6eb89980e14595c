import Crypto
import Foundation
import GameLiftAPI
import SigV4
import Testing

@testable import GameLiftAWS

@Suite("IAM Identity Center (SSO) against portal and OIDC stand-ins")
struct SSOCredentialTests {
    static let config = """
        [profile dev]
        sso_session = corp
        sso_account_id = 444455556666
        sso_role_name = GameOps
        region = us-west-2
        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1
        [profile legacy]
        sso_start_url = https://old.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 777788889999
        sso_role_name = GameOps
        """

    /// Writes a cache file named as botocore names it: the SHA-1 of the session name or start URL.
    static func cache(_ home: TempHome, key: String, token: String, expiresIn: TimeInterval, refreshable: Bool) throws
        -> String
    {
        let directory = home.path + "/.aws/sso/cache"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = Insecure.SHA1.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
        let formatter = ISO8601DateFormatter()
        var object: [String: String] = [
            "accessToken": token, "expiresAt": formatter.string(from: AWSStandIn.signingNow + expiresIn),
            "startUrl": "https://corp.awsapps.com/start", "region": "us-east-1",
        ]
        if refreshable {
            object["refreshToken"] = "sso-refresh-token"
            object["clientId"] = "client-id"
            object["clientSecret"] = "client-secret"
            object["registrationExpiresAt"] = formatter.string(from: AWSStandIn.signingNow + 86400 * 30)
        }
        let path = "\(directory)/\(name).json"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a cached sso_session token gets role credentials that sign GameLift")
    func sessionProfile() async throws {
        let home = try TempHome(config: Self.config)
        _ = try Self.cache(home, key: "corp", token: "sso-access-token-VALID", expiresIn: 3600, refreshable: true)
        let stand = AWSStandIn(knownKeys: [:])
        try await withStubServer(stand.handle) { url, log in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "dev") {
                client, chain in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                #expect(await chain.sourceName == "profile dev (SSO)")
            }
            #expect(stand.signedBy.map(\.accessKey) == ["ASIASSO444455556666"])
            let portal = try #require(log.all.first)
            #expect(portal.path == "/federation/credentials")
            #expect(AWSStandIn.form(portal.query) == ["account_id": "444455556666", "role_name": "GameOps"])
        }
    }

    @Test("an expiring token is refreshed through SSO OIDC and the cache file is updated")
    func refresh() async throws {
        let home = try TempHome(config: Self.config)
        let path = try Self.cache(home, key: "corp", token: "sso-access-token-OLD", expiresIn: -60, refreshable: true)
        let stand = AWSStandIn(knownKeys: [:])
        try await withStubServer(stand.handle) { url, _ in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "dev") {
                client, _ in _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            }
            #expect(stand.signedBy.map(\.operation) == ["CreateToken", "ListFleets"])
        }
        let cached = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: String])
        #expect(cached["accessToken"] == "sso-access-token-REFRESHED")
        #expect(cached["refreshToken"] == "sso-refresh-token-2")
        #expect(cached["startUrl"] == "https://corp.awsapps.com/start")
    }

    @Test(
        "no valid token is one line: run aws sso login --profile NAME",
        arguments: [("dev", false, true), ("legacy", true, true), ("dev", false, false)])
    func login(profile: String, legacy: Bool, cached: Bool) async throws {
        let home = try TempHome(config: Self.config)
        if cached {
            _ = try Self.cache(
                home, key: legacy ? "https://old.awsapps.com/start" : "corp", token: "sso-access-token-EXPIRED",
                expiresIn: -60, refreshable: false)
        }
        let stand = AWSStandIn(knownKeys: [:])
        try await withStubServer(stand.handle) { url, log in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: profile) {
                _, chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                let text = error?.description ?? ""
                #expect(text.contains("run `aws sso login --profile \(profile)`"))
                #expect(!text.contains("\n"))
                #expect(!text.contains("sso-access-token"))
            }
            #expect(log.all.isEmpty)
        }
    }

    @Test("a token the portal refuses asks for a new login")
    func refusedToken() async throws {
        let home = try TempHome(config: Self.config)
        _ = try Self.cache(home, key: "corp", token: "sso-access-token-REVOKED", expiresIn: 3600, refreshable: false)
        let stand = AWSStandIn(knownKeys: [:])
        try await withStubServer(stand.handle) { url, _ in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "dev") {
                _, chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                #expect(error?.description.contains("aws sso login --profile dev") == true)
                #expect(error?.description.contains("REVOKED") == false)
            }
        }
    }
}
