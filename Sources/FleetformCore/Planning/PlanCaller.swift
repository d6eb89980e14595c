import FleetSpec
import Foundation
import GameLiftAPI

/// Which account and principal a plan was made as (STS `GetCallerIdentity`, or the local simulation's
/// seeded account), or why that is unknown. A reviewer reads it to see which account was planned
/// (README "Which account"; docs/plan-json.md "caller").
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

    /// `Account 111122223333 as arn:aws:sts::…`, or `Account unknown: <reason>`.
    public var line: String {
        if let account {
            return "Account \(account)" + (principal.map { " as \($0)" } ?? "")
        }
        return "Account unknown: \(unknownReason ?? "no reason given")"
    }

    /// Why a fleet written as `fleetIdOrArn` must not be touched with these credentials, or `nil` when it
    /// may. A fleet id names no account and always passes. An ARN must name the caller's account; when the
    /// caller is unknown it passes only if `failClosed` is false (a plan reads; an apply writes).
    public func refusal(of fleetIdOrArn: String, failClosed: Bool) -> ServiceErrorInfo? {
        let identifier = FleetIdentifier(unchecked: fleetIdOrArn)
        guard identifier.isARN, let named = identifier.arnAccount else { return nil }
        if let account {
            guard named != account else { return nil }
            return ServiceErrorInfo(
                code: Self.accountMismatch,
                message:
                    "the fleet's ARN names account \(named), but the credentials are for account \(account)"
                    + (principal.map { " (\($0))" } ?? "") + "; nothing was sent for this fleet")
        }
        guard failClosed else { return nil }
        return ServiceErrorInfo(
            code: Self.accountUnknown,
            message:
                "the fleet is given as an ARN of account \(named), and the credentials' account is unknown "
                + "(\(unknownReason ?? "no reason given")); nothing was sent for this fleet")
    }

    /// Whether `text` is an AWS account id: 12 ASCII digits.
    public static func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The fleets of `documents` these credentials must not touch (see `refusal(of:failClosed:)`), each as a
    /// fleet observed with its refusal as the error, so it is planned as failed and never read or written.
    public func refused(_ documents: [FleetDocument], failClosed: Bool) -> [FleetKey: ObservedFleet] {
        var refused: [FleetKey: ObservedFleet] = [:]
        for document in documents {
            if let refusal = refusal(of: document.fleetIdOrArn, failClosed: failClosed) {
                refused[FleetKey(document)] = ObservedFleet(error: refusal)
            }
        }
        return refused
    }

    /// Whether `error` is one of this type's refusals (no request was sent for the fleet).
    public static func isRefusal(_ error: ServiceErrorInfo?) -> Bool {
        error?.code == accountMismatch || error?.code == accountUnknown
    }

    /// The error code of a fleet refused because its ARN names another account.
    public static let accountMismatch = "AccountMismatch"
    /// The error code of a fleet refused because its ARN cannot be checked against an unknown account.
    public static let accountUnknown = "AccountUnknown"
}
