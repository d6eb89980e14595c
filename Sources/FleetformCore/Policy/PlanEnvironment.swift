import FleetSpec
import Foundation

/// One environment of a plan (docs/plan-json.md, `environments`): its name, the account `fleetform.yaml` says it
/// is in, who its requests ran as, and whether `apply` may run now (its change windows and freezes).
public struct PlanEnvironment: Codable, Sendable, Hashable {
    public var name: String
    /// The account the settings require; `nil` when they name none.
    public var expectedAccount: String?
    /// The account and principal the environment's credentials belong to (or why they are unknown).
    public var caller: PlanCaller
    /// Why `apply` would refuse now (a freeze, outside every window); `nil` when it may run.
    public var closed: String?
    /// When `apply` may run next, when it may not now; `nil` when open, or when no opening is near.
    public var opensAt: Date?

    public init(
        name: String, expectedAccount: String?, caller: PlanCaller, closed: String? = nil, opensAt: Date? = nil
    ) {
        self.name = name
        self.expectedAccount = expectedAccount
        self.caller = caller
        self.closed = closed
        self.opensAt = opensAt
    }

    enum CodingKeys: String, CodingKey {
        case name, expectedAccount, account, principal, unknownReason, closed, opensAt
    }

    /// Flat, as the readers expect: `{name, account, principal}` beside the rest.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        expectedAccount = try c.decodeIfPresent(String.self, forKey: .expectedAccount)
        caller = PlanCaller(
            account: try c.decodeIfPresent(String.self, forKey: .account),
            principal: try c.decodeIfPresent(String.self, forKey: .principal),
            unknownReason: try c.decodeIfPresent(String.self, forKey: .unknownReason))
        closed = try c.decodeIfPresent(String.self, forKey: .closed)
        opensAt = try c.decodeIfPresent(Date.self, forKey: .opensAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(expectedAccount, forKey: .expectedAccount)
        try c.encodeIfPresent(caller.account, forKey: .account)
        try c.encodeIfPresent(caller.principal, forKey: .principal)
        try c.encodeIfPresent(caller.unknownReason, forKey: .unknownReason)
        try c.encodeIfPresent(closed, forKey: .closed)
        try c.encodeIfPresent(opensAt, forKey: .opensAt)
    }
}

/// A broken rule let pass for one run (`apply --override CODE --reason TEXT`), as the plan, the report and the
/// journal record it.
public struct RuleOverride: Codable, Sendable, Hashable {
    public var rule: RuleName
    public var code: DiagnosticCode
    public var reason: String

    public init(rule: RuleName, reason: String) {
        self.rule = rule
        self.code = rule.code
        self.reason = reason
    }
}
