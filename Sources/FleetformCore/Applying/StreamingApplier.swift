import FleetSpec
import Foundation
import GameLiftAPI

/// `apply --auto-approve` in one pass: with nobody to confirm between plan and apply, each fleet is read,
/// planned and, if it changed, updated at once — one `DescribeRuntimeConfiguration` per fleet instead of a read
/// for the plan and another before the update. The window between reading a fleet and overwriting it is one
/// round trip (and the journal flush), so the update goes out on that read, with the same journal, retries,
/// holds, `--fail-fast` and concurrency as `Applier`.
///
/// First the fleets' attributes are read (in batches) and the files checked against them: any error stops the
/// run before a single runtime configuration is read, as it stops a plan. The plan that results is the same
/// as `LivePlanner`'s.
public struct StreamingApplier: Sendable {
    public let applier: Applier
    public let planner: LivePlanner
    /// Called with each fleet's plan as soon as it is known, before the fleet is updated.
    public let onPlanned: @Sendable (FleetPlan) -> Void

    public init(applier: Applier, planner: LivePlanner, onPlanned: @escaping @Sendable (FleetPlan) -> Void = { _ in }) {
        self.applier = applier
        self.planner = planner
        self.onPlanned = onPlanned
    }

    /// The fleets' attributes, every diagnostic of the files and of the checks against the live fleets, the
    /// account the run is in and the fleets it must not touch.
    public struct Checked: Sendable {
        public var attributes: [FleetKey: FleetAttributes]
        public var diagnostics: [Diagnostic]
        public var callers: RunCallers?
        /// Fleets written as ARNs of another account, or of any account while this one is unknown: planned as
        /// failed, never read or written.
        public var refused: [FleetKey: AccountRefusal] = [:]
    }

    /// Reads the caller's identity (`caller`), then the attributes of the fleets it may touch, and checks the
    /// files against them; nothing is read when the files have errors. Stream only when the result has no
    /// errors.
    public func check(_ fleets: FleetSet, callers readCallers: (@Sendable () async -> RunCallers)? = nil) async
        -> Checked
    {
        guard !fleets.diagnostics.hasErrors else { return Checked(attributes: [:], diagnostics: fleets.diagnostics) }
        let callers = await readCallers?()
        // Apply writes, so it fails closed: an ARN is refused while the account is unknown.
        let refused = callers.map { $0.accountGuard(failClosed: true).refusals(fleets.documents) } ?? [:]
        let keys = fleets.documents.map(FleetKey.init).filter { refused[$0] == nil }
        // Kept for the whole stream, so only what planning reads: no names, descriptions or ARNs.
        let attributes = await planner.reader.readAttributes(keys, keeping: \.forPlanning)
        return Checked(
            attributes: attributes, diagnostics: planner.check(fleets, attributes: attributes), callers: callers,
            refused: refused)
    }

    /// What a streamed apply keeps once every fleet is done: what the summary and the report need, no more
    /// (docs/benchmarks.md, "Lean again"). Each fleet's plan was shown as it was decided (`onPlanned`) and is not
    /// kept: at 10,000 fleets that alone was several megabytes.
    public struct Streamed: Sendable {
        /// Counts of the fleets by planned action: the plan's summary line.
        public var summary: PlanSummary
        public var report: ApplyReport
    }

    /// Reads, plans and applies every fleet, `parallelism` at a time, in the files' order; returns the plan's
    /// summary and the report of the apply. `keepingOutcomes`: the report lists each fleet's outcome (for
    /// `--format json` and a watch); otherwise it has the counts alone, and nothing is kept per fleet.
    public func run(_ fleets: FleetSet, _ checked: Checked, keepingOutcomes: Bool = true) async -> Streamed {
        let started = applier.wallClock()
        let reader = planner.reader
        let regions = Set(fleets.documents.lazy.map(\.region))
        let run = ApplyRun(applier)
        let onPlanned = self.onPlanned
        var planned = PlanSummary()
        var applied = ApplySummary()
        var outcomes = [FleetOutcome?](repeating: nil, count: keepingOutcomes ? fleets.documents.count : 0)
        await boundedForEach(fleets.documents, limit: applier.options.parallelism) {
            document -> (PlanAction, FleetOutcome) in
            let key = FleetKey(document)
            let observed: ObservedFleet
            if let refusal = checked.refused[key] {
                observed = ObservedFleet(refusal: refusal)
            } else {
                observed = await reader.observe(key, attributes: checked.attributes[key], regions: regions)
            }
            reader.onFleetRead()
            let fleet = Planner.planFleet(document, observed)
            onPlanned(fleet)
            return (fleet.action, await run.finish(fleet, fresh: fleet.observed))
        } collect: { index, decided in
            planned.count(decided.0)
            applied.count(decided.1.result)
            if keepingOutcomes { outcomes[index] = decided.1 }
        }
        let report =
            keepingOutcomes
            ? applier.report(startedAt: started, outcomes: outcomes.compactMap { $0 })
            : applier.report(startedAt: started, summary: applied)
        return Streamed(summary: planned, report: report)
    }
}

extension FleetAttributes {
    /// What planning a fleet reads of its attributes (status, operating system, compute and instance type).
    var forPlanning: FleetAttributes {
        FleetAttributes(
            fleetId: fleetId, status: status, operatingSystem: operatingSystem, instanceType: instanceType,
            computeType: computeType)
    }
}
