import GameLiftAPI

/// An identity provider that asks its source once and remembers the answer, so that reading the identity early
/// (to try the proxy before any output) costs no second STS request when a workflow reads it again. A transient
/// failure (no answer, 5xx, throttling) is retried with the run's retry policy, as any GameLift request is; errors
/// are not remembered: a later read asks again.
actor RememberedIdentity: IdentityProviding {
    private let source: any IdentityProviding
    private let policy: RetryPolicy
    private let timing: Timing
    private var known: CallerIdentity?

    init(_ source: any IdentityProviding, policy: RetryPolicy, timing: Timing = .system) {
        self.source = source
        self.policy = policy
        self.timing = timing
    }

    func callerIdentity() async throws -> CallerIdentity {
        if let known { return known }
        var attempt = 1
        while true {
            do {
                let identity = try await source.callerIdentity()
                known = identity
                return identity
            } catch {
                let disposition = ErrorDisposition.of(error)
                guard disposition == .retry || disposition == .throttle, attempt < policy.maxAttempts else {
                    throw error
                }
                try await timing.sleep(
                    policy.delay(retry: attempt, throttled: disposition == .throttle, random: timing.random()))
                attempt += 1
            }
        }
    }
}
