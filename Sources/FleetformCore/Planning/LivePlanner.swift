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

    public init(
        reader: LiveFleetReader, buildManifest: BuildManifest? = nil,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.reader = reader
        self.buildManifest = buildManifest
        self.wallClock = wallClock
    }

    public func plan(_ fleets: FleetSet) async -> PlanResult {
        guard !fleets.diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: fleets.diagnostics) }
        let observed = await reader.observe(fleets.documents.map(FleetKey.init))
        var diagnostics = fleets.diagnostics
        for document in fleets.documents {
            let attributes = observed[FleetKey(document)]?.attributes
            diagnostics += LiveFleetRules.checkAgainstFleet(
                document, operatingSystem: attributes?.operatingSystem, buildManifest: buildManifest,
                computeType: attributes?.computeType)
        }
        diagnostics.sort(by: Diagnostic.readingOrder)
        guard !diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: diagnostics) }
        let plan = Planner.plan(
            desired: fleets.documents, observed: observed, diagnostics: diagnostics, now: wallClock())
        return PlanResult(plan: plan, diagnostics: diagnostics)
    }
}
