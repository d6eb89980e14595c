/// fleetform's exit codes (SPEC §7), decided in one place.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// Invalid files, failed fleets, a stale plan, bad arguments.
    case error = 1
    /// `plan --detailed-exitcode`: changes pending.
    case changesPending = 2
    /// `apply`: finished without failures, but some fleets held.
    case held = 3
    /// `apply --watch`: failure events seen after the update.
    case failureEvents = 4

    public static func forPlan(_ plan: PlanDocument, detailed: Bool) -> ExitStatus {
        if plan.summary.failed > 0 { return .error }
        return detailed && plan.hasChanges ? .changesPending : .success
    }

    public static func forApply(_ report: ApplyReport) -> ExitStatus {
        let summary = report.summary
        if summary.failed > 0 { return .error }
        return summary.held > 0 ? .held : .success
    }
}
