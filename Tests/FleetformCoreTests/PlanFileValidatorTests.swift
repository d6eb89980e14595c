import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import Testing

/// A saved plan is untrusted input: `PlanFileValidator` refuses the whole plan, with errors located by JSON
/// pointer, for every tampering a pipeline artifact could suffer.
@Suite struct PlanFileValidatorTests {
    static func plan(_ edit: (inout FleetPlan) -> Void = { _ in }) throws -> [String: Any] {
        var fleet = FleetPlan(
            fleetId: Fixture.arena, fleetIdOrArn: Fixture.arena, region: "us-west-2",
            source: SourceLocation(path: "fleets/prod/arena.yaml", line: 3, column: 1), action: .update,
            status: .active, operatingSystem: .amazonLinux2023, observed: Fixture.specLive,
            observedFingerprint: Fingerprint.of(Fixture.specLive),
            request: UpdateRuntimeConfigurationInput(
                fleetId: Fixture.arena, runtimeConfiguration: Fixture.specDesired.runtimeConfiguration))
        edit(&fleet)
        let data = try ReportJSON.encoder().encode(PlanDocument(fleets: [fleet], createdAt: Fixture.date))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The located problems of `text`, as `pointer code` lines; empty when the plan is accepted.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try PlanFileValidator.decode(Data(text.utf8), path: "plan.json")
            return []
        } catch let error as PlanFileError {
            return error.diagnostics.map { "\($0.location?.pointer ?? "?") \($0.code)" }
                + (error.diagnostics.isEmpty ? [error.reason] : [])
        } catch {
            return ["unexpected \(error)"]
        }
    }

    static func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("a plan as `plan --out` writes it is accepted")
    func accepted() throws {
        #expect(Self.problems(try Self.text(try Self.plan())) == [])
    }

    @Test("requests that break the fleet rules are refused, located by pointer")
    func ruleBreaking() throws {
        let text = try Self.text(
            try Self.plan {
                $0.request?.runtimeConfiguration = RuntimeConfiguration(serverProcesses: [
                    ServerProcess(launchPath: "/tmp/evil", concurrentExecutions: 999),
                    ServerProcess(launchPath: #"C:\game\x.exe"#, parameters: "", concurrentExecutions: Int.max),
                ])
            })
        #expect(
            Self.problems(text) == [
                "/fleets/0/request/RuntimeConfiguration/ServerProcesses/0/LaunchPath FF307",
                "/fleets/0/request/RuntimeConfiguration/ServerProcesses/1/Parameters FF312",
                "/fleets/0/request/RuntimeConfiguration/ServerProcesses FF304",
                "/fleets/0/request/RuntimeConfiguration/ServerProcesses/1 FF310",
            ])
    }

    @Test("numbers past 64 bits, fractions and wrong types are refused where they are")
    func numbersAndTypes() throws {
        let base = try Self.text(
            try Self.plan { $0.request?.runtimeConfiguration.gameSessionActivationTimeoutSeconds = 424_242 })
        let pointer = "/fleets/0/request/RuntimeConfiguration/GameSessionActivationTimeoutSeconds"
        #expect(
            Self.problems(base.replacingOccurrences(of: "424242", with: "99999999999999999999")) == ["\(pointer) FF111"]
        )
        #expect(
            Self.problems(base.replacingOccurrences(of: "424242", with: "-9223372036854775809")) == ["\(pointer) FF111"]
        )
        #expect(Self.problems(base.replacingOccurrences(of: "424242", with: "2.5")) == ["\(pointer) FF104"])
        #expect(Self.problems(base.replacingOccurrences(of: "424242", with: #""300""#)) == ["\(pointer) FF104"])
        #expect(
            Self.problems(base.replacingOccurrences(of: "424242", with: "1e400")).first?.hasPrefix(
                "not JSON at line 1, column") == true)
        #expect(Self.problems(base) == ["\(pointer) FF401"])
    }

    @Test("format version, unknown keys, missing fingerprint, another fleet's request, a fleet twice")
    func structure() throws {
        let good = try Self.plan()
        var version = good
        version["formatVersion"] = 3
        #expect(Self.problems(try Self.text(version)) == ["/formatVersion FF112"])
        version["formatVersion"] = 1
        #expect(Self.problems(try Self.text(version)) == [], "version 1 plans, from before impacts, are still read")
        var missing = good
        missing["formatVersion"] = nil
        #expect(Self.problems(try Self.text(missing)) == ["/formatVersion FF106"])
        let unknown = try Self.text(good).replacingOccurrences(
            of: #""ConcurrentExecutions":8"#, with: #""ConcurrentExecutions":8,"Evil":1"#)
        #expect(Self.problems(unknown) == ["/fleets/0/request/RuntimeConfiguration/ServerProcesses/0/Evil FF103"])
        #expect(
            Self.problems(try Self.text(try Self.plan { $0.observedFingerprint = nil })) == [
                "/fleets/0/observedFingerprint FF113"
            ])
        #expect(
            Self.problems(try Self.text(try Self.plan { $0.request?.fleetId = Fixture.lobby })) == [
                "/fleets/0/request/FleetId FF113"
            ])
        #expect(Self.problems(try Self.text(try Self.plan { $0.request = nil })) == ["/fleets/0 FF113"])
        var twice = good
        twice["fleets"] = (good["fleets"] as? [Any]).map { $0 + $0 }
        #expect(Self.problems(try Self.text(twice)) == ["/fleets/1 FF107"])
        #expect(Self.problems("[1]") == [" FF104"])
        #expect(Self.problems(String(repeating: "[", count: 10_000)).first?.hasPrefix("not JSON") == true)
    }
}
