import Foundation

/// What the resilience layer did, reported as it happens (for `--debug`, statistics and exact-sequence tests).
public enum ResilienceEvent: Sendable, Hashable {
    /// An attempt is about to be sent (attempt is 1-based).
    case attempt(GameLiftOperation, region: String, attempt: Int)
    /// The attempt failed and will be retried after `delay` seconds.
    case retry(GameLiftOperation, region: String, attempt: Int, code: String, delay: Double)
    /// A throttling answer lowered the rate of the operation in the region.
    case throttled(GameLiftOperation, region: String, newRate: Double?)
    /// The request waited `delay` seconds for the rate limiter of its operation and region.
    case rateLimited(GameLiftOperation, region: String, delay: Double)
    /// No retry: attempts or retry budget exhausted, or the error is not retryable.
    case gaveUp(GameLiftOperation, region: String, attempt: Int, code: String)
}

/// The attempt a request is on (1-based), set by `ResilientGameLift` around each attempt so that the
/// transport underneath can log it with the request.
public enum RequestAttempt {
    @TaskLocal public static var current: Int?
}

/// Counters over a run, for summaries and benchmarks.
public final class ResilienceStats: @unchecked Sendable {
    private let lock = NSLock()
    private var _requests = 0
    private var _retries = 0
    private var _throttled = 0

    public init() {}
    public var requests: Int { lock.withLock { _requests } }
    public var retries: Int { lock.withLock { _retries } }
    public var throttled: Int { lock.withLock { _throttled } }

    func record(_ event: ResilienceEvent) {
        lock.withLock {
            switch event {
            case .attempt: _requests += 1
            case .retry: _retries += 1
            case .throttled: _throttled += 1
            case .rateLimited, .gaveUp: break
            }
        }
    }
}

/// Wraps any `GameLift` with retries (backoff with full jitter, bounded attempts, a retry budget) and a
/// client-side rate limiter per Region and operation (GameLift's own limits are per operation) that slows
/// down on throttling.
///
/// A throttle costs neither an attempt nor retry budget while the Region answers other requests (at least one
/// answer within `RetryPolicy.progressWindow`), up to `RetryPolicy.maxFreeThrottleWait` of waiting per request: so
/// throttling shared with other clients never loses a request while the Region makes progress (docs/aws.md,
/// "Retries").
///
/// `InvalidFleetStatusException` and final errors pass straight through: holding is the applier's decision.
public struct ResilientGameLift: GameLift {
    public let base: any GameLift
    public let policy: RetryPolicy
    public let timing: Timing
    public let stats: ResilienceStats
    private let budget: RetryBudget
    private let limiters: OperationRateLimiters
    private let progress = RegionProgress()
    private let observe: @Sendable (ResilienceEvent) -> Void

    public init(
        base: any GameLift, policy: RetryPolicy = .standard, timing: Timing = .system,
        stats: ResilienceStats = ResilienceStats(), observe: @escaping @Sendable (ResilienceEvent) -> Void = { _ in }
    ) {
        self.base = base
        self.policy = policy
        self.timing = timing
        self.stats = stats
        self.budget = RetryBudget(capacity: policy.budgetCapacity)
        let now = timing.now
        self.limiters = OperationRateLimiters { AdaptiveRateLimiter(now: now) }
        self.observe = observe
    }

    /// The rate limiter of one operation in a Region (exposed for tests and statistics).
    public func rateLimiter(for region: String, _ operation: GameLiftOperation) async -> AdaptiveRateLimiter {
        await limiters.limiter(for: region, operation)
    }

    /// Sends `request` through the operation's rate limiter in the Region, retrying as the policy allows.
    /// The base's: a forwarder keeps the base's grouping of fleets into connections.
    public func connectionGroup(of fleetId: String) -> Int { base.connectionGroup(of: fleetId) }

    public func send<Request: GameLiftRequest>(_ request: Request, region: String) async throws -> Request.Output {
        try await send(Request.operation, region) { try await base.send(request, region: region) }
    }

    private func emit(_ event: ResilienceEvent) {
        stats.record(event)
        observe(event)
    }

    private func send<Output: Sendable>(
        _ operation: GameLiftOperation, _ region: String, _ call: () async throws -> Output
    ) async throws -> Output {
        let limiter = await limiters.limiter(for: region, operation)
        var attempt = 0
        // Attempts counted against `maxAttempts`: every one but the throttles forgiven while the Region progresses.
        var charged = 0
        var freeThrottleWait = 0.0
        var refund = 1
        while true {
            attempt += 1
            charged += 1
            let wait = await limiter.reserve()
            if wait > 0 {
                emit(.rateLimited(operation, region: region, delay: wait))
                try await timing.sleep(wait)
            }
            emit(.attempt(operation, region: region, attempt: attempt))
            do {
                let output = try await RequestAttempt.$current.withValue(attempt) { try await call() }
                await limiter.succeeded()
                await progress.answered(region, at: timing.now())
                await budget.release(refund)
                return output
            } catch {
                let disposition = ErrorDisposition.of(error)
                let code = Self.code(of: error)
                if disposition == .throttle {
                    await limiter.throttled()
                    emit(.throttled(operation, region: region, newRate: await limiter.rate))
                } else {
                    await limiter.succeeded()
                    // An answer that is not worth retrying still shows the Region answering.
                    if disposition == .fail || disposition == .hold {
                        await progress.answered(region, at: timing.now())
                    }
                }
                var delay: Double?
                if disposition == .throttle,
                    await progress.answered(region, within: policy.progressWindow, of: timing.now())
                {
                    let wait = backoff(attempt: attempt, throttled: true, error: error)
                    delay = wait
                    if freeThrottleWait + wait <= policy.maxFreeThrottleWait {
                        freeThrottleWait += wait
                        charged -= 1
                        emit(.retry(operation, region: region, attempt: attempt, code: code, delay: wait))
                        try await timing.sleep(wait)
                        continue
                    }
                }
                guard disposition == .retry || disposition == .throttle, charged < policy.maxAttempts else {
                    emit(.gaveUp(operation, region: region, attempt: attempt, code: code))
                    throw error
                }
                let cost = error is GameLiftTransportError ? policy.transportRetryCost : policy.retryCost
                guard await budget.acquire(cost) else {
                    emit(.gaveUp(operation, region: region, attempt: attempt, code: code))
                    throw error
                }
                refund = cost
                let wait = delay ?? backoff(attempt: attempt, throttled: disposition == .throttle, error: error)
                emit(.retry(operation, region: region, attempt: attempt, code: code, delay: wait))
                try await timing.sleep(wait)
            }
        }
    }

    /// The backoff before retrying `attempt`: full jitter under the ceiling, at least what the server asked for.
    private func backoff(attempt: Int, throttled: Bool, error: any Error) -> Double {
        policy.delay(
            retry: attempt, throttled: throttled, random: timing.random(),
            retryAfter: (error as? GameLiftServiceError)?.retryAfter)
    }

    static func code(of error: any Error) -> String {
        switch error {
        case let e as GameLiftServiceError: e.code.rawValue
        case let e as GameLiftTransportError: e.code
        default: String(describing: type(of: error))
        }
    }
}
