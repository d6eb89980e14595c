extension AccountRefusal {
    /// The refusal as the JSON plan and the apply report record it: a failed fleet's `error`, with code
    /// `AccountMismatch` (another account) or `AccountUnknown` (docs/plan-json.md, "Which account").
    public var recordedError: ServiceErrorInfo {
        switch self {
        case .otherAccount, .planOfOtherAccount, .environmentAccount:
            ServiceErrorInfo(code: "AccountMismatch", message: message)
        case .unknownAccount: ServiceErrorInfo(code: "AccountUnknown", message: message)
        case .recorded(let error): error
        }
    }

    /// The refusal a saved plan recorded as `error`, or `nil` when the error is not a refusal.
    init?(recorded error: ServiceErrorInfo) {
        guard ["AccountMismatch", "AccountUnknown"].contains(error.code) else { return nil }
        self = .recorded(error)
    }
}
