import Foundation

/// Renders a rollback plan: the plan as `plan` prints it, with each fleet's journal run, then the refusals.
public struct RollbackTextRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) { self.style = style }

    public func render(_ rollback: RollbackPlan) -> String {
        var out = ""
        let runs = Array(Set(rollback.targets.map(\.run))).sorted()
        out +=
            "Rolling back \(rollback.targets.count) fleet\(rollback.targets.count == 1 ? "" : "s") "
            + "to the configuration \(runs.count == 1 ? "run \(runs[0])" : "runs \(runs.joined(separator: ", "))") overwrote.\n"
        out += PlanTextRenderer(
            style: style, noChangesLine: "Nothing to restore: the live fleets are at their previous configurations."
        ).render(rollback.plan)
        for refusal in rollback.refusals {
            out +=
                style.red("refused") + "  \(FleetNames.short(refusal.fleetId)) (\(refusal.region))  "
                + "\(refusal.source.path):\(refusal.source.line): \(refusal.reason)\n"
        }
        return out
    }
}
