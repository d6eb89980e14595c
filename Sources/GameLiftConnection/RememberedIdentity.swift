import GameLiftAPI

/// An identity provider that asks its source once and remembers the answer, so that reading the identity early
/// (to try the proxy before any output) costs no second STS request when a workflow reads it again. Errors are
/// not remembered: a later read asks again.
actor RememberedIdentity: IdentityProviding {
    private let source: any IdentityProviding
    private var known: CallerIdentity?

    init(_ source: any IdentityProviding) { self.source = source }

    func callerIdentity() async throws -> CallerIdentity {
        if let known { return known }
        let identity = try await source.callerIdentity()
        known = identity
        return identity
    }
}
