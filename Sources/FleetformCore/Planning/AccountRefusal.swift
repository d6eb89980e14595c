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
    /// `fleetform.yaml` puts the fleet's environment in account `expected`; its credentials are for `actual`.
    case environmentAccount(environment: String, expected: String, actual: String, principal: String?)
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
        case .environmentAccount(let environment, let expected, let actual, let principal):
            "environment \(environment) is account \(expected), but its credentials are for account \(actual)"
                + (principal.map { " (\($0))" } ?? "") + "; nothing was sent for this fleet"
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
    /// With `fleetform.yaml`: each environment's required account and the caller its credentials belong to. A
    /// fleet of an environment is checked against these instead of `caller`.
    public var environments: [String: PlanEnvironment] = [:]

    public init(caller: PlanCaller, failClosed: Bool, environments: [PlanEnvironment] = []) {
        self.caller = caller
        self.failClosed = failClosed
        self.environments = Dictionary(environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Why the fleet written as `fleetIdOrArn` must not be touched, or `nil` when it may. A fleet of an
    /// environment must first be reached with credentials of the environment's account.
    public func refusal(of fleetIdOrArn: String, environment name: String? = nil) -> AccountRefusal? {
        var caller = self.caller
        if let name, let environment = environments[name] {
            caller = environment.caller
            if let expected = environment.expectedAccount {
                if let account = caller.account, account != expected {
                    return .environmentAccount(
                        environment: name, expected: expected, actual: account, principal: caller.principal)
                }
                if caller.account == nil, failClosed {
                    return .unknownAccount(expected: expected, reason: caller.unknownReason ?? "no reason given")
                }
            }
        }
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
            if let refusal = refusal(of: document.fleetIdOrArn, environment: document.environment) {
                refused[FleetKey(document)] = refusal
            }
        }
        return refused
    }

    /// Why a changed fleet of a saved plan made in account `planned` must not be applied: every fleet when the
    /// plan is of another account than the caller's, else as `refusal(of:)` decides. A fleet of an environment is
    /// held to the account the plan recorded for the environment.
    public func refusal(
        of fleet: FleetPlan, plannedIn planned: String?, environments planEnvironments: [PlanEnvironment] = []
    )
        -> AccountRefusal?
    {
        if let name = fleet.environment, let environment = environments[name] {
            let recorded = planEnvironments.first { $0.name == name }?.caller.account
            if let recorded, let account = environment.caller.account, recorded != account {
                return .planOfOtherAccount(planned: recorded, actual: account)
            }
            return refusal(of: fleet.fleetIdOrArn, environment: name)
        }
        if let planned, let account = caller.account, planned != account {
            return .planOfOtherAccount(planned: planned, actual: account)
        }
        return refusal(of: fleet.fleetIdOrArn)
    }
}
