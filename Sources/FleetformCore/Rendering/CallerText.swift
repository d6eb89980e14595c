/// How text output shows the account a plan was made as.
enum CallerText {
    /// `Account 111122223333 as arn:aws:sts::…`, or `Account unknown: <reason>`.
    static func line(_ caller: PlanCaller) -> String {
        if let account = caller.account {
            return "Account \(account)" + (caller.principal.map { " as \($0)" } ?? "")
        }
        return "Account unknown: \(caller.unknownReason ?? "no reason given")"
    }
}
