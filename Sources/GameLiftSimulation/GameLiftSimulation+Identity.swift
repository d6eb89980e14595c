import GameLiftAPI

extension GameLiftSimulation: IdentityProviding {
    /// The simulated caller: an IAM user of the state's account, so local plans show an account as real ones do.
    public func callerIdentity() async throws -> CallerIdentity {
        let account = try snapshot().account
        return CallerIdentity(
            account: account, arn: "arn:aws:iam::\(account):user/gamelift-local", userId: "AIDAGAMELIFTLOCAL")
    }
}
