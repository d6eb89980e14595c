import Foundation
import GameLiftAPI
import Testing

@testable import FleetSpec

@Suite("Loading fleet files")
struct LoaderTests {
    @Test func valuesKeepTheirPlaces() throws {
        let yaml = """
            # comment
            FleetId: fleet-1a2b
            Region: us-west-2
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/a
                  ConcurrentExecutions: "8"
                - LaunchPath: /usr/b
                  ConcurrentExecutions: 2
            """
        let set = FleetLoader.load(text: yaml, path: "f.yaml", options: LoadOptions())
        #expect(Support.summary(set.diagnostics) == ["7:29: error: [FF104]", "8:19: error: [FF307]"])
        let quoted = try #require(set.diagnostics.first)
        #expect(quoted.message.contains("found a string (\"8\")"))
        #expect(quoted.hint == "remove the quotes: `ConcurrentExecutions: 8`")
        let document = try #require(set.documents.first)
        #expect(document.location == SourceLocation(path: "f.yaml", line: 2, column: 1))
        let key = ServerProcessKey(launchPath: "/usr/b", parameters: "")
        #expect(document.location(ofProcess: key) == SourceLocation(path: "f.yaml", line: 8, column: 7))
    }

    @Test func multipleDocumentsAndEmptyOnes() throws {
        let yaml =
            "---\n" + Support.fleet(id: "fleet-a1") + "---\n---\n" + Support.fleet(id: "fleet-b2", region: "eu-west-1")
        let set = FleetLoader.load(text: yaml, path: "f.yaml", options: LoadOptions())
        #expect(set.diagnostics.isEmpty)
        #expect(set.documents.map(\.fleetId) == ["fleet-a1", "fleet-b2"])
        #expect(set.documents.map(\.region) == ["us-west-2", "eu-west-1"])
        #expect(set.documents.map(\.location.line) == [2, 11])
    }

    @Test func fileWithoutFleetsWarns() {
        #expect(Support.summary(Support.diagnostics("# nothing here\n")) == ["1:1: warning: [FF109]"])
        #expect(Support.summary(Support.diagnostics("---\n---\n")) == ["1:1: warning: [FF109]"])
    }

    @Test func regionResolutionOrder() throws {
        let arn = "arn:aws:gamelift:ap-northeast-1:123456789012:fleet/fleet-1a2b"
        let fromArn = FleetLoader.load(
            text: Support.fleet(id: arn, region: nil), path: "f", options: LoadOptions(defaultRegion: "eu-west-1"))
        #expect(fromArn.documents.first?.region == "ap-northeast-1")
        #expect(fromArn.documents.first?.fleetId == "fleet-1a2b")
        #expect(fromArn.documents.first?.fleetIdOrArn == arn)
        let fromDefault = FleetLoader.load(
            text: Support.fleet(region: nil), path: "f", options: LoadOptions(defaultRegion: "eu-west-1"))
        #expect(fromDefault.documents.first?.region == "eu-west-1")
        #expect(fromDefault.diagnostics.isEmpty)
        // The hint names the region option as the caller does (the command line passes its flags' names).
        let flags = RunOptionNames { $0 == .region ? "--region" : "--\($0)" }
        let none = FleetLoader.load(
            text: Support.fleet(region: nil), path: "f", options: LoadOptions(names: flags)
        ).diagnostics
        let hint = try #require(none.first?.hint)
        #expect(hint.contains("Region:") && hint.contains("--region") && hint.contains("AWS_REGION"))
    }

    @Test func unknownKeysSuggestTheClosest() throws {
        let yaml =
            Support.fleet(region: nil).replacingOccurrences(of: "FleetId", with: "FleetID")
            + "Regoin: us-west-2\nName: arena\n"
        let diagnostics = Support.diagnostics(yaml, region: "us-west-2")
        let unknown = diagnostics.filter { $0.code == .unknownKey }
        #expect(
            unknown.map(\.hint) == [
                "did you mean 'FleetId'?", "did you mean 'Region'?",
                "allowed keys here: FleetId, Region, ComputeType, RuntimeConfiguration",
            ])
        #expect(diagnostics.contains { $0.code == .missingKey && $0.message.contains("'FleetId'") })
    }

    @Test(arguments: [
        ("FleetId: [fleet-1]\n", "FleetId must be a string, found a list"),
        ("FleetId: 12\n", "FleetId must be a string, found an integer (12)"),
        ("FleetId: fleet-1\nRuntimeConfiguration: [1]\n", "RuntimeConfiguration must be a mapping, found a list"),
        (
            "FleetId: fleet-1\nRuntimeConfiguration:\n  ServerProcesses: {LaunchPath: x}\n",
            "ServerProcesses must be a list, found a mapping"
        ),
        ("- 1\n- 2\n", "a fleet document must be a mapping, found a list"),
        (
            "FleetId: fleet-1\nRuntimeConfiguration:\n  ServerProcesses:\n    - LaunchPath: /local/game/a\n"
                + "      ConcurrentExecutions: 2.5\n", "ConcurrentExecutions must be an integer, found a number (2.5)"
        ),
        (
            "FleetId: fleet-1\nRuntimeConfiguration:\n  ServerProcesses:\n    - LaunchPath: /local/game/a\n"
                + "      ConcurrentExecutions: true\n",
            "ConcurrentExecutions must be an integer, found a boolean (true)"
        ),
        (
            "FleetId: fleet-1\nRuntimeConfiguration:\n  ServerProcesses:\n    - LaunchPath: /local/game/a\n"
                + "      ConcurrentExecutions:\n", "ConcurrentExecutions must be an integer, found null"
        ),
    ])
    func wrongTypesAreReported(yaml: String, message: String) {
        let messages = Support.diagnostics(yaml, region: "us-west-2").filter { $0.code == .wrongType }.map(\.message)
        #expect(messages.contains(message), "\(messages)")
    }

    @Test func duplicateKeysAreLocatedAndOtherDocumentsStillChecked() {
        let yaml = """
            FleetId: fleet-1a
            Region: us-west-2
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/a
                  ConcurrentExecutions: 1
                  LaunchPath: /local/game/b
            ---
            FleetId: fleet-2b
            Region: us-west-2
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/a
                  ConcurrentExecutions: 0
            """
        let diagnostics = Support.diagnostics(yaml)
        #expect(Support.summary(diagnostics) == ["7:7: error: [FF105]", "14:29: error: [FF303]"])
        #expect(diagnostics.first?.message == "duplicate key 'LaunchPath' (first at line 5, column 7)")
    }

    @Test func syntaxErrorsAreLocated() {
        let diagnostics = Support.diagnostics("FleetId: fleet-1\nRegion: [us-west-2\n")
        #expect(diagnostics.map(\.code) == [.yamlSyntax])
        #expect(diagnostics.first?.location?.line == 3)
        let undefinedAlias = Support.diagnostics(Support.fleet(region: "*nowhere"))
        #expect(undefinedAlias.map(\.code) == [.yamlSyntax])
        #expect(undefinedAlias.first?.location?.line == 2)
    }

    @Test func deepNestingIsASyntaxErrorNotACrash() {
        let yaml = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Support.diagnostics(yaml).map(\.code) == [.yamlSyntax])
    }

    @Test func aliasBombIsRejectedByTheNodeBudget() throws {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let diagnostics = Support.diagnostics(lines.joined(separator: "\n"))
        #expect(diagnostics.map(\.code) == [.nodeBudgetExceeded])
        #expect(diagnostics.first?.location?.line == 6)
        #expect(diagnostics.first?.message.contains("\(LoadOptions.defaultMaxNodes) nodes") == true)
    }

    @Test func aliasesWithinTheBudgetAreFollowed() {
        let yaml = """
            FleetId: fleet-1a
            Region: us-west-2
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/a
                  ConcurrentExecutions: &two 2
              MaxConcurrentGameSessionActivations: *two
            """
        let set = FleetLoader.load(text: yaml, path: "f", options: LoadOptions())
        #expect(set.diagnostics.isEmpty)
        #expect(set.documents.first?.runtimeConfiguration.maxConcurrentGameSessionActivations == 2)
        #expect(
            Support.summary(Support.diagnostics(yaml, options: LoadOptions(maxNodes: 5))) == ["3:1: error: [FF101]"])
    }

    @Test func fiftyMegabyteFileIsRejectedBeforeReading() throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big.yaml")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 50 << 20)  // sparse: no 50 MB written, none read
        try handle.close()
        let set = FleetLoader.load(paths: [big.path], options: LoadOptions())
        #expect(Support.summary(set.diagnostics) == ["1:1: error: [FF100]"])
        #expect(
            set.diagnostics.first?.message
                == "the file is 52428800 bytes; the limit is \(LoadOptions.defaultMaxFileBytes) bytes")
    }

    @Test func discoveryIsRecursiveSortedAndSkipsHiddenFolders() throws {
        let root = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Support.write(Support.fleet(id: "fleet-b1"), to: root.appendingPathComponent("b/one.yml"))
        try Support.write(Support.fleet(id: "fleet-a1"), to: root.appendingPathComponent("a.yaml"))
        try Support.write(Support.fleet(id: "fleet-h1"), to: root.appendingPathComponent(".hidden/h.yaml"))
        try Support.write("not: yaml: at: all: [", to: root.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("b/loop").path, withDestinationPath: root.path)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("c.yaml").path,
            withDestinationPath: root.appendingPathComponent("a.yaml").path)
        let set = FleetLoader.load(paths: [root.path], options: LoadOptions())
        #expect(set.diagnostics.map(\.code) == [.duplicateFleet])
        #expect(set.fileCount == 3)  // a.yaml, b/one.yml and the link c.yaml; the link to a folder is not followed
        #expect(set.documents.map(\.fleetId) == ["fleet-a1", "fleet-b1", "fleet-a1"])
        let missing = FleetLoader.load(paths: [root.appendingPathComponent("nope").path], options: LoadOptions())
        #expect(missing.diagnostics.map(\.code) == [.unreadableFile])
        #expect(missing.diagnostics.first?.location == nil)
    }

    @Test func duplicateFleetsAcrossFilesNameBothPlaces() throws {
        let root = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let id = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc"
        try Support.write(Support.fleet(id: id), to: root.appendingPathComponent("a.yaml"))
        try Support.write(
            "# by ARN\n" + Support.fleet(id: "arn:aws:gamelift:us-west-2:123456789012:fleet/\(id)", region: nil),
            to: root.appendingPathComponent("b.yaml"))
        try Support.write(Support.fleet(id: "fleet-other"), to: root.appendingPathComponent("c.yaml"))
        let set = FleetLoader.load(paths: [root.path], options: LoadOptions())
        #expect(set.diagnostics.count == 1)
        let duplicate = try #require(set.diagnostics.first)
        #expect(duplicate.code == .duplicateFleet)
        #expect(duplicate.location == SourceLocation(path: root.path + "/b.yaml", line: 2, column: 1))
        #expect(duplicate.message.contains(root.path + "/a.yaml:1:1"))
    }

    @Test func diagnosticsFromManyFilesAreSortedByLocation() throws {
        let root = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for index in 0..<20 {
            let yaml = Support.fleet(id: "fleet-\(index)x", extra: "  GameSessionActivationTimeoutSeconds: 0")
            try Support.write(yaml, to: root.appendingPathComponent(String(format: "f%02d.yaml", index)))
        }
        let set = FleetLoader.load(paths: [root.path], options: LoadOptions())
        #expect(set.diagnostics.count == 20)
        #expect(
            set.diagnostics.map(\.location)
                == set.diagnostics.map(\.location).sorted { ($0?.path ?? "") < ($1?.path ?? "") })
        #expect(set.documents.count == 20)
    }
}
