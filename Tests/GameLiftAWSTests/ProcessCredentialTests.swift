import Foundation
import GameLiftAPI
import SigV4
import Testing

@testable import GameLiftAWS

@Suite("credential_process")
struct ProcessCredentialTests {
    /// A helper script that prints `json` and, on standard error, `note`; its arguments land in `args.txt`.
    static func helper(in home: TempHome, json: String, exit: Int = 0) throws -> String {
        let script = try home.write(
            "helper.sh",
            """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(home.path)/args.txt"
            echo "helper: signing in" >&2
            cat <<'JSON'
            \(json)
            JSON
            exit \(exit)
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        return script
    }

    static let document = """
        {"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret-VALUE",
         "SessionToken": "process-token-VALUE", "Expiration": "2026-11-18T13:00:00Z"}
        """

    @Test("the command runs without a shell, quoted arguments intact, and its keys sign GameLift")
    func signsWithProcessCredentials() async throws {
        let home = try TempHome()
        let script = try Self.helper(in: home, json: Self.document)
        try "[profile helper]\ncredential_process = \(script) --profile 'prod account' \"two words\" $HOME\n"
            .write(toFile: home.path + "/.aws/config", atomically: true, encoding: .utf8)
        let stand = AWSStandIn(knownKeys: ["AKIDPROCESS": "process-secret-VALUE"])
        try await withStubServer(stand.handle) { url, _ in
            try await withStandardClient(environment: AWSStandIn.environment(url), home: home.path, profile: "helper") {
                client, chain in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                let credentials = try await chain.credentials()
                #expect(credentials.expiration == ISO8601DateFormatter().date(from: "2026-11-18T13:00:00Z"))
                #expect(await chain.sourceName == "profile helper (credential_process)")
            }
            #expect(stand.signedBy.map(\.accessKey) == ["AKIDPROCESS"])
        }
        let arguments = try String(contentsOfFile: home.path + "/args.txt", encoding: .utf8)
        #expect(arguments == "--profile\nprod account\ntwo words\n$HOME\n")
    }

    @Test(
        "failures name the command and never print its output",
        arguments: [
            (
                #"{"Version": 2, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret-VALUE"}"#, 0,
                "Version 2"
            ),
            (#"{"Version": 1, "SecretAccessKey": "process-secret-VALUE"}"#, 0, "lacks AccessKeyId"),
            ("process-secret-VALUE is not json", 0, "not a JSON credential document"),
            (Self.document, 3, "exited with status 3"),
            (
                #"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "process-secret-VALUE", "Expiration": "soon"}"#,
                0, "not an ISO 8601"
            ),
        ])
    func failures(json: String, exit: Int, expected: String) async throws {
        let home = try TempHome()
        let script = try Self.helper(in: home, json: json, exit: exit)
        try "[profile helper]\ncredential_process = \(script)\n"
            .write(toFile: home.path + "/.aws/config", atomically: true, encoding: .utf8)
        try await withStandardClient(
            environment: ["AWS_EC2_METADATA_DISABLED": "true"], home: home.path, profile: "helper"
        ) {
            _, chain in
            let error = await #expect(throws: CredentialsError.self) { try await chain.credentials() }
            let text = error?.description ?? ""
            #expect(text.contains(expected))
            #expect(text.contains("credential_process"))
            #expect(!text.contains("process-secret-VALUE"))
        }
    }

    @Test("a command that runs too long is stopped")
    func timeout() async throws {
        let source = ProcessCredentialSource(timeout: 0.2, now: { Date() })
        let error = await #expect(throws: CredentialsError.self) {
            try await source.credentials(command: "/bin/sh -c 'exec sleep 30'", profile: "slow")
        }
        #expect(error?.description.contains("did not finish within") == true)
    }

    @Test(
        "command lines split like a POSIX shell, without expansion",
        arguments: [
            (#"aws-vault exec prod --json"#, ["aws-vault", "exec", "prod", "--json"]),
            (#"'/opt/my tools/helper' "a \"b\" c" d\ e"#, ["/opt/my tools/helper", #"a "b" c"#, "d e"]),
            (#"x "" ''"#, ["x", "", ""]),
        ])
    func shellWords(line: String, words: [String]) throws {
        #expect(try ShellWords.split(line) == words)
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: ShellWords.SplitError.self) { try ShellWords.split("helper 'open") }
    }
}
