import FleetSpec
import Foundation
import GameLiftAPI

/// Which overwritten configurations to restore.
public enum RollbackSelection: Sendable, Hashable {
    /// Every fleet an apply (or rollback) run overwrote; `nil` means the latest `apply` run. A non-empty
    /// `fleets` (ids or ARNs) narrows the run to those fleets, as `--rollback-on-failure` does.
    case run(String?, fleets: Set<String> = [])
    /// For each fleet (id or ARN), the most recent configuration any run overwrote.
    case fleets([String])
}

/// One fleet to restore: what the journal says was overwritten, and what replaced it.
public struct RollbackTarget: Sendable, Hashable, NamesFleet {
    public var fleetId: String
    public var fleetIdOrArn: String
    public var region: String
    /// The run whose update is undone.
    public var run: String
    public var journaledAt: Date
    /// The configuration to restore (the journal's `previous`).
    public var previous: RuntimeConfiguration
    /// The configuration that run sent (the journal's `new`): the live one should still equal it.
    public var new: RuntimeConfiguration?
    /// Where the intent is: journal path and line.
    public var source: SourceLocation
    /// The `fleetform.yaml` environment the apply journaled the fleet in: the rollback reaches it the same way.
    public var environment: String?

    public init(
        fleetId: String, fleetIdOrArn: String, region: String, run: String, journaledAt: Date,
        previous: RuntimeConfiguration, new: RuntimeConfiguration?, source: SourceLocation
    ) {
        self.fleetId = fleetId
        self.fleetIdOrArn = fleetIdOrArn
        self.region = region
        self.run = run
        self.journaledAt = journaledAt
        self.previous = previous
        self.new = new
        self.source = source
    }
}

/// Why a selection names nothing to restore.
public enum RollbackSelectionError: Error, Hashable, CustomStringConvertible {
    case emptyJournal(path: String)
    case noApplyRun(path: String)
    case unknownRun(String, path: String, recent: [String])
    case nothingOverwritten(run: String)
    case fleetNotInRun(fleet: String, run: String)
    case unknownFleet(String, path: String)

    public var description: String {
        switch self {
        case .emptyJournal(let path): "the journal \(path) is empty or missing: nothing was ever overwritten"
        case .noApplyRun(let path): "the journal \(path) records no apply run"
        case .unknownRun(let run, let path, let recent):
            "no run \(run) in the journal \(path)"
                + (recent.isEmpty ? "" : "; recent runs: \(recent.joined(separator: ", "))")
        case .nothingOverwritten(let run): "run \(run) overwrote no configuration (every update failed or was held)"
        case .fleetNotInRun(let fleet, let run): "run \(run) did not overwrite fleet \(fleet)"
        case .unknownFleet(let fleet, let path):
            "the journal \(path) records no overwritten configuration of fleet \(fleet)"
        }
    }
}

/// Chooses journal intents to undo. Pure: entries in, targets out.
///
/// An intent counts as an overwrite when its run recorded `updated` for that fleet, or recorded nothing
/// (a crash between the update and its result: the update may have happened). Intents whose result is
/// `failed` or `held` overwrote nothing and are skipped. Within a run the fleet's last intent wins (a held
/// fleet is journaled again before each new attempt).
public enum RollbackSelector {
    public static func targets(
        _ entries: [JournalEntry], _ selection: RollbackSelection, journalPath: String
    ) throws -> [RollbackTarget] {
        guard !entries.isEmpty else { throw RollbackSelectionError.emptyJournal(path: journalPath) }
        let overwrites = overwriteIntents(entries, journalPath: journalPath)
        switch selection {
        case .run(let requested, let fleets):
            let run: String
            if let requested {
                guard entries.contains(where: { $0.run == requested }) else {
                    let recent = Array(runsNewestFirst(entries).prefix(5))
                    throw RollbackSelectionError.unknownRun(requested, path: journalPath, recent: recent)
                }
                run = requested
            } else {
                guard let latest = entries.last(where: { $0.kind == .intent && $0.cause == "apply" })?.run else {
                    throw RollbackSelectionError.noApplyRun(path: journalPath)
                }
                run = latest
            }
            var latestPerFleet: [String: RollbackTarget] = [:]
            var order: [String] = []
            for target in overwrites where target.run == run {
                if latestPerFleet[target.fleetId] == nil { order.append(target.fleetId) }
                latestPerFleet[target.fleetId] = target
            }
            var chosen = order.compactMap { latestPerFleet[$0] }
            if !fleets.isEmpty {
                let wanted = fleets.map { FleetIdentifier($0)?.fleetId ?? $0 }
                for fleet in wanted where latestPerFleet[fleet] == nil {
                    throw RollbackSelectionError.fleetNotInRun(fleet: fleet, run: run)
                }
                chosen = chosen.filter { wanted.contains($0.fleetId) }
            }
            guard !chosen.isEmpty else { throw RollbackSelectionError.nothingOverwritten(run: run) }
            return chosen
        case .fleets(let fleets):
            var chosen: [RollbackTarget] = []
            for fleet in fleets {
                let id = FleetIdentifier(fleet)?.fleetId ?? fleet
                guard let target = overwrites.last(where: { $0.fleetId == id }) else {
                    throw RollbackSelectionError.unknownFleet(fleet, path: journalPath)
                }
                if !chosen.contains(where: { $0.fleetId == id && $0.region == target.region }) { chosen.append(target) }
            }
            return chosen
        }
    }

    /// Runs in the journal, newest first.
    public static func runsNewestFirst(_ entries: [JournalEntry]) -> [String] {
        var seen: Set<String> = []
        return entries.reversed().compactMap { seen.insert($0.run).inserted ? $0.run : nil }
    }

    /// Intents that (may) have overwritten a configuration, in journal order. The journal writes one entry
    /// per line, so an entry's index plus one is its line.
    private static func overwriteIntents(_ entries: [JournalEntry], journalPath: String) -> [RollbackTarget] {
        var results: [String: FleetOutcome.Result] = [:]
        for entry in entries where entry.kind == .result {
            if let outcome = entry.outcome { results["\(entry.run) \(entry.region) \(entry.fleetId)"] = outcome }
        }
        var targets: [RollbackTarget] = []
        for (index, entry) in entries.enumerated() where entry.kind == .intent {
            guard let previous = entry.previous else { continue }
            let outcome = results["\(entry.run) \(entry.region) \(entry.fleetId)"]
            guard outcome == nil || outcome == .updated else { continue }
            var target = RollbackTarget(
                fleetId: entry.fleetId, fleetIdOrArn: entry.fleetIdOrArn, region: entry.region, run: entry.run,
                journaledAt: entry.time, previous: previous, new: entry.new,
                source: SourceLocation(path: journalPath, line: index + 1, column: 1))
            target.environment = entry.environment
            targets.append(target)
        }
        return targets
    }
}
