import Foundation
import GameLiftAPI
import SigV4
import Testing

@testable import GameLiftAWS

@Suite("Assume role, profile precedence and caller identity against an STS stand-in")
struct AssumeRoleTests {
    static let toolsKeys = "[tools]\naws_access_key_id = AKIDTOOLS\naws_secret_access_key = tools-secret\n"

    func standIn() -> AWSStandIn {
        AWSStandIn(knownKeys: ["AKIDTOOLS": "tools-secret", "AKIDENV": "env-secret", "AKIDPROD": "prod-secret"])
    }

    @Test("the source profile's keys sign AssumeRole; the assumed role signs GameLift")
    func sourceProfile() async throws {
        let home = try TempHome(
            config: """
                [profile prod]
                role_arn = arn:aws:iam::222233334444:role/deploy
                source_profile = tools
                external_id = ext-123
                role_session_name = ci-session
                duration_seconds = 1800
                """, credentials: Self.toolsKeys)
        let stand = standIn()
        try await withStubServer(stand.handle) { url, log in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "prod") {
                client, chain in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                #expect(
                    await chain.sourceName
                        == "profile prod (assume role arn:aws:iam::222233334444:role/deploy from profile tools)")
            }
            #expect(stand.signedBy.map(\.operation) == ["AssumeRole", "ListFleets"])
            #expect(stand.signedBy.map(\.accessKey) == ["AKIDTOOLS", "ASIAROLEDEPLOY"])
            let form = AWSStandIn.form(try #require(log.all.first { $0.bodyText.contains("AssumeRole") }).bodyText)
            #expect(form["ExternalId"] == "ext-123")
            #expect(form["RoleSessionName"] == "ci-session")
            #expect(form["DurationSeconds"] == "1800")
        }
    }

    @Test("a chain of source profiles assumes each role with the previous one's credentials")
    func chainOfRoles() async throws {
        let home = try TempHome(
            config: """
                [profile prod]
                role_arn = arn:aws:iam::222233334444:role/deploy
                source_profile = admin
                [profile admin]
                role_arn = arn:aws:iam::111122223333:role/admin
                source_profile = tools
                """, credentials: Self.toolsKeys)
        let stand = standIn()
        try await withStubServer(stand.handle) { url, _ in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "prod") {
                client, _ in _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            }
            #expect(stand.signedBy.map(\.accessKey) == ["AKIDTOOLS", "ASIAROLEADMIN", "ASIAROLEDEPLOY"])
        }
    }

    @Test("a cycle of source profiles is named")
    func cycle() async throws {
        let home = try TempHome(
            config: """
                [profile a]
                role_arn = arn:aws:iam::1:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::1:role/b
                source_profile = a
                """)
        let stand = standIn()
        try await withStubServer(stand.handle) { url, log in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "a") {
                _, chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                #expect(error?.description.contains("cycle: a → b → a") == true)
            }
            #expect(log.all.isEmpty)
        }
    }

    @Test("credential_source Environment signs with the environment's keys, even under --profile")
    func credentialSourceEnvironment() async throws {
        let home = try TempHome(
            config:
                "[profile prod]\nrole_arn = arn:aws:iam::222233334444:role/deploy\ncredential_source = Environment\n"
        )
        let stand = standIn()
        try await withStubServer(stand.handle) { url, _ in
            var environment = AWSStandIn.environment(url)
            environment["AWS_ACCESS_KEY_ID"] = "AKIDENV"
            environment["AWS_SECRET_ACCESS_KEY"] = "env-secret"
            try await withStandardClient(environment: environment, home: home.path, profile: "prod") { client, _ in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            }
            #expect(stand.signedBy.map(\.accessKey) == ["AKIDENV", "ASIAROLEDEPLOY"])
        }
    }

    @Test("--profile beats environment keys; AWS_PROFILE does not")
    func explicitProfileBeatsEnvironment() async throws {
        let home = try TempHome(
            credentials: "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prod-secret\n")
        let stand = standIn()
        try await withStubServer(stand.handle) { url, _ in
            var environment = AWSStandIn.environment(url)
            environment["AWS_ACCESS_KEY_ID"] = "AKIDENV"
            environment["AWS_SECRET_ACCESS_KEY"] = "env-secret"
            try await withStandardClient(environment: environment, home: home.path, profile: "prod") { client, chain in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                #expect(await chain.sourceName == "profile prod (keys)")
            }
            environment["AWS_PROFILE"] = "prod"
            try await withStandardClient(environment: environment, home: home.path) { client, chain in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                #expect(await chain.sourceName == "environment")
            }
            #expect(stand.signedBy.map(\.accessKey) == ["AKIDPROD", "AKIDENV"])
        }
    }

    @Test("AWS_DEFAULT_PROFILE is read before AWS_PROFILE, as botocore reads them")
    func defaultProfileVariable() throws {
        let home = try TempHome(config: "[profile one]\nregion = eu-west-1\n[profile two]\nregion = eu-west-2\n")
        let settings = try AWSSettings.resolve(
            environment: ["AWS_DEFAULT_PROFILE": "one", "AWS_PROFILE": "two"], homeDirectory: home.path)
        #expect(settings.profile == "one")
        #expect(!settings.profileIsExplicit)
    }

    @Test("STS's AccessDenied names the role; the error never carries the source secret")
    func accessDenied() async throws {
        let role = "arn:aws:iam::222233334444:role/deploy"
        let home = try TempHome(
            config: "[profile prod]\nrole_arn = \(role)\nsource_profile = tools\n", credentials: Self.toolsKeys)
        let stand = standIn()
        stand.roleErrors[role] = ("AccessDenied", 403)
        try await withStubServer(stand.handle) { url, _ in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "prod") {
                _, chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                let text = error?.description ?? ""
                #expect(text.contains("AssumeRole for \(role) failed: AccessDenied"))
                #expect(text.contains("req-AccessDenied"))
                #expect(!text.contains("tools-secret"))
            }
        }
    }

    @Test("mfa_serial asks for a code, or says clearly that nobody can be asked")
    func mfa() async throws {
        let home = try TempHome(
            config: """
                [profile prod]
                role_arn = arn:aws:iam::222233334444:role/deploy
                source_profile = tools
                mfa_serial = arn:aws:iam::111122223333:mfa/alice
                """, credentials: Self.toolsKeys)
        let stand = standIn()
        try await withStubServer(stand.handle) { url, log in
            let environment = AWSStandIn.environment(url)
            try await withStandardClient(environment: environment, home: home.path, profile: "prod") { _, chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                #expect(
                    error?.description.contains("needs an MFA code for arn:aws:iam::111122223333:mfa/alice") == true)
            }
            try await withStandardClient(
                environment: environment, home: home.path, profile: "prod", mfaCode: { _, _ in "123456\n" }
            ) { _, chain in
                _ = try await chain.credentials()
            }
            let form = AWSStandIn.form(try #require(log.all.last).bodyText)
            #expect(form["SerialNumber"] == "arn:aws:iam::111122223333:mfa/alice")
            #expect(form["TokenCode"] == "123456")
        }
    }

    @Test("GetCallerIdentity over the Query protocol names the account of the credentials in use")
    func callerIdentity() async throws {
        let home = try TempHome(
            config: "[profile prod]\nrole_arn = arn:aws:iam::222233334444:role/deploy\nsource_profile = tools\n",
            credentials: Self.toolsKeys)
        let stand = standIn()
        try await withStubServer(stand.handle) { url, _ in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "prod") {
                client, _ in
                let identity = try await client.callerIdentity()
                #expect(identity.account == "222233334444")
                #expect(identity.arn == "arn:aws:sts::222233334444:assumed-role/deploy/ASIAROLEDEPLOY")
            }
            #expect(stand.signedBy.map(\.operation) == ["AssumeRole", "GetCallerIdentity"])
        }
    }
}
