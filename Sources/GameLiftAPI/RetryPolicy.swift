import Foundation

/// How transient failures are retried: bounded attempts, exponential backoff with full jitter and a cap,
/// and a retry budget that stops retry storms when the service is broadly unwell.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per request, the first included (`AWS_MAX_ATTEMPTS`).
    public var maxAttempts: Int
    /// Backoff base for transient errors, in seconds.
    public var baseDelay: Double
    /// Backoff base for throttling errors, in seconds.
    public var throttleBaseDelay: Double
    /// No single backoff exceeds this, in seconds.
    public var maxDelay: Double
    /// Retry-budget tokens when full.
    public var budgetCapacity: Int
    /// Tokens a retry of an error costs.
    public var retryCost: Int
    /// Tokens a retry of a timeout or dropped connection costs.
    public var transportRetryCost: Int
    /// A throttle costs no attempt and no budget while the request's Region answered some other request within
    /// this many seconds: GameLift's budgets are shared with other clients of the account, so throttling while
    /// the Region makes progress is waiting in line, not failing.
    public var progressWindow: Double
    /// The most a request waits in throttle backoff without being charged for it, in seconds; past it, throttles
    /// count as attempts again.
    public var maxFreeThrottleWait: Double

    public init(
        maxAttempts: Int = 8, baseDelay: Double = 0.05, throttleBaseDelay: Double = 0.25, maxDelay: Double = 20,
        budgetCapacity: Int = 500, retryCost: Int = 5, transportRetryCost: Int = 10, progressWindow: Double = 10,
        maxFreeThrottleWait: Double = 300
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.throttleBaseDelay = throttleBaseDelay
        self.maxDelay = maxDelay
        self.budgetCapacity = budgetCapacity
        self.retryCost = retryCost
        self.transportRetryCost = transportRetryCost
        self.progressWindow = progressWindow
        self.maxFreeThrottleWait = maxFreeThrottleWait
    }

    public static let standard = RetryPolicy()

    /// The ceiling of the backoff before the `retry`-th retry (1-based): `min(maxDelay, base × 2^(retry-1))`.
    public func backoffCeiling(retry: Int, throttled: Bool) -> Double {
        let base = throttled ? throttleBaseDelay : baseDelay
        return min(maxDelay, base * pow(2, Double(max(0, retry - 1))))
    }

    /// Full jitter: a uniformly random delay in [0, ceiling), at least what the server asked for.
    public func delay(retry: Int, throttled: Bool, random: Double, retryAfter: Double? = nil) -> Double {
        let jittered = random * backoffCeiling(retry: retry, throttled: throttled)
        return max(jittered, min(retryAfter ?? 0, maxDelay))
    }
}

/// The retry budget shared by all requests of a run: each retry takes tokens, each success gives some back.
/// When it is empty, errors are returned instead of retried.
public actor RetryBudget {
    private let capacity: Int
    public private(set) var tokens: Int

    public init(capacity: Int) {
        self.capacity = capacity
        self.tokens = capacity
    }

    /// Takes `cost` tokens if there are that many.
    public func acquire(_ cost: Int) -> Bool {
        guard tokens >= cost else { return false }
        tokens -= cost
        return true
    }

    /// Gives back tokens after a success: the retry's cost when it was a retry, else one.
    public func release(_ amount: Int) {
        tokens = min(capacity, tokens + amount)
    }
}
