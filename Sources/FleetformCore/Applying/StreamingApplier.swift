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
        let attributes = await planner.reader.readAttributes(keys)
        return Checked(
            attributes: attributes, diagnostics: planner.check(fleets, attributes: attributes), callers: callers,
            refused: refused)
    }

    /// Reads, plans and applies every fleet, `parallelism` at a time; returns the plan (in the files' order, as
    /// `LivePlanner` would have made it, less each fleet's diff and locations, which `onPlanned` showed) and the
    /// report of the apply.
    public func run(_ fleets: FleetSet, _ checked: Checked) async -> (plan: PlanDocument, report: ApplyReport) {
        let createdAt = planner.wallClock()
        let started = applier.wallClock()
        let reader = planner.reader
        let keys = fleets.documents.map(FleetKey.init)
        let regions = Set(keys.map(\.region))
        let run = ApplyRun(applier)
        let onPlanned = self.onPlanned
        let decided = await boundedMap(fleets.documents, limit: applier.options.parallelism) {
            document -> (FleetPlan, FleetOutcome) in
            let key = FleetKey(document)
            let observed: ObservedFleet
            if let refusal = checked.refused[key] {
                observed = ObservedFleet(refusal: refusal)
            } else {
                observed = await reader.observe(key, attributes: checked.attributes[key], regions: regions)
            }
            reader.onFleetRead()
            var fleet = Planner.planFleet(document, observed)
            onPlanned(fleet)
            let outcome = await run.finish(fleet, fresh: fleet.observed)
            // Shown already, and not in the summary or the report: a streamed plan keeps what they need (issue 25).
            fleet.changes = []
            fleet.locations = nil
            return (fleet, outcome)
        }
        var plan = PlanDocument(fleets: decided.map(\.0), diagnostics: checked.diagnostics, createdAt: createdAt)
        checked.callers?.record(on: &plan, settings: planner.settings, now: createdAt)
        return (plan, applier.report(startedAt: started, outcomes: decided.map(\.1)))
    }
}
