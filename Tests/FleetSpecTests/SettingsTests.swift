import Foundation
import GameLiftAPI
import Testing

@testable import FleetSpec

/// `fleetform.yaml` (docs/policy.md): reading it with located errors, finding it, placing fleet files in its
/// environments, and the file rules.
@Suite("Repository settings")
struct SettingsTests {
    static let folder = "/repo"

    static func settings(_ yaml: String) -> RepositorySettings {
        SettingsFile.load(bytes: Array(yaml.utf8), path: "fleetform.yaml", folder: folder)
    }

    static func summary(_ yaml: String) -> [String] { Support.summary(settings(yaml).diagnostics) }

    @Test func theExampleReadsCleanly() throws {
        let settings = SettingsFile.load(
            path: Support.repositoryRoot.appendingPathComponent("examples/fleetform.yaml").path)
        #expect(settings.diagnostics.isEmpty, "\(settings.diagnostics)")
        #expect(settings.environments.map(\.name) == ["prod", "staging"])
        let prod = try #require(settings.environment(named: "prod"))
        #expect(prod.account == "123456789012")
        #expect(prod.rules.minSlotsPerLocation == 2)
        #expect(prod.rules.minProcessMemory?.mebibytes == 256)
        #expect(prod.locked.keys.sorted() == [.freeze])
        let staging = try #require(settings.environment(named: "staging"))
        #expect(
            staging.credentials
                == .role(
                    AssumedRole(
                        roleARN: "arn:aws:iam::210987654321:role/fleetform-deploy", sessionName: "fleetform")))
        #expect(staging.region == "us-west-2")
    }

    @Test func unknownKeysGetSuggestions() {
        let top = Self.settings("enviroments:\n  - name: prod\n")
        #expect(Support.summary(top.diagnostics) == ["1:1: error: [FF103]", "1:1: error: [FF106]"])
        #expect(top.diagnostics.first?.hint == "did you mean 'environments'?")
        let rules = Self.settings(
            """
            environments:
              - name: prod
                match: prod/**
                acount: "111122223333"
                rules:
                  minSlot: 3
                locked: [freze]
            """)
        #expect(
            Support.summary(rules.diagnostics)
                == ["4:5: error: [FF103]", "6:7: error: [FF103]", "7:14: error: [FF103]"])
        #expect(
            rules.diagnostics.map(\.hint) == [
                "did you mean 'account'?", "did you mean 'minSlots'?", "did you mean 'freeze'?",
            ])
    }

    @Test func aBadGlobIsLocatedAtTheCharacter() throws {
        let settings = Self.settings("environments:\n  - name: prod\n    match: \"prod/[ab\"\n")
        let problem = try #require(settings.diagnostics.first)
        #expect(problem.code == .settingsGlob)
        #expect(problem.location?.line == 3)
        #expect((problem.location?.column ?? 0) > 12, "points into the pattern")
        #expect(problem.message.contains("prod/[ab"))
        for pattern in ["", "/abs/**", "../up/**", "a**b", "[z-a]", "{a,b", "x\\"] {
            let bad = Self.settings(
                "environments:\n  - name: p\n    match: \"\(pattern.replacingOccurrences(of: "\\", with: "\\\\"))\"\n")
            #expect(bad.diagnostics.contains { $0.code == .settingsGlob }, "\(pattern): \(bad.diagnostics)")
        }
    }

    @Test func aWindowInAnUnknownTimeZoneNamesTheClosestOne() throws {
        let settings = Self.settings(
            """
            environments:
              - name: prod
                match: prod/**
                rules:
                  window: ["Tue-Thu 09:00-17:00 Europe/Berlinn"]
            """)
        let problem = try #require(settings.diagnostics.first)
        #expect(problem.code == .settingsWindow)
        #expect(problem.location?.line == 5)
        #expect(problem.message.contains("Europe/Berlinn"))
        #expect(problem.hint?.contains("Europe/Berlin") == true, "\(problem)")
    }

    @Test func aFreezeThatEndsBeforeItStarts() throws {
        let settings = Self.settings(
            """
            environments:
              - name: prod
                match: prod/**
                rules:
                  freeze: ["2026-12-20..2026-12-01", "2026-02-30", "2026-12-20..2027-01-05 Europe/Berlin"]
            """)
        #expect(Support.summary(settings.diagnostics) == ["5:16: error: [FF604]", "5:42: error: [FF604]"])
        #expect(settings.diagnostics.first?.message.contains("ends") == true, "\(settings.diagnostics)")
        #expect(settings.environments.first?.rules.freezes.count == 1)
    }

    @Test func valuesThatCannotHoldAreErrors() {
        let settings = Self.settings(
            """
            environments:
              - name: prod
                match: prod/**
                account: "12345"
                profile: prod
                role_arn: arn:aws:iam::111122223333:role/x
                rules:
                  minConcurrentExecutions: 9
                  maxConcurrentExecutions: 3
                  minProcessMemory: lots
                  requireWatch: soon
                  requireWaves: yes please
              - name: prod
                match: other/**
            """)
        let codes = settings.diagnostics.map(\.code)
        #expect(codes.filter { $0 == .settingsValue }.count == 5, "\(settings.diagnostics)")
        #expect(codes.contains(.duplicateEnvironment))
        #expect(codes.contains(.wrongType), "requireWaves must be a boolean")
        #expect(settings.diagnostics.allSatisfy { $0.location?.path == "fleetform.yaml" })
    }

    @Test func numbersOutsideTheirRangesAreLocatedErrors() {
        let settings = Self.settings(
            """
            environments:
              - name: p
                match: x
                region: mars-north
                role_arn: arn:aws:iam::111122223333:role/x
                duration_seconds: 5
                rules:
                  minConcurrentExecutions: -7
                  maxProcessesPerVCPU: 0
                  minSlots: -3
                  minActivationTimeoutSeconds: 100000
            """)
        #expect(
            Support.summary(settings.diagnostics) == [
                "4:13: error: [FF606]", "6:23: error: [FF606]", "8:32: error: [FF606]", "9:28: error: [FF606]",
                "10:17: error: [FF606]", "11:36: error: [FF606]",
            ])
        #expect(settings.diagnostics[1].message == "duration_seconds is 5; STS allows 900 to 43200")
        let rules = settings.environments.first?.rules
        #expect(rules?.minSlots == nil && rules?.maxProcessesPerVCPU == nil, "a value out of range is not used")
    }

    @Test func overlappingEnvironmentsAreAnErrorAtTheFleetFile() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settingsPath = folder.appendingPathComponent("fleetform.yaml").path
        try """
        environments:
          - name: prod
            match: fleets/**
          - name: canary
            match: fleets/prod/canary.yaml
        """.write(toFile: settingsPath, atomically: true, encoding: .utf8)
        let fleets = folder.appendingPathComponent("fleets/prod")
        try FileManager.default.createDirectory(at: fleets, withIntermediateDirectories: true)
        let fleet =
            "FleetId: fleet-1\nRegion: us-west-2\nRuntimeConfiguration:\n  ServerProcesses:\n"
            + "    - LaunchPath: /local/game/a\n      ConcurrentExecutions: 1\n"
        try fleet.write(to: fleets.appendingPathComponent("canary.yaml"), atomically: true, encoding: .utf8)
        try fleet.replacingOccurrences(of: "fleet-1", with: "fleet-2")
            .write(to: fleets.appendingPathComponent("arena.yaml"), atomically: true, encoding: .utf8)
        let settings = SettingsFile.load(path: settingsPath)
        #expect(settings.diagnostics.isEmpty)
        let set = FleetLoader.load(paths: [fleets.path], options: LoadOptions(settings: settings))
        let overlap = try #require(set.diagnostics.first { $0.code == .environmentsOverlap })
        #expect(overlap.severity == .error)
        #expect(overlap.location?.path.hasSuffix("canary.yaml") == true)
        #expect(overlap.related?.line == 5, "the second environment's match")
        // arena.yaml is in prod alone; canary.yaml is in neither until the overlap (an error) is resolved.
        #expect(set.documents.map(\.environment) == ["prod", nil])
    }

    @Test func theNearestSettingsFileUpToTheRepositoryRoot() throws {
        let root = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        let repository = root.appendingPathComponent("repo")
        try manager.createDirectory(
            at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try manager.createDirectory(
            at: repository.appendingPathComponent("games/a/fleets"), withIntermediateDirectories: true)
        try manager.createDirectory(
            at: repository.appendingPathComponent("games/b/fleets"), withIntermediateDirectories: true)
        // Above the repository root: never found.
        try "environments: []\n".write(
            to: root.appendingPathComponent("fleetform.yaml"), atomically: true, encoding: .utf8)
        let a = repository.appendingPathComponent("games/a/fleets").path
        let b = repository.appendingPathComponent("games/b/fleets").path
        #expect(try SettingsFile.locate(for: [a]).get() == nil)
        try "environments: []\n".write(
            to: repository.appendingPathComponent("fleetform.yaml"), atomically: true, encoding: .utf8)
        #expect(try SettingsFile.locate(for: [a, b]).get()?.hasSuffix("repo/fleetform.yaml") == true)
        try "environments: []\n".write(
            to: repository.appendingPathComponent("games/a/fleetform.yaml"), atomically: true, encoding: .utf8)
        #expect(try SettingsFile.locate(for: [a]).get()?.hasSuffix("games/a/fleetform.yaml") == true)
        #expect(throws: SettingsFilesDisagree.self) { try SettingsFile.locate(for: [a, b]).get() }
    }

    @Test func fileRulesAreLocatedAtTheFleetAndTheRule() throws {
        let settings = Self.settings(
            """
            environments:
              - name: prod
                match: prod/**
                account: "111122223333"
                region: eu-west-1
                rules:
                  launchPathPrefixes: /local/game/bin/
                  maxConcurrentExecutions: 4
                  minActivationTimeoutSeconds: 120
            """)
        #expect(settings.diagnostics.isEmpty)
        let fleet = """
            FleetId: arn:aws:gamelift:eu-west-1:999999999999:fleet/fleet-1
            RuntimeConfiguration:
              ServerProcesses:
                - LaunchPath: /local/game/other/Server
                  ConcurrentExecutions: 8
              GameSessionActivationTimeoutSeconds: 60
            """
        let set = FleetLoader.load(
            text: fleet, path: "/repo/prod/arena.yaml", options: LoadOptions(settings: settings))
        #expect(
            set.diagnostics.map(\.code) == [
                .fleetAccountMismatch, .ruleMinActivationTimeout, .ruleLaunchPathPrefixes, .ruleMaxConcurrentExecutions,
            ])
        let prefix = try #require(set.diagnostics.first { $0.code == .ruleLaunchPathPrefixes })
        #expect(prefix.location?.line == 4)
        #expect(prefix.related == SourceLocation(path: "fleetform.yaml", line: 7, column: 27))
        #expect(prefix.severity == .warning)
        #expect(set.documents.first?.region == "eu-west-1")
        #expect(set.documents.first?.environment == "prod")

        let outside = FleetLoader.load(
            text: fleet, path: "/repo/elsewhere/arena.yaml",
            options: LoadOptions(defaultRegion: "us-east-1", settings: settings))
        #expect(outside.diagnostics.map(\.code) == [.fleetOutsideEnvironments])
        #expect(outside.documents.first?.environment == nil)
    }

    @Test func launchPathPrefixesCannotBeClimbedOutOf() {
        #expect(Environment.launchPath("/local/game/bin/Server", startsWith: "/local/game/bin/"))
        #expect(!Environment.launchPath("/local/game/bin/../tools/Server", startsWith: "/local/game/bin/"))
        #expect(!Environment.launchPath("/local/game/bin/./Server", startsWith: "/local/game/bin/"))
        #expect(Environment.launchPath("c:\\game\\Server.exe", startsWith: "C:\\game\\"))
        #expect(!Environment.launchPath("D:\\game\\Server.exe", startsWith: "C:\\game\\"))
    }

    @Test func rulesAreNamedByCodeOrKey() {
        #expect(RuleName(codeOrKey: "FF643") == .freeze)
        #expect(RuleName(codeOrKey: "ff630") == .minSlotsPerLocation)
        #expect(RuleName(codeOrKey: "requireWaves") == .requireWaves)
        #expect(RuleName(codeOrKey: "FF503") == nil)
        #expect(Set(RuleName.allCases.map(\.code)).count == RuleName.allCases.count)
    }
}
