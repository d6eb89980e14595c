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
    /// The repository's settings, for each environment's change windows in the plan.
    public var settings: RepositorySettings?

    public init(
        reader: LiveFleetReader, buildManifest: BuildManifest? = nil,
        wallClock: @escaping @Sendable () -> Date = { Date() }, impact: ImpactOptions? = ImpactOptions()
    ) {
        self.reader = reader
        self.buildManifest = buildManifest
        self.wallClock = wallClock
        self.impact = impact
    }

    /// Plans `fleets`. With `callers`, the plan records the account and principal it ran as (each environment's
    /// too), and a fleet the account guard refuses — an ARN of another account, a fleet of an environment whose
    /// credentials are of another account than the settings say — is planned as failed without any request for
    /// it; with `failClosed`, so is every fleet whose account cannot be confirmed. The callers are read before the
    /// fleets only when the guard needs them (some fleet is an ARN or in an environment); otherwise alongside.
    public func plan(
        _ fleets: FleetSet, callers readCallers: (@Sendable () async -> RunCallers)? = nil, failClosed: Bool = false
    ) async -> PlanResult {
        guard !fleets.diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: fleets.diagnostics) }
        let guarded = fleets.documents.contains {
            $0.environment != nil || FleetIdentifier(unchecked: $0.fleetIdOrArn).isARN
        }
        var callers: RunCallers?
        var refused: [FleetKey: ObservedFleet] = [:]
        if let readCallers, guarded {
            let known = await readCallers()
            callers = known
            refused = known.accountGuard(failClosed: failClosed).refusals(fleets.documents)
                .mapValues { ObservedFleet(refusal: $0) }
        }
        async let lateCallers: RunCallers? = guarded ? nil : readCallers?()
        let keys = fleets.documents.map(FleetKey.init).filter { refused[$0] == nil }
        let observed = (await reader.observe(keys)).merging(refused) { read, _ in read }
        if callers == nil { callers = await lateCallers }
        let diagnostics = check(fleets, attributes: observed.compactMapValues(\.attributes))
        guard !diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: diagnostics) }
        var plan = Planner.plan(
            desired: fleets.documents, observed: observed, diagnostics: diagnostics, now: wallClock())
        callers?.record(on: &plan, settings: settings, now: wallClock())
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
