import Foundation
import GameLiftAWS
import Testing

@Suite("Shared config files")
struct ConfigFileTests {
    @Test("/dev/null, the usual way to say 'no config', reads as an empty file")
    func devNullIsEmpty() throws {
        let file = try #require(try AWSConfigFile.load(path: "/dev/null"))
        #expect(file.configProfile("default") == nil)
    }

    @Test func parsesSectionsCommentsAndSubsections() throws {
        let text =
            "# leading comment\r\n[default]\r\nregion = us-east-1 ; inline\r\n; comment\r\n"
            + "[profile  spaced   name]\nREGION=eu-north-1\n[services s]\ngamelift =\n  endpoint_url = http://127.0.0.1:1\n"
            + "  signature_version = v4\nsts =\n  endpoint_url = http://127.0.0.1:2\n"
        let file = try AWSConfigFile.parse(text, path: "cfg")
        #expect(file.configProfile("default")?.values["region"] == "us-east-1")
        #expect(file.configProfile("spaced name")?.values["region"] == "eu-north-1")
        let gamelift = file.services("s")?.subsections["gamelift"]
        #expect(gamelift == ["endpoint_url": "http://127.0.0.1:1", "signature_version": "v4"])
        #expect(file.services("s")?.subsections["sts"]?["endpoint_url"] == "http://127.0.0.1:2")
    }

    @Test(arguments: [
        ("region = x\n", "cfg:1:", "before any [section]"), ("[default\n", "cfg:1:", "lacks ']'"),
        ("[default]\nno equals sign\n", "cfg:2:", "expected 'key = value' or 'key: value'"),
        ("[]\n", "cfg:1:", "empty section"),
    ])
    func malformedLinesAreLocated(_ text: String, _ place: String, _ why: String) {
        let error = #expect(throws: AWSConfigurationError.self) { try AWSConfigFile.parse(text, path: "cfg") }
        #expect(error?.description.contains(place) == true)
        #expect(error?.description.contains(why) == true)
    }

    @Test func credentialsFileLocationFromEnvironment() async throws {
        let home = try TempHome()
        let file = try home.write("creds", "[default]\naws_access_key_id = MOVED\naws_secret_access_key = s\n")
        let settings = try AWSSettings.resolve(
            environment: ["AWS_SHARED_CREDENTIALS_FILE": file], homeDirectory: home.path)
        let source = settings.credentialsFile?.credentialsProfile("default")?.values["aws_access_key_id"]
        #expect(source == "MOVED")
        #expect(settings.credentialsFilePath == file)
    }

    @Test("`key: value` lines, continuation lines and nested blocks parse as botocore parses them")
    func colonsAndContinuations() throws {
        let text = """
            [default]
            region: eu-west-1
            aws_session_token = FIRSTPART
              SECONDPART
            s3 =
              max_concurrent_requests = 10
            output = json
            """
        let file = try AWSConfigFile.parse(text, path: "cfg")
        let profile = try #require(file.configProfile("default"))
        #expect(profile.values["region"] == "eu-west-1")
        #expect(profile.values["aws_session_token"] == "FIRSTPART\nSECONDPART")
        #expect(profile.subsections["s3"] == ["max_concurrent_requests": "10"])
        #expect(profile.values["output"] == "json")
    }

    @Test("a malformed line is located by file and line, and its text is never shown")
    func malformedLineIsNotEchoed() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
        let text = "[default]\naws_access_key_id = AKID\n\(secret)\n"
        let error = #expect(throws: AWSConfigurationError.self) { try AWSConfigFile.parse(text, path: "creds") }
        #expect(error?.description.hasPrefix("creds:3:") == true)
        #expect(error?.description.contains(secret) == false)
        let before = #expect(throws: AWSConfigurationError.self) {
            try AWSConfigFile.parse("\(secret) = x\n[default]\n", path: "creds")
        }
        #expect(before?.description.contains(secret) == false)
    }

    @Test("settings merge both files, the credentials file winning, as botocore does")
    func filesMerge() throws {
        let home = try TempHome(
            config: "[profile ci]\nregion = us-east-2\ncredential_process = helper\nrole_arn = from-config\n",
            credentials: "[ci]\nregion = eu-central-1\nrole_arn = from-credentials\n")
        let settings = try AWSSettings.resolve(profile: "ci", environment: [:], homeDirectory: home.path)
        #expect(settings.defaultRegion == "eu-central-1")
        #expect(settings.profileValue("role_arn") == "from-credentials")
        #expect(settings.profileValue("credential_process") == "helper")
        #expect(settings.profileIsExplicit)
    }
}
