import Foundation
import SigV4

/// How text output shows the accounts a plan was made as: one line for the run's own credentials, one per
/// environment of `fleetform.yaml` (with whether `apply` may run now).
enum CallerText {
    /// `Account 111122223333 as arn:aws:sts::…`, or `Account unknown: <reason>`.
    static func line(_ caller: PlanCaller) -> String {
        if let account = caller.account {
            return "Account \(account)" + (caller.principal.map { " as \($0)" } ?? "")
        }
        return "Account unknown: \(caller.unknownReason ?? "no reason given")"
    }

    /// `Environment prod: account 111122223333 as arn:…`, then, when `apply` may not run now, why and when it may.
    static func line(_ environment: PlanEnvironment) -> String {
        var text =
            "Environment \(environment.name): "
            + line(environment.caller).replacingOccurrences(
                of: "Account", with: "account", options: .anchored)
        if let expected = environment.expectedAccount, let account = environment.caller.account, expected != account {
            text += " (fleetform.yaml says \(expected))"
        }
        if let closed = environment.closed {
            text += "\n  apply is closed: \(closed)"
            text += environment.opensAt.map { "; it opens \(Self.time($0))" } ?? "; no opening within 400 days"
        }
        return text
    }

    /// The account lines of a plan: its environments', then the run's own when some fleet is in none (or when
    /// there are no environments).
    static func lines(_ plan: PlanDocument) -> [String] {
        let environments = plan.environments ?? []
        var lines = environments.map(line)
        if let caller = plan.caller, environments.isEmpty || plan.fleets.contains(where: { $0.environment == nil }) {
            lines.append(environments.isEmpty ? line(caller) : line(caller) + " (fleets in no environment)")
        }
        return lines
    }

    /// The account lines of callers read before a streamed apply.
    static func lines(_ callers: RunCallers, includeRun: Bool) -> [String] {
        var lines = callers.environments.map(line)
        if includeRun || callers.environments.isEmpty {
            lines.append(
                callers.environments.isEmpty ? line(callers.run) : line(callers.run) + " (fleets in no environment)")
        }
        return lines
    }

    /// `2027-01-06 00:00 UTC`.
    static func time(_ date: Date) -> String {
        let text = AmzDate.iso8601(date)  // 2027-01-06T00:00:00Z
        return "\(text.prefix(10)) \(text.dropFirst(11).prefix(5)) UTC"
    }
}
