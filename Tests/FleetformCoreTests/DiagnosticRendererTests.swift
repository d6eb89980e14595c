import FleetSpec
import Foundation
import Testing

@testable import FleetformCore

@Suite("Diagnostic renderers")
struct DiagnosticRendererTests {
    static let diagnostics = [
        Diagnostic(
            .error, .wrongType, "ConcurrentExecutions must be an integer, found a string (\"8\")",
            hint: "remove the quotes", at: SourceLocation(path: "fleets/a, b.yaml", line: 7, column: 29)),
        Diagnostic(.warning, .noFleets, "the file declares no fleets\n100% empty", at: nil),
    ]

    @Test func text() {
        let out = DiagnosticRenderer(format: .text).render(Self.diagnostics, fileCount: 2)
        #expect(
            out == """
                fleets/a, b.yaml:7:29: error: [FF104] ConcurrentExecutions must be an integer, found a string ("8")
                    hint: remove the quotes
                warning: [FF109] the file declares no fleets
                100% empty
                1 error, 1 warning in 2 files

                """)
    }

    @Test func textColourOnlyWhenAsked() {
        let plain = DiagnosticRenderer(format: .text, style: .plain).render(Self.diagnostics, fileCount: 1)
        let coloured = DiagnosticRenderer(format: .text, style: TextStyle(colored: true)).render(
            Self.diagnostics, fileCount: 1)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[31merror:\u{1B}[0m"))
    }

    @Test func json() throws {
        let out = DiagnosticRenderer(format: .json).render(Self.diagnostics, fileCount: 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == DiagnosticRenderer.jsonVersion)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["errors": 1, "warnings": 1, "files": 2])
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["code"] as? String == "FF104")
        #expect(items[0]["line"] as? Int == 7)
        #expect(items[0]["column"] as? Int == 29)
        #expect(items[0]["file"] as? String == "fleets/a, b.yaml")
        #expect(items[0]["hint"] as? String == "remove the quotes")
        #expect(items[1]["severity"] as? String == "warning")
        #expect(items[1]["file"] == nil)
    }

    @Test func github() {
        let lines = DiagnosticRenderer(format: .github).render(Self.diagnostics, fileCount: 2)
            .split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "::error file=fleets/a%2C b.yaml,line=7,col=29,title=FF104::ConcurrentExecutions must be an integer, "
                    + "found a string (\"8\")%0Ahint: remove the quotes",
                "::warning title=FF109::the file declares no fleets%0A100%25 empty",
                "1 error, 1 warning in 2 files",
            ])
    }

    @Test func summaryWording() {
        #expect(DiagnosticRenderer.summary([], fileCount: 1) == "0 errors, 0 warnings in 1 file")
    }
}
