/// Who a client runs as: STS `GetCallerIdentity`'s answer (or the local simulation's seeded account).
public struct CallerIdentity: Sendable, Hashable, Codable {
    /// The 12-digit account id.
    public var account: String
    /// The principal's ARN, e.g. `arn:aws:sts::111122223333:assumed-role/deploy/ci`.
    public var arn: String
    /// The principal's unique id, when known.
    public var userId: String?

    /// An identity from its parts.
    public init(account: String, arn: String, userId: String? = nil) {
        self.account = account
        self.arn = arn
        self.userId = userId
    }
}

/// Something that can say which account and principal its requests run as. Kept apart from `GameLift` so
/// that GameLift test doubles need not answer it.
public protocol IdentityProviding: Sendable {
    /// The caller's identity; throws when it cannot be read (no STS, no credentials…).
    func callerIdentity() async throws -> CallerIdentity
}

/// A GameLift that holds the fleets of several accounts (the local simulation) and answers as any of them, as
/// GameLift answers each account for its own fleets: what lets the emulator answer `AssumeRole`.
public protocol AccountScoping: Sendable {
    /// The accounts it holds fleets of.
    func accounts() throws -> [String]
    /// The same GameLift answering as `account`: only that account's fleets are found.
    func scoped(to account: String) -> any GameLift & IdentityProviding
}
