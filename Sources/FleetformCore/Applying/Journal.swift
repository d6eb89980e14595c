import DurableFiles
import FleetSpec
import Foundation
import GameLiftAPI

/// One line of the journal. Before every update an `intent` records the configuration about to be
/// overwritten and the one replacing it; after it a `result` records how it ended. A crash between the two
/// leaves the intent, which is enough to restore the fleet.
public struct JournalEntry: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case intent, result }

    public var kind: Kind
    /// The run (one `apply` or `rollback` invocation) this entry belongs to.
    public var run: String
    public var time: Date
    public var fleetId: String
    public var fleetIdOrArn: String
    public var region: String
    /// What started the run: `apply` or `rollback`.
    public var cause: String
    /// intent: the live configuration before the update.
    public var previous: RuntimeConfiguration?
    /// intent: the configuration sent.
    public var new: RuntimeConfiguration?
    /// result: how the update ended (`updated`, `held`, `failed`).
    public var outcome: FleetOutcome.Result?
    public var tool: String
    /// intent: the fleet's environment of `fleetform.yaml`, if any.
    public var environment: String?
    /// intent: the broken rules let pass for this run (`--override`) and the reason given.
    public var overrides: [RuleOverride]?

    public init(
        kind: Kind, run: String, time: Date, fleetId: String, fleetIdOrArn: String, region: String, cause: String,
        previous: RuntimeConfiguration? = nil, new: RuntimeConfiguration? = nil, outcome: FleetOutcome.Result? = nil
    ) {
        self.kind = kind
        self.run = run
        self.time = time
        self.fleetId = fleetId
        self.fleetIdOrArn = fleetIdOrArn
        self.region = region
        self.cause = cause
        self.previous = previous
        self.new = new
        self.outcome = outcome
        self.tool = "fleetform \(FleetformVersion.current)"
    }
}

/// An append-only JSON Lines file of journal entries. Every append is flushed to disk (`DurableFile.append`)
/// before it returns, so an update is never sent before its intent is durable.
public actor Journal {
    public nonisolated let path: String
    private var descriptor: Int32 = -1
    private let encoder: JSONEncoder

    public static let defaultPath = ".fleetform/journal.jsonl"

    public init(path: String) {
        self.path = path
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = ReportJSON.dateEncoding
        self.encoder = encoder
    }

    /// Appends one entry and flushes it to disk.
    public func append(_ entry: JournalEntry) throws {
        var data = try encoder.encode(entry)
        data.append(0x0A)
        do {
            if descriptor < 0 { descriptor = try DurableFile.openForAppending(path) }
            try DurableFile.append(data, to: descriptor, path: path)
        } catch {
            throw JournalError.writeFailed(path: path, reason: error.reason)
        }
    }

    /// Closes the file.
    public func close() {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        descriptor = -1
    }

    /// Reads every entry of a journal file. A torn last line (a crash mid-write) is skipped; any other
    /// unreadable line is an error naming its line number.
    public static func read(path: String) throws -> [JournalEntry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        var entries: [JournalEntry] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            do {
                entries.append(try decoder.decode(JournalEntry.self, from: Data(line)))
            } catch {
                // Every complete line ends with a newline, so only a torn last write lacks one.
                let isLast = index == lines.count - 1
                if isLast { continue }
                throw JournalError.unreadable(path: path, line: index + 1, reason: Self.reason(error, line: Data(line)))
            }
            // Two equal keys in one object: which value a tool reads is ambiguous, so rollback trusts neither.
            if let pointer = JSONPointer.duplicateKeys(in: Data(line), limit: 1).first {
                throw JournalError.unreadable(
                    path: path, line: index + 1, reason: "\(pointer): a key appears twice in one object")
            }
        }
        return entries
    }

    /// Where and why a journal line does not decode: an out-of-range number's pointer first, as the decoder
    /// does not say where those are.
    private static func reason(_ error: any Error, line: Data) -> String {
        let tree = try? JSONSerialization.jsonObject(with: line)
        if let problem = tree.flatMap({ JSONPointer.numberProblems(in: $0).first }) {
            return "\(problem.pointer): \(problem.message)"
        }
        if let error = error as? DecodingError {
            let (pointer, message) = JSONPointer.describe(error)
            return pointer.isEmpty ? message : "\(pointer): \(message)"
        }
        return JSONPointer.excerpt("\(error)")
    }
}

public enum JournalError: Error, CustomStringConvertible {
    case writeFailed(path: String, reason: String)
    case unreadable(path: String, line: Int, reason: String)
    /// Entries that would be sent break the fleet-file rules: the rollback is refused.
    case invalid(path: String, diagnostics: [Diagnostic])

    public var description: String {
        switch self {
        case let .writeFailed(path, reason): "cannot write journal \(path): \(reason)"
        case let .unreadable(path, line, reason): "\(path):\(line): unreadable journal entry: \(reason)"
        case let .invalid(path, diagnostics):
            (["the journal \(path) is refused; nothing was rolled back"] + diagnostics.map(\.description))
                .joined(separator: "\n")
        }
    }
}
