import FleetSpec
import Foundation
import Testing

@testable import fleetform

@testable import FleetformCore

/// SARIF output for code-scanning views: a golden file, and the properties code scanning relies on.
@Suite("SARIF")
struct SARIFTests {
    static let sample: [Diagnostic] = [
        Diagnostic(
            .error, .unknownKey, "unknown key 'LaunchPth' in a ServerProcesses entry",
            hint: "did you mean 'LaunchPath'?",
            at: SourceLocation(path: "fleets/prod/arena.yaml", line: 7, column: 7)),
        Diagnostic(
            .warning, .launchPathSetupScript, "LaunchPath /local/game/start.sh is a setup script",
            at: SourceLocation(path: "./fleets/staging/my lobby.yaml", line: 12, column: 21)),
        Diagnostic(
            .error, .activationTimeoutRange, "GameSessionActivationTimeoutSeconds must be 1–600, found 900",
            at: SourceLocation(path: "/srv/repo/fleets/raid.yaml", line: 3, column: 40)),
        Diagnostic(.error, .unreadableFile, "fleets/missing: no such file or directory", at: nil),
    ]

    static func log(_ diagnostics: [Diagnostic]) throws -> [String: Any] {
        let text = SARIFRenderer(toolVersion: "0.1.0").render(diagnostics)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func golden() throws {
        try GoldenTests.check(
            "diagnostics.sarif", SARIFRenderer(toolVersion: "0.1.0", names: Words.names).render(Self.sample))
    }

    @Test("results carry rule, level, message with hint and a located region")
    func results() throws {
        let run = try #require((try Self.log(Self.sample)["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3, "the diagnostic without a place is a notification, not a result")
        #expect(results.map { $0["ruleId"] as? String } == ["FF103", "FF308", "FF401"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "error"])
        let first = try #require((results[0]["message"] as? [String: Any])?["text"] as? String)
        #expect(first == "unknown key 'LaunchPth' in a ServerProcesses entry. Hint: did you mean 'LaunchPath'?")
        let uris = results.compactMap { r -> String? in
            let location = (r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(
            uris == ["fleets/prod/arena.yaml", "fleets/staging/my%20lobby.yaml", "file:///srv/repo/fleets/raid.yaml"])
        // Each ruleIndex points at the rule with the same id.
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(rules.count == DiagnosticCatalogue.entries.count)
    }

    @Test("a clean run is a successful invocation with no results")
    func clean() throws {
        let log = try Self.log([])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let failed = try #require(
            ((try Self.log(Self.sample))["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])
        #expect(failed.first?["executionSuccessful"] as? Bool == false)
    }
}

/// `validate --format sarif` goes through `DiagnosticRenderer`.
@Suite("SARIF through the diagnostic renderer")
struct SARIFFormatTests {
    @Test func sarifFormat() {
        #expect(
            DiagnosticRenderer(format: .sarif).render(SARIFTests.sample, fileCount: 3)
                == SARIFRenderer().render(SARIFTests.sample))
        #expect(DiagnosticFormat(rawValue: "sarif") == .sarif)
    }
}
