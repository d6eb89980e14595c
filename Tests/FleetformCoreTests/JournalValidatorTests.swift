import FleetSpec
import FleetformCore
import Foundation
import GameLiftAPI
import Testing

/// The journal is untrusted input too: what a rollback would restore is checked like a fleet file, located
/// by journal line and JSON pointer; numbers past 64 bits are located where decoding stopped.
@Suite struct JournalValidatorTests {
    static func target(
        _ previous: RuntimeConfiguration, fleetIdOrArn: String = Fixture.arena, region: String = "us-west-2"
    )
        -> RollbackTarget
    {
        RollbackTarget(
            fleetId: Fixture.arena, fleetIdOrArn: fleetIdOrArn, region: region, run: "run-1", journaledAt: Fixture.date,
            previous: previous, new: nil, source: SourceLocation(path: "journal.jsonl", line: 7, column: 1))
    }

    @Test("a journaled configuration that breaks the rules is refused, located by line and pointer")
    func ruleBreaking() {
        #expect(JournalValidator.problems(restoring: [Self.target(Fixture.specLive)]).isEmpty)
        let evil = RuntimeConfiguration(serverProcesses: [
            ServerProcess(launchPath: "/tmp/evil", concurrentExecutions: Int.max),
            ServerProcess(launchPath: "/local/game/a", concurrentExecutions: Int.max),
        ])
        let problems = JournalValidator.problems(restoring: [Self.target(evil, region: "us-west-2/../x")])
        #expect(
            problems.map(\.description).map { String($0.prefix { $0 != "]" }) + "]" } == [
                "journal.jsonl:7#/region: error: [FF204]",
                "journal.jsonl:7#/previous/ServerProcesses/0/LaunchPath: error: [FF307]",
                "journal.jsonl:7#/previous/ServerProcesses: error: [FF304]",
            ])
        let other = JournalValidator.problems(restoring: [Self.target(Fixture.specLive, fleetIdOrArn: Fixture.lobby)])
        #expect(other.map(\.code) == [.inconsistentPlan])
    }

    @Test("an unreadable complete line names its line and pointer; a torn last line is still skipped")
    func unreadableLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("journal.jsonl").path
        let entry = JournalEntry(
            kind: .intent, run: "run-1", time: Fixture.date, fleetId: Fixture.arena, fleetIdOrArn: Fixture.arena,
            region: "us-west-2", cause: "apply", previous: Fixture.specLive, new: Fixture.specLive)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let line = String(decoding: try encoder.encode(entry), as: UTF8.self)
        let huge = line.replacingOccurrences(
            of: #""ConcurrentExecutions":4"#, with: #""ConcurrentExecutions":99999999999999999999"#)
        try Data((line + "\n" + huge + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.self) { try Journal.read(path: path) }
        do {
            _ = try Journal.read(path: path)
        } catch let error as JournalError {
            #expect(
                "\(error)".hasPrefix(
                    "\(path):2: unreadable journal entry: /new/ServerProcesses/0/ConcurrentExecutions:"), "\(error)")
        }
        try Data((line + "\n" + huge).utf8).write(to: URL(fileURLWithPath: path))
        #expect(try Journal.read(path: path).count == 1)

        // A key twice in one object: which value counts is ambiguous, so the line is refused where it is.
        let twice = line.replacingOccurrences(
            of: #""ConcurrentExecutions":4"#, with: #""ConcurrentExecutions":9,"ConcurrentExecutions":4"#)
        #expect(twice != line)
        try Data((twice + "\n" + line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Journal.read(path: path)
            Issue.record("a journal line with a duplicate key was read")
        } catch let error as JournalError {
            #expect(
                "\(error)".contains(
                    ":1: unreadable journal entry: /new/ServerProcesses/0/ConcurrentExecutions: a key "),
                "\(error)")
        }
    }
}
