import Foundation
import Testing

@testable import FleetSpec

/// Fixture folders in the XcodeGen style: valid files load without a diagnostic; each invalid `NAME.yaml`
/// produces exactly the diagnostics listed in `NAME.expected` (`line:column: severity: [CODE]` per line).
@Suite("Fixtures and examples")
struct FixtureTests {
    /// Names of the `.yaml` files in `folder`, sorted.
    static func yamlFiles(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    static func expected(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static var invalidFixtures: [String] {
        (try? Support.fixtures).map { yamlFiles(in: $0.appendingPathComponent("invalid")) } ?? []
    }

    static let exampleInvalid = Support.repositoryRoot.appendingPathComponent("examples/invalid")

    @Test func validFixturesHaveNoDiagnostics() throws {
        let folder = try Support.fixtures.appendingPathComponent("valid")
        #expect(Self.yamlFiles(in: folder).count >= 3)
        let set = FleetLoader.load(paths: [folder.path], options: LoadOptions())
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
    }

    @Test(arguments: invalidFixtures)
    func invalidFixture(_ name: String) throws {
        let folder = try Support.fixtures.appendingPathComponent("invalid")
        let set = FleetLoader.load(paths: [folder.appendingPathComponent(name).path], options: LoadOptions())
        let expectation = folder.appendingPathComponent((name as NSString).deletingPathExtension + ".expected")
        #expect(Support.summary(set.diagnostics) == (try Self.expected(expectation)))
    }

    @Test func exampleFleetsAreValid() {
        let folder = Support.repositoryRoot.appendingPathComponent("examples/fleets")
        let set = FleetLoader.load(paths: [folder.path], options: LoadOptions())
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.documents.count >= 6)
        #expect(Set(set.documents.map(\.region)) == ["us-west-2", "eu-west-1", "ap-northeast-1"])
    }

    @Test(arguments: yamlFiles(in: exampleInvalid))
    func exampleInvalidFile(_ name: String) throws {
        let set = FleetLoader.load(
            paths: [Self.exampleInvalid.appendingPathComponent(name).path], options: LoadOptions())
        let expectation = try Support.fixtures.appendingPathComponent("examples-invalid")
            .appendingPathComponent((name as NSString).deletingPathExtension + ".expected")
        #expect(Support.summary(set.diagnostics) == (try Self.expected(expectation)))
    }

    @Test func everyExampleInvalidFileIsCovered() throws {
        #expect(Self.yamlFiles(in: Self.exampleInvalid).count >= 8)
    }
}
