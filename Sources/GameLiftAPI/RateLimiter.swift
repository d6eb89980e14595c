import Foundation

/// A client-side request-rate limiter for one region that adapts to throttling, after the AWS SDKs'
/// "adaptive" retry mode: unlimited until the first throttle, then a token bucket whose rate drops by
/// `beta` on each throttle and grows back along a cubic curve towards (and past) the rate that was throttled.
public actor AdaptiveRateLimiter {
    /// Tokens per second; `nil` while no throttle has been seen.
    public private(set) var rate: Double?
    private let minimumRate: Double
    private let beta: Double
    /// Seconds the cubic takes to climb back to the last throttled rate.
    private let recoverySeconds: Double
    private let now: @Sendable () -> Double

    private var nextFree: Double = 0
    private var lastMaxRate: Double = 0
    private var lastThrottle: Double = 0
    private var measured: Double = 0
    private var bucketStart: Double
    private var bucketCount: Double = 0

    public private(set) var throttles = 0

    public init(
        minimumRate: Double = 0.5, beta: Double = 0.7, recoverySeconds: Double = 1.5,
        now: @escaping @Sendable () -> Double
    ) {
        self.minimumRate = minimumRate
        self.beta = beta
        self.recoverySeconds = recoverySeconds
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
        let current = rate.map { min($0, max(measured, minimumRate)) } ?? max(measured, minimumRate)
        lastMaxRate = current
        lastThrottle = t
        rate = max(minimumRate, current * beta)
        nextFree = max(nextFree, t)
    }

    /// Called on any non-throttled answer: let the rate grow back.
    public func succeeded() {
        guard rate != nil else { return }
        let t = now()
        let k = recoverySeconds
        let c = lastMaxRate * (1 - beta) / (k * k * k)
        let dt = t - lastThrottle - k
        let cubic = c * dt * dt * dt + lastMaxRate
        rate = max(minimumRate, cubic)
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

/// One rate limiter per region, made on first use.
public actor RegionRateLimiters {
    private var limiters: [String: AdaptiveRateLimiter] = [:]
    private let make: @Sendable () -> AdaptiveRateLimiter

    public init(make: @escaping @Sendable () -> AdaptiveRateLimiter) { self.make = make }

    public func limiter(for region: String) -> AdaptiveRateLimiter {
        if let l = limiters[region] { return l }
        let l = make()
        limiters[region] = l
        return l
    }
}
