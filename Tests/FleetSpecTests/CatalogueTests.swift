import Foundation
import Testing

@testable import FleetSpec

@Suite("Diagnostic code catalogue")
struct CatalogueTests {
    /// Every `DiagnosticCode` constant declared in the FleetSpec sources, read from the source text so a
    /// new code without a catalogue entry fails here.
    static func declaredCodes() throws -> [String] {
        let sources = Support.repositoryRoot.appendingPathComponent("Sources/FleetSpec")
        var codes: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: sources.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains(": DiagnosticCode = \"") {
                if let code = line.split(separator: "\"").dropFirst().first { codes.append(String(code)) }
            }
        }
        return codes
    }

    @Test func everyDeclaredCodeHasAnEntry() throws {
        let declared = try Self.declaredCodes()
        #expect(declared.count >= 30)
        #expect(Set(declared).count == declared.count, "a code is declared twice")
        #expect(Set(declared) == Set(DiagnosticCatalogue.entries.map(\.code.rawValue)))
    }

    @Test func codesAreUniqueAndInTheirBands() {
        let codes = DiagnosticCatalogue.entries.map(\.code.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes {
            #expect(code.hasPrefix("FF") && code.count == 5, "\(code)")
            #expect(["1", "2", "3", "4", "5", "6"].contains(String(code.dropFirst(2).prefix(1))), "\(code)")
        }
        #expect(DiagnosticCatalogue.entries.allSatisfy { !$0.title(.swiftAPI).isEmpty })
    }

    @Test func docsListEveryCode() throws {
        let docs = try String(
            contentsOf: Support.repositoryRoot.appendingPathComponent("docs/fleet-files.md"), encoding: .utf8)
        for entry in DiagnosticCatalogue.entries {
            #expect(docs.contains("| \(entry.code) | \(entry.severity.rawValue) |"), "\(entry.code) missing from docs")
        }
    }
}
