import FleetformTesting
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// The secrets canary for the credential sources beyond plain keys: assume role, SSO, `credential_process`
/// and malformed config lines. Every secret each source reads or receives is a canary value; none may appear
/// in any output of fleetform, `--debug` included, whether the run succeeds or fails.
@Suite("secrets canary: credential sources", .serialized)
struct CredentialSourcesCanaryTests {
    static let sourceSecret = "canary-source-secret-5b1e0c9d"
    static let roleSecret = "canary-role-secret-8e2f7a31"
    static let roleToken = "canary-role-token-FwoGZXIvYXdzEJr"
    static let ssoAccessToken = "canary-sso-access-token-aoaAAAAA"
    static let ssoRefreshToken = "canary-sso-refresh-token-Atzr|IwE"
    static let ssoClientSecret = "canary-sso-client-secret-eyJraWQ"
    static let ssoRoleSecret = "canary-sso-role-secret-3c4d5e6f"
    static let processSecret = "canary-process-secret-9a8b7c6d"
    static let processToken = "canary-process-token-IQoJb3JpZ2lu"
    static let wrappedSecret = "canary-wrapped-secret-line-0f1e2d3c"

    static var all: [String] {
        [
            sourceSecret, roleSecret, roleToken, ssoAccessToken, ssoRefreshToken, ssoClientSecret, ssoRoleSecret,
            processSecret, processToken, wrappedSecret,
        ]
    }

    /// STS and the SSO portal: AssumeRole answers the canary role keys (AccessDenied for a role named
    /// `denied`), the portal the canary SSO keys.
    static func standIn(_ request: Request) async throws -> Response {
        let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
        var fields = HTTPFields()
        fields[.contentType] = "text/xml"
        if request.uri.path == "/federation/credentials" {
            fields[.contentType] = "application/json"
            let json =
                #"{"roleCredentials":{"accessKeyId":"ASIACANARYSSO","secretAccessKey":"\#(ssoRoleSecret)","sessionToken":"\#(roleToken)","expiration":\#(Int64((Date().timeIntervalSince1970 + 3600) * 1000))}}"#
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        if body.contains("denied") {
            let xml = """
                <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>
                <Message>User is not authorized to perform: sts:AssumeRole</Message></Error>
                <RequestId>canary-request</RequestId></ErrorResponse>
                """
            return Response(status: .forbidden, headers: fields, body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
        let expiration = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let xml = """
            <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIACANARYROLE</AccessKeyId>
            <SecretAccessKey>\(roleSecret)</SecretAccessKey><SessionToken>\(roleToken)</SessionToken>
            <Expiration>\(expiration)</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
            """
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    /// The AWS files (kept outside the scanned workspace: they hold the secrets on purpose).
    static func writeHome(_ home: Workspace) throws {
        let aws = home.file(".aws")
        try FileManager.default.createDirectory(atPath: aws + "/sso/cache", withIntermediateDirectories: true)
        let helper = home.file("helper.sh")
        try """
        #!/bin/sh
        if [ "$1" = broken ]; then echo "not json \(processSecret)"; exit 0; fi
        echo '{"Version": 1, "AccessKeyId": "AKIDCANARYPROC", "SecretAccessKey": "\(processSecret)", "SessionToken": "\(processToken)"}'
        """.write(toFile: helper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper)
        try """
        [profile assume]
        role_arn = arn:aws:iam::123456789012:role/deploy
        source_profile = tools
        [profile denied]
        role_arn = arn:aws:iam::123456789012:role/denied
        source_profile = tools
        [profile sso]
        sso_session = canary
        sso_account_id = 123456789012
        sso_role_name = GameOps
        [sso-session canary]
        sso_start_url = https://canary.awsapps.com/start
        sso_region = us-east-1
        [profile process]
        credential_process = \(helper) ok
        [profile broken-process]
        credential_process = \(helper) broken
        """.write(toFile: aws + "/config", atomically: true, encoding: .utf8)
        try "[tools]\naws_access_key_id = AKIDCANARYTOOLS\naws_secret_access_key = \(sourceSecret)\n"
            .write(toFile: aws + "/credentials", atomically: true, encoding: .utf8)
        try "[tools]\naws_access_key_id = AKIDCANARYTOOLS\naws_secret_access_key =\n\(wrappedSecret)\n"
            .write(toFile: home.file("malformed-credentials"), atomically: true, encoding: .utf8)
        let cacheName = Insecure.SHA1.hash(data: Data("canary".utf8)).map { String(format: "%02x", $0) }.joined()
        let token: [String: String] = [
            "accessToken": ssoAccessToken, "refreshToken": ssoRefreshToken, "clientId": "canary-client",
            "clientSecret": ssoClientSecret,
            "expiresAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(8 * 3600)),
            "registrationExpiresAt": ISO8601DateFormatter().string(from: Date().addingTimeInterval(86400 * 30)),
        ]
        try JSONSerialization.data(withJSONObject: token).write(
            to: URL(fileURLWithPath: aws + "/sso/cache/\(cacheName).json"))
    }

    @Test("assume role, SSO, credential_process and a malformed credentials file leak no secret")
    func noSecretsFromAnySource() async throws {
        let fleetform = try BuiltBinaries.require("fleetform")
        let workspace = try Workspace("canary-sources")
        let home = try Workspace("canary-sources-home")
        defer {
            workspace.remove()
            home.remove()
        }
        try Self.writeHome(home)
        let (seed, fleets) = try DriftedFleets(count: 2).write(to: workspace)
        let emulator = try await EmulatorServer.gameLiftLocal(
            ["--log-level", "warning", "--state", workspace.file("state.json"), "--seed-state", seed],
            workspace: workspace, name: "emulator")
        defer { emulator.kill() }

        var quiet = Logger(label: "canary-stand-in")
        quiet.logLevel = .critical
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await Self.standIn(request) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: quiet)
        try await app.test(.live) { client in
            let standIn = "http://127.0.0.1:\(try #require(client.port))"
            // fleetform's default retries: no run meets a retryable error (STS refuses `denied` with a 403, the
            // broken sources fail before any request), so none of them waits on a backoff.
            let base = plainEnvironment(home: home.path, endpoint: emulator.endpoint).merging([
                "AWS_ENDPOINT_URL_STS": standIn, "AWS_ENDPOINT_URL_SSO": standIn, "AWS_ENDPOINT_URL_SSO_OIDC": standIn,
            ]) { $1 }
            let runs: [(name: String, profile: String, extra: [String: String], fails: Bool)] = [
                ("assume", "assume", [:], false), ("denied", "denied", [:], true), ("sso", "sso", [:], false),
                ("process", "process", [:], false), ("broken-process", "broken-process", [:], true),
                ("malformed", "tools", ["AWS_SHARED_CREDENTIALS_FILE": home.file("malformed-credentials")], true),
            ]
            for run in runs {
                let environment = base.merging(run.extra) { $1 }
                let (status, child) = try await ChildProcess.run(
                    fleetform, ["plan", fleets, "--debug", "--profile", run.profile], directory: workspace.path,
                    environment: environment, outputPrefix: workspace.file(run.name))
                if run.fails {
                    #expect(status == 1, "\(run.name) should fail; stderr:\n\(child.stderr)")
                } else {
                    #expect(
                        status == 0 || status == 2, "\(run.name) exit \(String(describing: status)):\n\(child.stderr)")
                    #expect(child.stderr.contains("debug: credentials from profile \(run.profile)"))
                }
                if run.name == "malformed" {
                    #expect(child.stderr.contains("malformed-credentials:4:"), "\(child.stderr)")
                }
            }
        }

        var scanned = 0
        let walker = FileManager.default.enumerator(atPath: workspace.path)
        while let relative = walker?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: workspace.file(relative)) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            scanned += 1
            for secret in Self.all where text.contains(secret) {
                Issue.record("\(relative) contains the canary \(secret)")
            }
        }
        #expect(scanned >= 12)
    }
}
