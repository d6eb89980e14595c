import Testing

@testable import FleetformCore

/// The progress display's output, on a terminal and in a CI log.
@Suite("Progress")
struct ProgressTextTests {
    @Test("on a terminal: redrawn in place, cleared before other output and at the end")
    func terminal() {
        var p = ProgressText(label: "Applying", total: 3, interactive: true)
        #expect(p.clear() == nil, "nothing to clear before the first draw")
        #expect(p.redraw() == nil)
        #expect(p.advance() == "\r\u{1B}[KApplying 1/3")
        #expect(p.clear() == "\r\u{1B}[K")
        #expect(p.redraw() == "\r\u{1B}[KApplying 1/3")
        #expect(p.advance() == "\r\u{1B}[KApplying 2/3")
        #expect(p.advance() == "\r\u{1B}[KApplying 3/3")
        #expect(p.advance() == "\r\u{1B}[KApplying 3/3", "never counts past the total")
        #expect(p.clear() == "\r\u{1B}[K")
        #expect(p.clear() == nil)
    }

    @Test("without a terminal: a plain line per tenth of a long run, no escape codes")
    func plain() {
        var p = ProgressText(label: "Reading fleets", total: 1_000, interactive: false)
        let lines = (0..<1_000).compactMap { _ in p.advance() }
        #expect(lines.count == 10)
        #expect(lines.first == "Reading fleets 100/1000\n")
        #expect(lines.last == "Reading fleets 1000/1000\n")
        #expect(!lines.joined().contains("\u{1B}") && !lines.joined().contains("\r"))
        #expect(p.clear() == nil)
    }

    @Test("without a terminal, a short run prints nothing")
    func short() {
        var p = ProgressText(label: "Applying", total: ProgressText.plainLineThreshold - 1, interactive: false)
        #expect((0..<p.total).compactMap { _ in p.advance() }.isEmpty)
    }
}
