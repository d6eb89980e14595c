import FleetformTesting
import FleetSpec
import Foundation
import GameLiftAPI
import Testing

@testable import FleetformCore
@testable import fleetform

/// `fleetform import`: resolving fleets, listing every page, writing files that read back exactly, and the
/// acceptance check: import, load, plan against the same fleets, every fleet unchanged.
@Suite("Import")
struct ImportTests {
    static let windows = "fleet-1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516"
    static let bare = "fleet-abcdef01-2345-4678-9abc-def012345678"

    /// Fleets chosen to stress the YAML writer: Windows paths, parameters with YAML's special characters,
    /// words YAML would read as booleans or numbers, and unmanaged activation fields.
    static func liveFleets() -> ScriptedGameLift {
        let tricky = RuntimeConfiguration(
            serverProcesses: [
                ServerProcess(
                    launchPath: #"C:\game\bin\Server.exe"#,
                    parameters: #"-map: "dust" -n 1 -name='O''Neil' -dir C:\logs"#,
                    concurrentExecutions: 3),
                ServerProcess(launchPath: #"C:\game\Server Two.exe"#, parameters: "yes", concurrentExecutions: 1),
                ServerProcess(launchPath: #"C:\game\bin\Server.exe"#, parameters: "123", concurrentExecutions: 1),
                ServerProcess(
                    launchPath: #"C:\game\bin\Server.exe"#, parameters: "{a: b}, [c] @host ?x; -k=v",
                    concurrentExecutions: 2),
            ],
            maxConcurrentGameSessionActivations: 7, gameSessionActivationTimeoutSeconds: 600)
        let partial = RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: "/local/game/true", parameters: "", concurrentExecutions: 5)])
        return ScriptedGameLift([
            Fixture.arena: .init(
                region: "us-west-2", configuration: Fixture.specLive, name: "Arena\n# FleetId: evil", buildId: "build-1"
            ),
            Fixture.lobby: .init(
                region: "us-west-2", status: .activating,
                configuration: RuntimeConfiguration(serverProcesses: [Fixture.ranked, Fixture.casual])),
            windows: .init(region: "us-west-2", operatingSystem: .windows2022, configuration: tricky, name: "Windows"),
            bare: .init(region: "us-west-2", configuration: partial),
            Fixture.raid: .init(region: "eu-west-1", configuration: Fixture.specLive),
        ])
    }

    @Test("import, load, plan: every fleet unchanged")
    func roundTrip() async throws {
        let gameLift = Self.liveFleets()
        gameLift.listPageSize = 2
        let importer = FleetImporter(reader: LiveFleetReader(gameLift: gameLift))
        let keys = try await importer.listFleets(region: "us-west-2")
        #expect(keys.map(\.fleetId) == [Self.windows, Fixture.arena, Fixture.lobby, Self.bare])
        #expect(gameLift.calls(.listFleets).map(\.fleetId) == ["", "2"], "both pages read, nothing more")

        let results = await importer.read(
            keys, writer: FleetFileWriter(schemaReference: "../schemas/fleet.schema.json"))
        #expect(results.allSatisfy { $0.failure == nil }, "\(results.compactMap(\.failure))")
        let directory = Fixture.temporaryDirectory()
        try ImportedFiles.write(
            results.compactMap { r in r.text.map { (path: "\(directory)/\(r.fileName)", text: $0) } })

        let loaded = FleetLoader.load(paths: [directory], options: LoadOptions())
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        #expect(loaded.fileCount == 4)
        let result = await LivePlanner(reader: LiveFleetReader(gameLift: gameLift)).plan(loaded)
        let plan = try #require(result.plan, "\(result.diagnostics)")
        #expect(plan.fleets.count == 4)
        #expect(plan.fleets.allSatisfy { $0.action == .unchanged }, "\(plan.fleets.map { ($0.fleetId, $0.changes) })")
        // A live value that is set is written out; only fields GameLift has no value for stay unmanaged.
        let fullyManaged = plan.fleets.filter { [Fixture.arena, Self.windows].contains($0.fleetId) }
        #expect(fullyManaged.count == 2 && fullyManaged.allSatisfy { $0.changes.isEmpty })
        #expect(plan.fleets.allSatisfy { $0.changes.allSatisfy { $0.kind == .unmanaged } })
        #expect(gameLift.calls(.updateRuntimeConfiguration).isEmpty)
    }

    @Test("the written file is exact and readable")
    func fileText() throws {
        let fleet = ImportedFleet(
            key: FleetKey(region: "us-west-2", fleetId: Fixture.arena),
            attributes: FleetAttributes(
                fleetId: Fixture.arena, name: "Arena\r\nprod", description: "Ranked\nand casual",
                operatingSystem: .amazonLinux2023, buildId: "build-1234", instanceType: "c5.large"),
            configuration: RuntimeConfiguration(
                serverProcesses: [Fixture.ranked, Fixture.casual], gameSessionActivationTimeoutSeconds: 300))
        let text = FleetFileWriter(schemaReference: "../schemas/fleet.schema.json").render(fleet)
        #expect(
            text == """
                # yaml-language-server: $schema=../schemas/fleet.schema.json
                # Imported from the live fleet Arena  prod (AMAZON_LINUX_2023, build build-1234, c5.large).
                # Ranked and casual
                FleetId: fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc
                Region: us-west-2
                RuntimeConfiguration:
                  ServerProcesses:
                    - LaunchPath: /local/game/bin/ArenaServer
                      Parameters: "-port 7777 -mode ranked"
                      ConcurrentExecutions: 8
                    - LaunchPath: /local/game/bin/ArenaServer
                      Parameters: "-port 7778 -mode casual"
                      ConcurrentExecutions: 4
                  GameSessionActivationTimeoutSeconds: 300

                """)
    }

    @Test(
        "scalars read back as the same string",
        arguments: [
            ("/local/game/bin/Server", "/local/game/bin/Server"),
            (#"C:\game\Server.exe"#, #"'C:\game\Server.exe'"#),
            ("yes", "\"yes\""), ("Off", "\"Off\""), ("null", "\"null\""), ("123", "\"123\""), ("1e3", "\"1e3\""),
            ("-port 7777", "\"-port 7777\""), ("a: b", "\"a: b\""), ("x #y", "\"x #y\""),
            (#"say "hi""#, #"'say "hi"'"#), (#"it's "x""#, #"'it''s "x"'"#),
            ("line\nbreak\t\u{7}", #""line\nbreak\t\u0007""#),
            ("", "\"\""), ("2026-11-24", "\"2026-11-24\""), ("~", "\"~\""), ("_x.y+z-1", "_x.y+z-1"),
        ])
    func scalars(value: String, expected: String) {
        #expect(YAMLScalar.string(value) == expected)
    }

    @Test(
        "fleet arguments",
        arguments: [
            (["fleet-a1"], nil, "us-east-1", "us-east-1 fleet-a1"),
            (["arn:aws:gamelift:eu-west-1:123456789012:fleet/fleet-a1"], nil, "us-east-1", "eu-west-1 fleet-a1"),
            (["fleet-a1", "fleet-a1"], "us-east-1", "us-east-1", "us-east-1 fleet-a1"),
            (
                ["arn:aws:gamelift:eu-west-1:123456789012:fleet/fleet-a1"], "us-east-1", "us-east-1",
                "error: the ARN 'arn:aws:gamelift:eu-west-1:123456789012:fleet/fleet-a1' is in eu-west-1, but --region says us-east-1"
            ),
            (
                ["fleet-a1"], nil, nil,
                "error: no region for fleet-a1: pass --region, set AWS_REGION, or give the fleet's ARN"
            ),
            (["Fleet A"], nil, "us-east-1", "error: 'Fleet A' is neither a fleet id (fleet-…) nor a fleet ARN"),
            (
                ["arn:aws:gamelift:eu-west-1:fleet-a1"], nil, nil,
                "error: 'arn:aws:gamelift:eu-west-1:fleet-a1' is not a fleet ARN (arn:aws:gamelift:<region>:<account>:fleet/fleet-…)"
            ),
        ] as [([String], String?, String?, String)])
    func fleetArguments(arguments: [String], explicit: String?, fallback: String?, expected: String) {
        do {
            let keys = try FleetImporter.keys(for: arguments, explicitRegion: explicit, defaultRegion: fallback)
            #expect(keys.map { "\($0.region) \($0.fleetId)" }.joined(separator: ",") == expected)
        } catch {
            #expect("error: \(Words.sentence(for: error))" == expected)
        }
    }

    @Test("fleets that cannot be imported fail one by one, with the reason")
    func failures() async {
        let invalid = RuntimeConfiguration(
            serverProcesses: [ServerProcess(launchPath: "/local/game/a", concurrentExecutions: 60)])
        let gameLift = ScriptedGameLift([
            Fixture.arena: .init(region: "us-west-2", configuration: Fixture.specLive),
            Fixture.lobby: .init(region: "us-west-2", configuration: RuntimeConfiguration()),
            Fixture.raid: .init(region: "us-west-2", configuration: invalid),
        ])
        let keys = [Fixture.arena, Fixture.lobby, Fixture.raid, Self.bare].map {
            FleetKey(region: "us-west-2", fleetId: $0)
        }
        let results = await FleetImporter(reader: LiveFleetReader(gameLift: gameLift))
            .read(keys, writer: FleetFileWriter(schemaReference: "fleet.schema.json"))
        #expect(results.map(\.key) == keys)
        #expect(results[0].failure == nil && results[0].text != nil)
        #expect(results[1].failure == "the fleet has no server processes to import")
        #expect(results[2].text == nil)
        #expect(results[2].failure?.contains("[FF304]") == true)
        #expect(results[3].failure == "NotFoundException: Fleet \(Self.bare) not found. (request id req-nf)")
    }

    @Test("ListFleets errors and a repeating NextToken stop the listing")
    func listingFailures() async {
        let gameLift = ScriptedGameLift([:])
        gameLift.script(
            .listFleets, "us-west-2",
            [GameLiftServiceError(code: .unauthorized, message: "no", requestId: "r", httpStatus: 400)])
        let importer = FleetImporter(reader: LiveFleetReader(gameLift: gameLift))
        await #expect(throws: GameLiftServiceError.self) { try await importer.listFleets(region: "us-west-2") }
        let looping = FleetImporter(reader: LiveFleetReader(gameLift: LoopingListFleets()))
        await #expect(throws: RepeatedPageTokenError.self) { try await looping.listFleets(region: "us-west-2") }
    }

    @Test("the schema is found in the nearest folder above, else the published URL")
    func schemaReference() {
        let exists: (String) -> Bool = { $0 == "/repo/schemas/fleet.schema.json" }
        #expect(
            ImportedFiles.schemaReference(forFilesIn: "/repo/fleets/prod", fileExists: exists)
                == "../../schemas/fleet.schema.json")
        #expect(ImportedFiles.schemaReference(forFilesIn: "/repo", fileExists: exists) == "schemas/fleet.schema.json")
        #expect(ImportedFiles.schemaReference(forFilesIn: "/elsewhere", fileExists: exists) == ImportedFiles.schemaURL)
    }

    @Test("existing files are found before anything is written")
    func existingFiles() throws {
        let directory = Fixture.temporaryDirectory()
        try ImportedFiles.write([(path: "\(directory)/a.yaml", text: "old\n")])
        #expect(ImportedFiles.existing(["\(directory)/a.yaml", "\(directory)/b.yaml"]) == ["\(directory)/a.yaml"])
    }
}

/// A GameLift whose ListFleets always hands back the same NextToken.
private struct LoopingListFleets: GameLiftService {
    struct Unused: Error {}
    func answer(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    { throw Unused() }
    func answer(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    { throw Unused() }
    func answer(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    { throw Unused() }
    func answer(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    { throw Unused() }
    func answer(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        ListFleetsOutput(fleetIds: ["fleet-a1"], nextToken: "again")
    }
    func answer(_ input: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    { throw Unused() }
    func answer(_ input: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    { throw Unused() }
    func answer(_ input: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    { throw Unused() }
    func answer(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
    { throw Unused() }
}
