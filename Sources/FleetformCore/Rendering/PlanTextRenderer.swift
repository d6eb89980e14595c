import FleetSpec
import Foundation
import GameLiftAPI

/// Renders a plan for a terminal or a log, in the shape the README's "What a plan looks like" shows.
public struct PlanTextRenderer: Sendable {
    public var style: TextStyle
    /// The line for a plan without changes (a rollback says it in its own words).
    public var noChangesLine: String

    /// What the caller calls its options, for the line that says how to roll out a plan with waves.
    public var names: RunOptionNames

    public init(
        style: TextStyle = .plain, noChangesLine: String = "No changes. The live fleets match the files.",
        names: RunOptionNames = .swiftAPI
    ) {
        self.style = style
        self.names = names
        self.noChangesLine = noChangesLine
    }

    public func render(_ plan: PlanDocument) -> String {
        CallerText.lines(plan).map { $0 + "\n" }.joined()
            + (plan.overrides ?? []).map { "Override \($0.code) (\($0.rule.rawValue)): \($0.reason)\n" }.joined()
            + plan.fleets.compactMap(block).map { $0 + "\n" }.joined()
            + summary(plan) + "\n"
            + (plan.waves.map { RolloutTextRenderer(style: style, names: names).waves($0) } ?? "")
    }

    /// One fleet's lines (its header, then its changes and impact indented), without a final newline; `nil`
    /// for a fleet that is unchanged and has no troubled location, which a plan does not list.
    public func block(_ fleet: FleetPlan) -> String? {
        guard fleet.action != .unchanged || fleet.hasLocationProblem else { return nil }
        return ([header(fleet)] + (body(fleet) + impactLines(fleet)).map { "    " + $0 }).joined(separator: "\n")
    }

    /// The closing lines: "No changes" when there are none (and nothing failed), then the counts.
    public func summary(_ plan: PlanDocument) -> String { summary(plan.summary) }

    /// `No changes…` when nothing changes or failed, then the `Plan:` line.
    public func summary(_ summary: PlanSummary) -> String {
        let none = summary.update + summary.held == 0 && summary.failed == 0 ? noChangesLine + "\n" : ""
        return none + style.bold(summary.line)
    }

    func header(_ fleet: FleetPlan) -> String {
        let name = "\(FleetNames.short(fleet.fleetId)) (\(fleet.region))  \(fleet.source.path):\(fleet.source.line)"
        switch fleet.action {
        case .update: return style.yellow("~") + " " + style.bold(name)
        case .held: return style.yellow("!") + " " + style.bold(name)
        case .failed: return style.red("x") + " " + style.bold(name)
        case .unchanged: return "= " + name
        }
    }

    func body(_ fleet: FleetPlan) -> [String] {
        var lines: [String] = []
        switch fleet.action {
        case .failed:
            lines.append(style.red("cannot plan: \(fleet.failure?.description ?? "unknown error")"))
        case .held:
            let status = fleet.status?.rawValue ?? "unknown"
            lines.append(style.yellow("held: status \(status) does not accept updates now; apply will try and hold"))
        case .update, .unchanged:
            break
        }
        if let locations = fleet.locations {
            lines.append("locations: " + locations.map(\.description).joined(separator: ", "))
            for location in locations where location.home != true && location.isTroubled {
                lines.append(
                    style.yellow(
                        "location \(location.location) is \(location.status?.rawValue ?? "unknown"): its instances "
                            + "keep their configuration until it recovers"))
            }
        }
        lines += fleet.changes.map(changeLine)
        return lines
    }

    /// The compact impact of a changed fleet: what it does to capacity and each process's share, how game
    /// sessions activate, and its warnings.
    func impactLines(_ fleet: FleetPlan) -> [String] {
        guard let impact = fleet.impact else { return [] }
        return [ImpactText.line(impact), ImpactText.activationLine(impact)]
            + impact.warnings.map { style.yellow(ImpactText.warningLine($0)) }
    }

    func changeLine(_ change: PlanChange) -> String {
        switch change.kind {
        case .add:
            return style.green("+ \(change.field) ConcurrentExecutions: \(change.after.map(String.init) ?? "-")")
        case .remove:
            return style.red("- \(change.field) ConcurrentExecutions: \(change.before.map(String.init) ?? "-")")
        case .modify:
            return style.yellow("~ \(change.field): \(Self.value(change.before)) → \(Self.value(change.after))")
        case .unmanaged:
            return style.dim("  \(change.field): \(Self.value(change.before)) (unmanaged: live value kept)")
        }
    }

    static func value(_ v: Int?) -> String { v.map(String.init) ?? "(unset)" }
}
