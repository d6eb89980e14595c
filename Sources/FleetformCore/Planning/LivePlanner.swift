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
        let diagnostics = check(fleets, attributes: observed.compactMapValues(\.attributes))
        guard !diagnostics.hasErrors else { return PlanResult(plan: nil, diagnostics: diagnostics) }
        let plan = Planner.plan(
            desired: fleets.documents, observed: observed, diagnostics: diagnostics, now: wallClock())
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
