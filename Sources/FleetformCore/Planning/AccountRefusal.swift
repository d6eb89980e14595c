import FleetSpec
import GameLiftAPI

/// Why a fleet must not be touched with these credentials (README "Which account"). Decided by `AccountGuard`
/// before any request; a refused fleet is planned as failed and never read or written.
public enum AccountRefusal: Sendable, Hashable {
    /// The fleet's ARN names account `expected`; the credentials are for `actual` (as `principal`).
    case otherAccount(expected: String, actual: String, principal: String?)
    /// The fleet's ARN names account `expected`, and the credentials' account is unknown (`reason`): an apply
    /// fails closed.
    case unknownAccount(expected: String, reason: String)
    /// The saved plan was made in account `planned`; the credentials are for `actual`.
    case planOfOtherAccount(planned: String, actual: String)
    /// A refusal read back from a saved plan, as the plan recorded it.
    case recorded(ServiceErrorInfo)

    /// What happened, for people: every refusal says that nothing was sent.
    public var message: String {
        switch self {
        case .otherAccount(let expected, let actual, let principal):
            "the fleet's ARN names account \(expected), but the credentials are for account \(actual)"
                + (principal.map { " (\($0))" } ?? "") + "; nothing was sent for this fleet"
        case .unknownAccount(let expected, let reason):
            "the fleet is given as an ARN of account \(expected), and the credentials' account is unknown "
                + "(\(reason)); nothing was sent for this fleet"
        case .planOfOtherAccount(let planned, let actual):
            "the plan was made in account \(planned), but the credentials are for account \(actual); "
                + "nothing was sent for this fleet"
        case .recorded(let error): error.message
        }
    }
}

/// The account guard: which fleets the credentials of `caller` must not touch, decided before any request from
/// the fleets' ARNs alone. A fleet id names no account and always passes; an ARN must name the caller's account.
/// While the caller's account is unknown, an ARN passes only when the guard does not `failClose` (a plan reads;
/// an apply writes).
public struct AccountGuard: Sendable {
    public let caller: PlanCaller
    public let failClosed: Bool

    public init(caller: PlanCaller, failClosed: Bool) {
        self.caller = caller
        self.failClosed = failClosed
    }

    /// Why the fleet written as `fleetIdOrArn` must not be touched, or `nil` when it may.
    public func refusal(of fleetIdOrArn: String) -> AccountRefusal? {
        let identifier = FleetIdentifier(unchecked: fleetIdOrArn)
        guard identifier.isARN, let named = identifier.arnAccount else { return nil }
        if let account = caller.account {
            return named == account
                ? nil : .otherAccount(expected: named, actual: account, principal: caller.principal)
        }
        return failClosed ? .unknownAccount(expected: named, reason: caller.unknownReason ?? "no reason given") : nil
    }

    /// The fleets of `documents` that must not be touched, with why.
    public func refusals(_ documents: [FleetDocument]) -> [FleetKey: AccountRefusal] {
        var refused: [FleetKey: AccountRefusal] = [:]
        for document in documents {
            if let refusal = refusal(of: document.fleetIdOrArn) { refused[FleetKey(document)] = refusal }
        }
        return refused
    }

    /// Why a changed fleet of a saved plan made in account `planned` must not be applied: every fleet when the
    /// plan is of another account than the caller's, else as `refusal(of:)` decides.
    public func refusal(of fleet: FleetPlan, plannedIn planned: String?) -> AccountRefusal? {
        if let planned, let account = caller.account, planned != account {
            return .planOfOtherAccount(planned: planned, actual: account)
        }
        return refusal(of: fleet.fleetIdOrArn)
    }
}
