import Foundation
import GameLiftAPI
import Testing

@testable import FleetSpec

/// `ComputeType`: the install-root rule for EC2 fleets only, the declared type against the live one, and
/// container fleets.
@Suite("ComputeType and fleet kinds")
struct ComputeTypeRuleTests {
    static func yaml(_ path: String, computeType: String? = nil, id: String = "fleet-2f1c3a9e-1b2c") -> String {
        Support.fleet(
            id: id, processes: "    - LaunchPath: '\(path)'\n      ConcurrentExecutions: 2",
            extra: computeType.map { "ComputeType: \($0)" } ?? "")
    }

    static func codes(_ yaml: String) -> [DiagnosticCode] { Support.diagnostics(yaml).map(\.code) }

    @Test(arguments: [
        ("/opt/arena/ArenaServer", "ANYWHERE", [DiagnosticCode]()),
        (#"D:\servers\Arena Server.exe"#, "ANYWHERE", []),
        ("relative/ArenaServer", "ANYWHERE", []),
        ("/opt/arena/ArenaServer", "EC2", [.launchPathRoot]),
        ("/local/game/bin/ArenaServer", "EC2", []),
        ("/local/game/bin/ArenaServer", "ec2", [.computeTypeValue]),
        ("/local/game/bin/ArenaServer", "CONTAINER", [.computeTypeValue]),
    ])
    func declaredComputeType(path: String, computeType: String, expected: [DiagnosticCode]) {
        #expect(Self.codes(Self.yaml(path, computeType: computeType)) == expected)
    }

    /// Offline, an undeclared compute type means EC2.
    @Test func undeclaredMeansEC2() {
        #expect(Self.codes(Self.yaml("/opt/arena/ArenaServer")) == [.launchPathRoot])
        let diagnostic = Support.diagnostics(Self.yaml("/opt/arena/ArenaServer")).first
        #expect(diagnostic?.hint?.contains("ComputeType: ANYWHERE") == true)
    }

    /// Anywhere paths still obey the API's character set and length.
    @Test func anywherePathsKeepTheAPIsCharacterSet() {
        #expect(Self.codes(Self.yaml("/opt/arena/Server$", computeType: "ANYWHERE")) == [.launchPathCharacters])
    }

    /// The drive letter of `C:\game\` in either case, as GameLift's documentation writes it (one rule with
    /// the simulation: `LaunchPathRoot`).
    @Test(arguments: [(#"c:\game\Server.exe"#, [DiagnosticCode]()), (#"C:\GAME\Server.exe"#, [.launchPathRoot])])
    func windowsRootCase(path: String, expected: [DiagnosticCode]) {
        #expect(Self.codes(Self.yaml(path)) == expected)
    }

    @Test func aWrongTypeForComputeTypeIsLocated() {
        let diagnostics = Support.diagnostics(Self.yaml("/local/game/x", computeType: "[EC2]"))
        #expect(diagnostics.map(\.code) == [.wrongType])
        #expect(diagnostics.first?.location?.line == 7)
    }

    static func document(_ yaml: String) throws -> FleetDocument {
        try #require(FleetLoader.load(text: yaml, path: "f.yaml", options: LoadOptions()).documents.first)
    }

    @Test func aDeclaredTypeThatDisagreesWithTheLiveFleetNamesBoth() throws {
        let document = try Self.document(Self.yaml("/opt/arena/ArenaServer", computeType: "ANYWHERE"))
        let diagnostics = LiveFleetRules.checkAgainstFleet(
            document, operatingSystem: nil, buildManifest: nil, computeType: .ec2)
        #expect(diagnostics.map(\.code) == [.computeTypeMismatch])
        #expect(diagnostics.first?.message == "ComputeType is ANYWHERE but the live fleet fleet-2f1c3a9e-1b2c is EC2")
        #expect(diagnostics.first?.location == SourceLocation(path: "f.yaml", line: 7, column: 14))
        #expect(
            LiveFleetRules.checkAgainstFleet(document, operatingSystem: nil, buildManifest: nil, computeType: .anywhere)
                .isEmpty)
    }

    /// At plan time the live compute type decides: a Linux path on a Windows Anywhere fleet is still wrong.
    @Test func theLiveTypeDecidesTheOperatingSystemCheck() throws {
        let document = try Self.document(Self.yaml("/opt/arena/ArenaServer", computeType: "ANYWHERE"))
        let diagnostics = LiveFleetRules.checkAgainstFleet(
            document, operatingSystem: .windows2022, buildManifest: nil, computeType: .anywhere)
        #expect(diagnostics.map(\.code) == [.launchPathOperatingSystem])
    }

    @Test func aContainerFleetIsALocatedError() throws {
        let document = try Self.document(Self.yaml("/local/game/x", id: "containerfleet-1a2b"))
        let diagnostics = LiveFleetRules.checkAgainstFleet(document, operatingSystem: nil, buildManifest: nil)
        #expect(diagnostics.map(\.code) == [.containerFleet])
        #expect(diagnostics.first?.message.contains("manage it with its container group definition") == true)
        #expect(diagnostics.first?.location == SourceLocation(path: "f.yaml", line: 1, column: 1))
    }
}
