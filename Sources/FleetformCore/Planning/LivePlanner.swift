import FleetSpec
import Foundation
import GameLiftAPI

/// The outcome of planning against live fleets: a plan, or the diagnostics that prevent one.
public struct PlanResult: Sendable {
    /// `nil` when any diagnostic is an error: nothing may be sent then.
    public var plan: PlanDocument?
    /// Every diagnostic: from the files, and from the checks that need the live fleet (operating system,
    /// build manifest).
    public var diagnostics: [Diagnostic]
}

/// Reads the live fleets the files name and plans them. Refuses to touch the network while any file
/// has an error.
public struct LivePlanner: Sendable {
    public let reader: LiveFleetReader
    public let buildManifest: BuildManifest?
    public let wallClock: @Sendable () -> Date
    /// The thresholds of the impact warnings; `nil`: the plan reads no capacity and shows no impact.
    public let impact: ImpactOptions?

    public init(
        reader: LiveFleetReader, buildManifest: BuildManifest? = nil,
        wallClock: @escaping @Sendable () -> Date = { Date() }, impact: ImpactOptions? = ImpactOptions()
    ) {
        self.reader = reader
        self.buildManifest = buildManifest
        self.wallClock = wallClock
        self.impact = impact
    }

    /// Plans `fleets`. With `caller`, the plan records the account and principal it ran as, and a fleet
    /// written as an ARN of another account is refused (planned as failed) without any request for it; with
    /// `failClosed`, so is every ARN while the account is unknown. The identity is read before the fleets only
    /// when some fleet is an ARN; otherwise alongside them.
    public func plan(
        _ fleets: FleetSet, caller readCaller: (@Sendable () async -> PlanCaller)? = nil, failClosed: Bool = false
    ) async -> PlanResult {
        guard !fleets.diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: fleets.diagnostics) }
        let namesAccounts = fleets.documents.contains { FleetIdentifier(unchecked: $0.fleetIdOrArn).isARN }
        var caller: PlanCaller?
        var refused: [FleetKey: ObservedFleet] = [:]
        if let readCaller, namesAccounts {
            let known = await readCaller()
            caller = known
            refused = AccountGuard(caller: known, failClosed: failClosed).refusals(fleets.documents)
                .mapValues { ObservedFleet(refusal: $0) }
        }
        async let lateCaller: PlanCaller? = namesAccounts ? nil : readCaller?()
        let keys = fleets.documents.map(FleetKey.init).filter { refused[$0] == nil }
        let observed = (await reader.observe(keys)).merging(refused) { read, _ in read }
        if caller == nil { caller = await lateCaller }
        let diagnostics = check(fleets, attributes: observed.compactMapValues(\.attributes))
        guard !diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: diagnostics) }
        var plan = Planner.plan(
            desired: fleets.documents, observed: observed, diagnostics: diagnostics, now: wallClock())
        plan.caller = caller
        if let impact {
            let capacity = CapacityReader(gameLift: reader.gameLift, parallelism: reader.parallelism)
            await PlanImpactReader(reader: capacity).attach(to: &plan, observed: observed, options: impact)
        }
        return PlanResult(plan: plan, diagnostics: diagnostics)
    }

    /// The files' diagnostics and those of the checks against the live fleets, which need only the fleets'
    /// attributes (operating system, compute type) and the build manifest, in reading order. Any error among
    /// them means nothing may be sent.
    public func check(_ fleets: FleetSet, attributes: [FleetKey: FleetAttributes]) -> [Diagnostic] {
        var diagnostics = fleets.diagnostics
        for document in fleets.documents {
            let live = attributes[FleetKey(document)]
            diagnostics += LiveFleetRules.checkAgainstFleet(
                document, operatingSystem: live?.operatingSystem, buildManifest: buildManifest,
                computeType: live?.computeType)
        }
        diagnostics.sort(by: Diagnostic.readingOrder)
        return diagnostics
    }
}
