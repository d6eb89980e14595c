import FleetSpec
import Foundation
import GameLiftAPI

/// Which account and principal a plan was made as (STS `GetCallerIdentity`, or the local simulation's
/// seeded account), or why that is unknown: the record a plan keeps. A reviewer reads it to see which account
/// was planned (README "Which account"; docs/plan-json.md "caller"). `AccountGuard` decides from it which fleets
/// must not be touched; `CallerText` shows it.
public struct PlanCaller: Codable, Sendable, Hashable {
    /// The 12-digit account id; `nil` when unknown.
    public var account: String?
    /// The ARN of the principal the requests were signed as; `nil` when unknown.
    public var principal: String?
    /// Why the identity is unknown; `nil` when it is known.
    public var unknownReason: String?

    public init(account: String?, principal: String?, unknownReason: String?) {
        self.account = account
        self.principal = principal
        self.unknownReason = unknownReason
    }

    public static func known(_ identity: CallerIdentity) -> PlanCaller {
        PlanCaller(account: identity.account, principal: identity.arn, unknownReason: nil)
    }

    public static func unknown(_ reason: String) -> PlanCaller {
        PlanCaller(account: nil, principal: nil, unknownReason: reason)
    }

    /// Asks `provider`; an error, or no provider at all, gives an unknown caller with the reason.
    public static func read(from provider: (any IdentityProviding)?) async -> PlanCaller {
        guard let provider else { return .unknown("this connection has no identity source") }
        do {
            let identity = try await provider.callerIdentity()
            guard isAccountId(identity.account) else {
                return .unknown("the identity service gave no 12-digit account id")
            }
            return .known(identity)
        } catch {
            return .unknown(ServiceErrorInfo(error).description)
        }
    }

    /// Whether `text` is an AWS account id: 12 ASCII digits.
    public static func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
