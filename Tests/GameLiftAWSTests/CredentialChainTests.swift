import AsyncHTTPClient
import Foundation
import GameLiftAWS
import SigV4
import Testing

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

@Suite("Credential chain")
struct CredentialChainTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// Runs `body` with a chain over `environment` and a shared HTTP client; IMDS points at a closed port
    /// unless the environment says otherwise, so no test ever reaches a real link-local address.
    func withChain<T: Sendable>(
        environment: [String: String], home: String = "/nonexistent-home", clock: ManualClock? = nil,
        containerBase: String = "http://127.0.0.1:1",
        _ body: (DefaultCredentialChain) async throws -> T
    ) async throws -> T {
        let settings = try AWSSettings.resolve(environment: environment, homeDirectory: home)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let clock = clock ?? ManualClock(Self.start)
        let chain = DefaultCredentialChain(
            settings: settings, environment: environment, httpClient: client,
            endpoints: CredentialEndpoints(containerBase: containerBase, instanceMetadata: "http://127.0.0.1:1"),
            now: { clock.now })
        do {
            let value = try await body(chain)
            try await client.shutdown()
            return value
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    @Test func environmentComesFirst() async throws {
        let home = try TempHome(
            credentials: "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n")
        let env = [
            "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
        ]
        try await withChain(environment: env, home: home.path) { chain in
            let credentials = try await chain.credentials()
            #expect(
                credentials
                    == AWSCredentials(accessKeyId: "ENVKEY", secretAccessKey: "envsecret", sessionToken: "envtoken"))
            #expect(await chain.sourceName == "environment")
        }
    }

    @Test func halfTheEnvironmentIsAnError() async throws {
        try await withChain(environment: ["AWS_ACCESS_KEY_ID": "ENVKEY"]) { chain in
            let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
            #expect(error?.description.contains("AWS_SECRET_ACCESS_KEY is not") == true)
        }
    }

    @Test func sharedCredentialsFileForTheNamedProfile() async throws {
        let home = try TempHome(
            config: "[profile ci]\nregion = us-west-2\n",
            credentials: """
                [default]
                aws_access_key_id = DEFAULTKEY
                aws_secret_access_key = defaultsecret
                [ci]
                aws_access_key_id = CIKEY
                aws_secret_access_key = cisecret
                aws_session_token = citoken
                """)
        try await withChain(environment: ["AWS_PROFILE": "ci", "AWS_EC2_METADATA_DISABLED": "true"], home: home.path) {
            let credentials = try await $0.credentials()
            #expect(credentials.accessKeyId == "CIKEY")
            #expect(credentials.sessionToken == "citoken")
        }
    }

    @Test func halfAKeyPairInAFileIsAnError() async throws {
        let home = try TempHome(credentials: "[default]\naws_access_key_id = ONLYID\n")
        try await withChain(environment: [:], home: home.path) { chain in
            let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
            #expect(error?.description.contains("only one of aws_access_key_id and aws_secret_access_key") == true)
        }
    }

    @Test func keysInTheConfigFile() async throws {
        let home = try TempHome(
            config: "[profile dev]\naws_access_key_id = CFGKEY\naws_secret_access_key = cfgsecret\n")
        try await withChain(environment: ["AWS_PROFILE": "dev"], home: home.path) {
            let value = try await $0.credentials()
            #expect(value.accessKeyId == "CFGKEY")
        }
    }

    @Test func unsupportedProfileKindsAreExplained() async throws {
        let home = try TempHome(config: "[profile sso]\nsso_session = corp\nregion = us-east-1\n")
        try await withChain(environment: ["AWS_PROFILE": "sso"], home: home.path) { chain in
            let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
            #expect(error?.description.contains("sso_session") == true)
        }
    }

    @Test func webIdentityThroughSTS() async throws {
        let stsAnswer = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <Credentials>
                  <AccessKeyId>ASIASTSKEY</AccessKeyId>
                  <SecretAccessKey>stssecret</SecretAccessKey>
                  <SessionToken>ststoken</SessionToken>
                  <Expiration>2026-11-24T12:00:00Z</Expiration>
                </Credentials>
              </AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """
        let home = try TempHome()
        let tokenFile = try home.write("token", "oidc.jwt.value\n")
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { _ in
            StubAnswer(status: 200, headers: [("Content-Type", "text/xml")], body: stsAnswer)
        }
        try await withStubServer(stub) { url, log in
            let env = [
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/deploy",
                "AWS_ROLE_SESSION_NAME": "ci run", "AWS_ENDPOINT_URL_STS": url,
            ]
            try await withChain(environment: env) { chain in
                let credentials = try await chain.credentials()
                #expect(credentials.accessKeyId == "ASIASTSKEY")
                #expect(credentials.sessionToken == "ststoken")
                #expect(credentials.expiration == Date(timeIntervalSince1970: 1_795_521_600))
            }
            let request = try #require(log.all.first)
            #expect(request.method == "POST")
            #expect(request.header("authorization") == nil, "AssumeRoleWithWebIdentity is unsigned")
            let form = request.bodyText
            for field in [
                "Action=AssumeRoleWithWebIdentity", "Version=2011-06-15",
                "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy", "RoleSessionName=ci%20run",
                "WebIdentityToken=oidc.jwt.value",
            ] {
                #expect(form.contains(field), "\(field) missing from \(form)")
            }
        }
    }

    @Test func stsRefusalIsReported() async throws {
        let errorXML = """
            <ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>
            <Message>Token expired</Message></Error></ErrorResponse>
            """
        let home = try TempHome()
        let tokenFile = try home.write("token", "expired")
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { _ in StubAnswer(status: 400, body: errorXML) }
        try await withStubServer(stub) { url, _ in
            let env = [
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::1:role/r",
                "AWS_ENDPOINT_URL_STS": url,
            ]
            try await withChain(environment: env) { chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                #expect(error?.description.contains("InvalidIdentityToken: Token expired") == true)
            }
        }
    }

    @Test func containerFullURIWithTokenFile() async throws {
        let home = try TempHome()
        let tokenFile = try home.write("container-token", "container-auth-token\n")
        let document =
            #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"csecret","Token":"ctoken","Expiration":"2026-11-24T12:00:00Z"}"#
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { request in
            request.header("authorization") == "container-auth-token"
                ? StubAnswer(status: 200, body: document) : StubAnswer(status: 401, body: "no")
        }
        try await withStubServer(stub) { url, log in
            let env = [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": url + "/v2/credentials/abc",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored",
            ]
            try await withChain(environment: env) { chain in
                let value = try await chain.credentials()
                #expect(value.accessKeyId == "ASIACONTAINER")
                #expect(await chain.sourceName == "container")
            }
            #expect(log.all.map(\.path) == ["/v2/credentials/abc"])
        }
    }

    @Test func containerRelativeURI() async throws {
        let document =
            #"{"AccessKeyId":"ASIAREL","SecretAccessKey":"s","Token":"t","Expiration":"2026-11-24T12:00:00Z"}"#
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { _ in StubAnswer(status: 200, body: document) }
        try await withStubServer(stub) { url, log in
            let env = [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/rel",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok",
            ]
            try await withChain(environment: env, containerBase: url) { chain in
                let value = try await chain.credentials()
                #expect(value.accessKeyId == "ASIAREL")
            }
            #expect(log.all.first?.header("authorization") == "tok")
        }
    }

    @Test func containerFullURIMustBeLocalOrHTTPS() async throws {
        try await withChain(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://203.0.113.9/creds"]) { chain in
            let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
            #expect(error?.description.contains("203.0.113.9") == true)
        }
    }

    @Test func instanceMetadataWithIMDSv2() async throws {
        let document =
            #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"isecret","Token":"itoken","Expiration":"2026-11-24T12:00:00Z"}"#
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { request in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return request.header("x-aws-ec2-metadata-token-ttl-seconds") == nil
                    ? StubAnswer(status: 400) : StubAnswer(status: 200, body: "imds-session-token")
            case (_, _) where request.header("x-aws-ec2-metadata-token") != "imds-session-token":
                return StubAnswer(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return StubAnswer(status: 200, body: "fleet-deployer\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/fleet-deployer"):
                return StubAnswer(status: 200, body: document)
            default:
                return StubAnswer(status: 404)
            }
        }
        try await withStubServer(stub) { url, log in
            let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": url]
            try await withChain(environment: env) { chain in
                let credentials = try await chain.credentials()
                #expect(credentials.accessKeyId == "ASIAIMDS")
                #expect(credentials.sessionToken == "itoken")
                #expect(await chain.sourceName == "instance metadata")
            }
            #expect(
                log.all.map { "\($0.method) \($0.path)" } == [
                    "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
                    "GET /latest/meta-data/iam/security-credentials/fleet-deployer",
                ])
        }
    }

    /// An IMDS stub whose token request answers `tokenStatus`, whose role list fails `roleFailures` times
    /// with HTTP 500 first, and which accepts reads with or without a token.
    static func metadataStub(tokenStatus: Int, roleFailures: Int = 0) -> @Sendable (ReceivedRequest) async -> StubAnswer
    {
        let failures = AnswerCounter()
        let document =
            #"{"Code":"Success","AccessKeyId":"ASIAIMDSV1","SecretAccessKey":"s","Token":"t","Expiration":"2026-11-24T12:00:00Z"}"#
        return { request in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return StubAnswer(status: tokenStatus, body: tokenStatus == 200 ? "imds-session-token" : "")
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return failures.next() < roleFailures
                    ? StubAnswer(status: 500) : StubAnswer(status: 200, body: "fleet-deployer\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/fleet-deployer"):
                return StubAnswer(status: 200, body: document)
            default:
                return StubAnswer(status: 404)
            }
        }
    }

    @Test(
        "no IMDSv2 token (HTTP 403, 404, 405): the reads go on without one, as botocore's do",
        arguments: [403, 404, 405])
    func instanceMetadataFallsBackToIMDSv1(tokenStatus: Int) async throws {
        try await withStubServer(Self.metadataStub(tokenStatus: tokenStatus)) { url, log in
            let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": url]
            try await withChain(environment: env) { chain in
                let credentials = try await chain.credentials()
                #expect(credentials.accessKeyId == "ASIAIMDSV1")
            }
            #expect(log.all.count == 3)
            #expect(log.all.dropFirst().allSatisfy { $0.header("x-aws-ec2-metadata-token") == nil })
        }
    }

    @Test("ec2_metadata_v1_disabled: no token is an error naming the setting, and nothing is read without one")
    func instanceMetadataV1Disabled() async throws {
        try await withStubServer(Self.metadataStub(tokenStatus: 403)) { url, log in
            let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": url, "AWS_EC2_METADATA_V1_DISABLED": "true"]
            try await withChain(environment: env) { chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                #expect(error?.description.contains("ec2_metadata_v1_disabled") == true)
                #expect(error?.description.contains("HTTP 403") == true)
            }
            #expect(log.all.map(\.method) == ["PUT"])
        }
    }

    @Test("metadata_service_num_attempts: a role list that fails once is read again; one attempt is botocore's default")
    func instanceMetadataAttempts() async throws {
        try await withStubServer(Self.metadataStub(tokenStatus: 200, roleFailures: 1)) { url, log in
            // The setting under test, the one retry setting this file sets (DefaultSettingsGuardTests allows it).
            let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": url, "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "2"]
            try await withChain(environment: env) { chain in
                let credentials = try await chain.credentials()
                #expect(credentials.accessKeyId == "ASIAIMDSV1")
            }
            #expect(log.all.filter { $0.path.hasSuffix("/security-credentials/") }.count == 2)
        }
        try await withStubServer(Self.metadataStub(tokenStatus: 200, roleFailures: 1)) { url, _ in
            let env = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": url]
            try await withChain(environment: env) { chain in
                let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
                #expect(error?.description.contains("HTTP 500") == true)
            }
        }
    }

    @Test func noneFoundListsEverySource() async throws {
        try await withChain(environment: [:]) { chain in
            let error = await #expect(throws: NoCredentialsError.self) { try await chain.credentials() }
            let sources = error?.tried.map(\.source) ?? []
            #expect(
                sources == [
                    "environment", "web identity", "profile default (no credentials)", "container", "instance metadata",
                ])
            #expect(error?.description.contains("no instance metadata service at http://127.0.0.1:1") == true)
        }
        try await withChain(environment: ["AWS_EC2_METADATA_DISABLED": "true"]) { chain in
            let error = await #expect(throws: NoCredentialsError.self) { try await chain.credentials() }
            #expect(error?.tried.last?.reason == "AWS_EC2_METADATA_DISABLED is true")
        }
    }

    @Test func temporaryCredentialsRefreshFifteenMinutesEarly() async throws {
        let clock = ManualClock(Self.start)
        let expiry = ISO8601DateFormatter().string(from: Self.start.addingTimeInterval(60 * 60))
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { request in
            StubAnswer(
                status: 200,
                body:
                    #"{"AccessKeyId":"ASIA\#(request.query.isEmpty ? "X" : "Y")","SecretAccessKey":"s","Token":"t","Expiration":"\#(expiry)"}"#
            )
        }
        try await withStubServer(stub) { url, log in
            try await withChain(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": url + "/creds"], clock: clock) {
                chain in
                _ = try await chain.credentials()
                clock.advance(44 * 60)
                _ = try await chain.credentials()
                #expect(log.all.count == 1, "still more than fifteen minutes left: cached")
                clock.advance(2 * 60)
                _ = try await chain.credentials()
                #expect(log.all.count == 2, "in the advisory window: fetched again")
            }
        }
    }

    @Test func longTermKeysAreNotRefetched() async throws {
        try await withChain(environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B"]) { chain in
            let first = try await chain.credentials()
            let second = try await chain.credentials()
            #expect(first == second)
        }
    }
}

/// A thread-safe counter: `next()` returns 0, 1, 2… (stubs that answer differently the second time).
final class AnswerCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}
