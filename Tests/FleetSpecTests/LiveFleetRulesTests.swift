import Foundation
import GameLiftAPI
import Testing

@testable import FleetSpec

@Suite("Checks against the live fleet and its build")
struct LiveFleetRulesTests {
    static func document(_ paths: [String]) throws -> FleetDocument {
        let processes = paths.map { "    - LaunchPath: '\($0)'\n      ConcurrentExecutions: 1" }.joined(separator: "\n")
        let set = FleetLoader.load(text: Support.fleet(processes: processes), path: "f.yaml", options: LoadOptions())
        return try #require(set.documents.first)
    }

    @Test(arguments: [
        ("/local/game/bin/Server", OperatingSystem.amazonLinux2023, [DiagnosticCode]()),
        (#"C:\game\Server.exe"#, OperatingSystem.windows2022, []),
        (#"C:\game\Server.exe"#, OperatingSystem.amazonLinux2, [.launchPathOperatingSystem]),
        ("/local/game/bin/Server", OperatingSystem.windows2016, [.launchPathOperatingSystem]),
    ])
    func operatingSystemMustMatch(path: String, system: OperatingSystem, codes: [DiagnosticCode]) throws {
        let document = try Self.document([path])
        let diagnostics = LiveFleetRules.checkAgainstFleet(document, operatingSystem: system, buildManifest: nil)
        #expect(diagnostics.map(\.code) == codes)
        #expect(diagnostics.allSatisfy { $0.location == SourceLocation(path: "f.yaml", line: 5, column: 7) })
    }

    @Test func unknownOperatingSystemChecksNothing() throws {
        let document = try Self.document([#"C:\game\Server.exe"#])
        #expect(LiveFleetRules.checkAgainstFleet(document, operatingSystem: nil, buildManifest: nil).isEmpty)
    }

    @Test func launchPathsMustBeInTheBuild() throws {
        let manifest = BuildManifest(files: ["bin/Server", "./tools/Bot", #"win\Server.exe"#])
        #expect(manifest.contains(launchPath: "/local/game/bin/Server"))
        #expect(manifest.contains(launchPath: "/local/game/tools/Bot"))
        #expect(manifest.contains(launchPath: #"C:\game\win\Server.exe"#))
        #expect(!manifest.contains(launchPath: "/local/game/bin/server"))
        #expect(!manifest.contains(launchPath: "/opt/bin/Server"))
        let document = try Self.document(["/local/game/bin/Server", "/local/game/bin/Missing"])
        let diagnostics = LiveFleetRules.checkAgainstFleet(document, operatingSystem: nil, buildManifest: manifest)
        #expect(Support.summary(diagnostics) == ["7:7: error: [FF311]"])
    }

    @Test func manifestFromATextFileOrAFolder() throws {
        let root = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let list = root.appendingPathComponent("manifest.txt")
        try Support.write("# build 1.2.3\nbin/Server\n\n  bin/lib/libgame.so  \n", to: list)
        let fromList = try BuildManifest(contentsOf: list.path)
        #expect(fromList.files == ["bin/Server", "bin/lib/libgame.so"])
        let build = root.appendingPathComponent("build")
        try Support.write("x", to: build.appendingPathComponent("bin/Server"))
        try Support.write("x", to: build.appendingPathComponent("data/map.pak"))
        let fromFolder = try BuildManifest(contentsOf: build.path)
        #expect(fromFolder.files == ["bin/Server", "data/map.pak"])
        #expect(throws: (any Error).self) { try BuildManifest(contentsOf: root.appendingPathComponent("none").path) }
    }

    @Test func loaderAppliesTheManifestOption() {
        let options = LoadOptions(buildManifest: BuildManifest(files: ["bin/Other"]))
        let set = FleetLoader.load(text: Support.fleet(), path: "f.yaml", options: options)
        #expect(set.diagnostics.map(\.code) == [.launchPathNotInBuild])
    }

    @Test func suggestionsNeedACloseKey() {
        #expect(KeySuggestion.closest(to: "LaunchPth", among: FleetDocumentReader.serverProcessKeys) == "LaunchPath")
        #expect(
            KeySuggestion.closest(to: "concurrentexecutions", among: FleetDocumentReader.serverProcessKeys)
                == "ConcurrentExecutions")
        #expect(KeySuggestion.closest(to: "Tags", among: FleetDocumentReader.fleetKeys) == nil)
        #expect(KeySuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}

@Suite("Character classes read from GameLiftLimits")
struct AllowedCharactersTests {
    @Test func launchPathClass() {
        let allowed = AllowedCharacters(classBody: GameLiftLimits.launchPathCharacters)
        for scalar in "azAZ09_:.+/\\- ".unicodeScalars { #expect(allowed.contains(scalar), "\(scalar)") }
        for scalar in "$<>\"'=@é\u{7F}\t".unicodeScalars { #expect(!allowed.contains(scalar), "\(scalar)") }
        #expect(allowed.firstDisallowed(in: "/local/game/ok") == nil)
        #expect(allowed.firstDisallowed(in: "/local/game/bé$") == "é")
    }

    @Test func parametersClass() {
        let allowed = AllowedCharacters(classBody: GameLiftLimits.parametersCharacters)
        for scalar in "=@;{},?'[]\" \\-".unicodeScalars { #expect(allowed.contains(scalar), "\(scalar)") }
        for scalar in "<>|&$!#%*()~`^".unicodeScalars { #expect(!allowed.contains(scalar), "\(scalar)") }
    }
}
