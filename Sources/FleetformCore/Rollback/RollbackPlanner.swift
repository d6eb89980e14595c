import FleetSpec
import Foundation
import GameLiftAPI

/// A fleet rollback will not touch, and why.
public struct RollbackRefusal: Codable, Sendable, Hashable {
    public var fleetId: String
    public var region: String
    /// The journal intent that would have been undone.
    public var source: SourceLocation
    public var reason: String

    public init(fleetId: String, region: String, source: SourceLocation, reason: String) {
        self.fleetId = fleetId
        self.region = region
        self.source = source
        self.reason = reason
    }
}

/// A rollback, planned: a `PlanDocument` whose requests restore each fleet's previous configuration (applied
/// by the ordinary `Applier`, so fingerprints and the journal work as for any apply), plus the fleets refused.
public struct RollbackPlan: Sendable, Hashable {
    public var plan: PlanDocument
    public var refusals: [RollbackRefusal]
    public var targets: [RollbackTarget]

    public init(plan: PlanDocument, refusals: [RollbackRefusal], targets: [RollbackTarget]) {
        self.plan = plan
        self.refusals = refusals
        self.targets = targets
    }
}

/// Plans a rollback from the journal. Each chosen fleet is re-read first:
///
/// - live equals the journal's `previous`: already restored, `unchanged`;
/// - live equals the journal's `new`: restore `previous` (fingerprinted, so a change made between this plan
///   and its apply is refused by the applier);
/// - live equals neither: someone changed the fleet since that run. Restoring would silently overwrite that
///   change, so the fleet is refused, unless `force` (then the live configuration is what gets journaled
///   as overwritten, so even a forced rollback can be undone).
public struct RollbackPlanner: Sendable {
    public let reader: LiveFleetReader
    public let wallClock: @Sendable () -> Date
    /// What the caller calls its options, for refusals that say how to pass them (`--force`).
    public let names: RunOptionNames

    public init(
        reader: LiveFleetReader, wallClock: @escaping @Sendable () -> Date = { Date() },
        names: RunOptionNames = .swiftAPI
    ) {
        self.reader = reader
        self.wallClock = wallClock
        self.names = names
    }

    /// Reads the journal, chooses the entries and plans against the live fleets.
    public func plan(journalPath: String, selection: RollbackSelection, force: Bool) async throws -> RollbackPlan {
        let entries = try Journal.read(path: journalPath)
        let targets = try RollbackSelector.targets(entries, selection, journalPath: journalPath)
        let problems = JournalValidator.problems(restoring: targets)
        guard problems.isEmpty else { throw JournalError.invalid(path: journalPath, diagnostics: problems) }
        return await plan(targets, force: force)
    }

    /// Plans the given targets against the live fleets.
    public func plan(_ targets: [RollbackTarget], force: Bool) async -> RollbackPlan {
        let keys = targets.map(\.key)
        let observed = await reader.observe(keys)
        var fleets: [FleetPlan] = []
        var refusals: [RollbackRefusal] = []
        for target in targets {
            let live =
                observed[target.key]
                ?? ObservedFleet(
                    error: ServiceErrorInfo(code: "NotRead", message: "fleet \(target.fleetId) was not read"))
            // The journal was checked before the fleets were read; what depends on the fleet (launch paths
            // under the operating system's root) is checked now, and a configuration that breaks it is not sent.
            let problems = Self.problems(restoring: target, on: live.attributes?.operatingSystem)
            if let first = problems.first {
                refusals.append(
                    RollbackRefusal(
                        fleetId: target.fleetId, region: target.region, source: target.source,
                        reason: "the journal's configuration cannot be sent to this fleet: "
                            + first.description
                            + (problems.count > 1 ? " (and \(problems.count - 1) more)" : "")))
                continue
            }
            switch Self.decide(target, live, force: force, names: names) {
            case .plan(let fleet): fleets.append(fleet)
            case .refuse(let reason):
                refusals.append(
                    RollbackRefusal(
                        fleetId: target.fleetId, region: target.region, source: target.source, reason: reason))
            }
        }
        return RollbackPlan(
            plan: PlanDocument(fleets: fleets, createdAt: wallClock()), refusals: refusals, targets: targets)
    }

    /// Errors in restoring `target` on a fleet running `operatingSystem` (unknown: only what needs no fleet).
    static func problems(restoring target: RollbackTarget, on operatingSystem: OperatingSystem?) -> [Diagnostic] {
        guard let operatingSystem else { return [] }
        return RequestRules.check(
            fleetIdOrArn: target.fleetIdOrArn, region: target.region, configuration: target.previous,
            operatingSystem: operatingSystem, path: target.source.path, line: target.source.line,
            fleetIdPointer: "/fleetIdOrArn", regionPointer: "/region", configurationPointer: "/previous"
        ).filter { $0.severity == .error }
    }

    /// What to do with one fleet. Pure.
    public enum Decision: Sendable, Hashable {
        case plan(FleetPlan)
        case refuse(String)
    }

    /// The decision for one fleet given what was read (see the type's documentation).
    public static func decide(_ target: RollbackTarget, _ observed: ObservedFleet, force: Bool, names: RunOptionNames)
        -> Decision
    {
        var fleet = FleetPlan(
            fleetId: target.fleetId, fleetIdOrArn: target.fleetIdOrArn, region: target.region, source: target.source,
            action: .failed, status: observed.attributes?.status, operatingSystem: observed.attributes?.operatingSystem)
        fleet.environment = target.environment
        if let error = observed.error {
            fleet.error = error
            return .plan(fleet)
        }
        let live = observed.configuration ?? RuntimeConfiguration()
        fleet.observed = live
        fleet.observedFingerprint = Fingerprint.of(live)
        let liveFingerprint = Fingerprint.of(live)
        if liveFingerprint == Fingerprint.of(target.previous) {
            fleet.action = .unchanged
            return .plan(fleet)
        }
        let stillAsApplied = target.new.map { Fingerprint.of($0) == liveFingerprint } ?? false
        guard stillAsApplied || force else {
            return .refuse(
                "its live configuration changed since run \(target.run) applied it (live \(liveFingerprint.prefix(19))…, "
                    + "journaled \(target.new.map { Fingerprint.of($0).prefix(19) + "…" } ?? "nothing")); "
                    + "restoring would overwrite that change. Pass \(names[.force]) to restore anyway.")
        }
        fleet.request = UpdateRuntimeConfigurationInput(
            fleetId: target.fleetIdOrArn, runtimeConfiguration: target.previous)
        // A rollback sends `previous` exactly: a field it lacks is cleared, not kept, so no change is "unmanaged".
        fleet.changes = Planner.changes(desired: target.previous, live: live).compactMap { change in
            guard change.kind == .unmanaged else { return change }
            return change.before == nil ? nil : PlanChange(.modify, change.field, before: change.before, after: nil)
        }
        let accepts = observed.attributes?.status?.allowsRuntimeConfigurationUpdate ?? true
        fleet.action = accepts ? .update : .held
        return .plan(fleet)
    }
}
