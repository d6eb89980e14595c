import FleetSpec

/// How a workflow that changes fleets gets the go-ahead after showing what it will do.
public enum Approval: Sendable {
    /// Go ahead without asking (`--auto-approve` on the command line).
    case automatic
    /// Ask a person; only a yes approves.
    case ask(@Sendable (_ question: String) async -> Bool)
    /// Nobody can be asked (standard input is not a terminal): refuse rather than guess.
    case unavailable

    /// Whether to go ahead with a run of `cause`; a refusal or a "no" is reported to `observer`.
    func obtain(for cause: ApplyCause, observer: any WorkflowObserver, names: RunOptionNames) async -> Bool {
        switch self {
        case .automatic:
            return true
        case .ask(let ask):
            let approved = await ask(cause == .apply ? "Apply these changes?" : "Roll back these fleets?")
            if !approved { observer.notice(.approvalDeclined(cause)) }
            return approved
        case .unavailable:
            let verb = cause == .apply ? "apply" : "roll back"
            let alternative = cause == .apply ? ", or \(names[.savePlanThenApplyIt])" : ""
            observer.notice(
                .failed(
                    "refusing to \(verb) without confirmation: standard input is not a terminal. "
                        + "Pass \(names[.autoApprove])\(alternative)."))
            return false
        }
    }
}
