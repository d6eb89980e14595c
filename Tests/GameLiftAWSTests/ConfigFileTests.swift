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
            + "  max_attempts = 3\nsts =\n  endpoint_url = http://127.0.0.1:2\n"
        let file = try AWSConfigFile.parse(text, path: "cfg")
        #expect(file.configProfile("default")?.values["region"] == "us-east-1")
        #expect(file.configProfile("spaced name")?.values["region"] == "eu-north-1")
        let gamelift = file.services("s")?.subsections["gamelift"]
        #expect(gamelift == ["endpoint_url": "http://127.0.0.1:1", "max_attempts": "3"])
        #expect(file.services("s")?.subsections["sts"]?["endpoint_url"] == "http://127.0.0.1:2")
    }

    @Test(arguments: [
        ("region = x\n", "cfg:1:", "before any [section]"), ("[default\n", "cfg:1:", "lacks ']'"),
        ("[default]\nno equals sign\n", "cfg:2:", "expected 'key = value'"), ("[]\n", "cfg:1:", "empty section"),
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
}
