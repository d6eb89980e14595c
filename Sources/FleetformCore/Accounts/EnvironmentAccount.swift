import FleetSpec
import Foundation
import GameLiftAPI

/// An environment of `fleetform.yaml` as a run reaches it: the account the settings require and who its
/// credentials are (docs/policy.md, "Accounts"). Its requests go through `RoutedGameLift`.
public struct EnvironmentAccount: Sendable {
    public var name: String
    /// The account the settings require; `nil` when they name none.
    public var expectedAccount: String?
    /// Who the environment's requests run as; `nil` when there is no way to ask.
    public var identity: (any IdentityProviding)?

    public init(name: String, expectedAccount: String?, identity: (any IdentityProviding)?) {
        self.name = name
        self.expectedAccount = expectedAccount
        self.identity = identity
    }

    /// Reads each environment's caller (STS `GetCallerIdentity`, all at once) — never a GameLift request, so the
    /// account guard decides before any. The environments come back in the order given.
    static func callers(of accounts: [EnvironmentAccount]) async -> [PlanEnvironment] {
        await withTaskGroup(of: (Int, PlanEnvironment).self) { group in
            for (index, account) in accounts.enumerated() {
                group.addTask {
                    let caller = await PlanCaller.read(from: account.identity)
                    return (
                        index,
                        PlanEnvironment(name: account.name, expectedAccount: account.expectedAccount, caller: caller)
                    )
                }
            }
            var read: [(Int, PlanEnvironment)] = []
            for await entry in group { read.append(entry) }
            return read.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

/// Who a run is, before it sends anything to GameLift: its own caller (for fleets in no environment) and each
/// environment's, which the account guard checks fleets against.
public struct RunCallers: Sendable {
    public var run: PlanCaller
    public var environments: [PlanEnvironment]

    public init(run: PlanCaller, environments: [PlanEnvironment] = []) {
        self.run = run
        self.environments = environments
    }

    /// Reads the run's caller and every environment's, at once.
    public static func read(run identity: (any IdentityProviding)?, environments: [EnvironmentAccount]) async
        -> RunCallers
    {
        async let run = PlanCaller.read(from: identity)
        let environments = await EnvironmentAccount.callers(of: environments)
        return RunCallers(run: await run, environments: environments)
    }

    /// The guard these callers imply.
    public func accountGuard(failClosed: Bool) -> AccountGuard {
        AccountGuard(caller: run, failClosed: failClosed, environments: environments)
    }

    /// Records the callers on `plan`: `environments` when there are any (each with its window, given the
    /// settings and the time), and `caller` — the run's own when some fleet is in no environment, else the one
    /// environment's when there is one.
    func record(on plan: inout PlanDocument, settings: RepositorySettings?, now: Date) {
        guard !environments.isEmpty else {
            plan.caller = run
            return
        }
        let used = Set(plan.fleets.compactMap(\.environment))
        let inPlan = environments.filter { used.contains($0.name) }
        plan.environments = inPlan.map { environment in
            var entry = environment
            if let rules = settings?.environment(named: environment.name)?.rules {
                entry.closed = ChangeSchedule.closure(rules, at: now)
                if entry.closed != nil { entry.opensAt = ChangeSchedule.nextOpening(rules, after: now) }
            }
            return entry
        }
        if plan.fleets.contains(where: { $0.environment == nil }) {
            plan.caller = run
        } else if inPlan.count == 1 {
            plan.caller = inPlan[0].caller
        }
    }
}
