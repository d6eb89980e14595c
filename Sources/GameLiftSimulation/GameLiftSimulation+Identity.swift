import GameLiftAPI

extension GameLiftSimulation: IdentityProviding {
    /// The simulated caller: an IAM user of the state's account, so local plans show an account as real ones do;
    /// acting as another account (`acting(as:)`), a role session in it — which exists only for an account the state
    /// has fleets in (docs/local-gamelift.md, "Accounts"), as `AssumeRole` into an unknown account is refused.
    public func callerIdentity() async throws -> CallerIdentity {
        let state = try snapshot()
        guard let account = callerAccount, account != state.account else {
            return CallerIdentity(
                account: state.account, arn: "arn:aws:iam::\(state.account):user/gamelift-local",
                userId: "AIDAGAMELIFTLOCAL")
        }
        guard state.accounts.contains(account) else {
            throw GameLiftServiceError(
                code: "AccessDenied",
                message: "the local GameLift has no account \(account): no fleet of its state is in it "
                    + "(accounts: \(state.accounts.joined(separator: ", ")))", httpStatus: 403)
        }
        return CallerIdentity(
            account: account, arn: "arn:aws:sts::\(account):assumed-role/gamelift-local/fleetform",
            userId: "AROAGAMELIFTLOCAL:fleetform")
    }
}

extension GameLiftSimulation: AccountScoping {
    public func accounts() throws -> [String] { try snapshot().accounts }

    public func scoped(to account: String) -> any GameLift & IdentityProviding { acting(as: account) }
}
