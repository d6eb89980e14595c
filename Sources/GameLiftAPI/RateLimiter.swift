import Foundation

/// A client-side request-rate limiter for one operation in one Region that adapts to throttling, after the AWS SDKs'
/// "adaptive" retry mode: unlimited until the first throttle, then a token bucket whose rate drops by
/// `beta` on a throttle and grows back along a cubic curve towards (and past) the rate that was throttled,
/// never above twice the measured sending rate.
///
/// Throttles arriving within `reactionSeconds` of a decrease (at least two requests at the new rate) count
/// as the same congestion event: the requests already in flight or booked when the rate dropped are answered
/// throttled too, and compounding a decrease for each of them would collapse the rate to its minimum
/// (measured: 200 fleets through a 20 req/s throttle took 204 s that way, the rate stuck at 0.5/s).
public actor AdaptiveRateLimiter {
    /// Tokens per second; `nil` while no throttle has been seen.
    public private(set) var rate: Double?
    private let minimumRate: Double
    private let beta: Double
    /// Seconds the cubic takes to climb back to the last throttled rate.
    private let recoverySeconds: Double
    /// Throttles this soon after a decrease do not decrease the rate again.
    private let reactionSeconds: Double
    private let now: @Sendable () -> Double

    private var nextFree: Double = 0
    private var lastMaxRate: Double = 0
    private var lastThrottle: Double = 0
    private var lastDecrease = -Double.infinity
    private var measured: Double = 0
    private var bucketStart: Double
    private var bucketCount: Double = 0

    public private(set) var throttles = 0

    public init(
        minimumRate: Double = 0.5, beta: Double = 0.7, recoverySeconds: Double = 1.5, reactionSeconds: Double = 0.1,
        now: @escaping @Sendable () -> Double
    ) {
        self.minimumRate = minimumRate
        self.beta = beta
        self.recoverySeconds = recoverySeconds
        self.reactionSeconds = reactionSeconds
        self.now = now
        self.bucketStart = now()
    }

    /// Waits for permission to send one request; returns how long the caller must sleep first.
    public func reserve() -> Double {
        let t = now()
        measure(at: t)
        guard let rate else { return 0 }
        let slot = max(t, nextFree)
        nextFree = slot + 1 / rate
        return slot - t
    }

    /// Called on a throttling answer: lower the rate.
    public func throttled() {
        let t = now()
        throttles += 1
        if let rate, t - lastDecrease < max(reactionSeconds, 2 / rate) { return }
        let sending = max(sendingRate(at: t), minimumRate)
        let current = rate.map { min($0, sending) } ?? sending
        lastMaxRate = current
        lastThrottle = t
        lastDecrease = t
        rate = max(minimumRate, current * beta)
        nextFree = max(nextFree, t)
    }

    /// Called on any non-throttled answer: let the rate grow back, but not beyond twice what is being sent
    /// (a rate far above the real one says nothing, and would send a burst into the next throttle).
    public func succeeded() {
        guard rate != nil else { return }
        let t = now()
        let k = recoverySeconds
        let c = lastMaxRate * (1 - beta) / (k * k * k)
        let dt = t - lastThrottle - k
        let cubic = c * dt * dt * dt + lastMaxRate
        let ceiling = measured > 0 ? 2 * measured : Double.infinity
        rate = max(minimumRate, min(cubic, ceiling))
    }

    /// The measured sending rate; before the first full measuring window, the rate so far in this one.
    private func sendingRate(at t: Double) -> Double {
        if measured > 0 { return measured }
        return bucketCount / max(t - bucketStart, 0.05)
    }

    private func measure(at t: Double) {
        bucketCount += 1
        let width = t - bucketStart
        if width >= 0.5 {
            let sample = bucketCount / width
            measured = measured == 0 ? sample : 0.8 * sample + 0.2 * measured
            bucketStart = t
            bucketCount = 0
        }
    }
}

/// One rate limiter per Region and operation, made on first use. GameLift gives each API operation its own
/// rate and burst limit per account and Region (see docs/benchmarks.md, "Rate limits per operation"), so a
/// throttled `DescribeRuntimeConfiguration` must not slow `UpdateRuntimeConfiguration` down, nor one Region
/// another.
public actor OperationRateLimiters {
    private struct Key: Hashable {
        var region: String
        var operation: GameLiftOperation
    }

    private var limiters: [Key: AdaptiveRateLimiter] = [:]
    private let make: @Sendable () -> AdaptiveRateLimiter

    public init(make: @escaping @Sendable () -> AdaptiveRateLimiter) { self.make = make }

    public func limiter(for region: String, _ operation: GameLiftOperation) -> AdaptiveRateLimiter {
        let key = Key(region: region, operation: operation)
        if let l = limiters[key] { return l }
        let l = make()
        limiters[key] = l
        return l
    }
}
