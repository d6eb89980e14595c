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

    @Test("a key twice in one object is refused where it is, even when spelled with escapes")
    func duplicateKeys() throws {
        let good = try Self.text(try Self.plan())
        let twice = good.replacingOccurrences(
            of: #""ConcurrentExecutions":8"#, with: #""ConcurrentExecutions":1,"ConcurrentExecutions":8"#)
        #expect(
            Self.problems(twice) == [
                "/fleets/0/request/RuntimeConfiguration/ServerProcesses/0/ConcurrentExecutions FF105"
            ]
        )
        let escaped = good.replacingOccurrences(
            of: #""region":"us-west-2""#, with: #""region":"us-west-2","\u0072egion":"eu-west-1""#)
        #expect(Self.problems(escaped).first == "/fleets/0/region FF105")
        // The same key in two different objects is fine; keys with '/' and '~' are escaped in the pointer.
        #expect(JSONPointer.duplicateKeys(in: Data(#"{"a":{"k":1},"b":{"k":2}}"#.utf8)).isEmpty)
        #expect(
            JSONPointer.duplicateKeys(in: Data(#"[{"a/b~":1,"a/b~":[1,{"x":"}","x":2}]}]"#.utf8)) == [
                "/0/a~1b~0", "/0/a~1b~0/1/x",
            ])
        #expect(JSONPointer.duplicateKeys(in: Data(#"{"x":[{"y":"\"","y":1}]}"#.utf8)) == ["/x/0/y"])
        // Deep nesting is walked without recursion.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONPointer.duplicateKeys(in: Data(deep.utf8)).isEmpty)
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
