/// fleetform's exit codes (README, "Exit codes"), decided in one place.
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

extension ExitStatus {
    /// `apply --watch` (and `rollback --watch`): failure events after the update give 4, whatever else
    /// happened, so a pipeline notices that live fleets are failing (a rollback-on-failure does not change
    /// it). Otherwise failed fleets, or fleets whose events could not be read, give 1; held fleets 3.
    public static func forApply(_ report: ApplyReport, watch: WatchReport?) -> ExitStatus {
        if watch?.hasFailures == true { return .failureEvents }
        let applied = forApply(report)
        if applied == .error { return .error }
        if let watch, !watch.unverifiedFleets.isEmpty { return .error }
        return applied
    }
}
