import FleetformTesting
import GameLiftAPI
import Testing

/// The adaptive rate limiter under the patterns the fault soak showed: a burst of throttled answers from
/// requests already in flight, a throttle before any rate was measured, recovery after a long quiet spell.
@Suite("rate limiter under congestion")
struct RateLimiterCongestionTests {
    @Test("throttles answering requests already in flight lower the rate once, not once each")
    func oneDecreasePerEvent() async {
        let clock = VirtualClock(start: 0)
        let limiter = AdaptiveRateLimiter(now: { clock.now })
        for _ in 0..<100 {
            _ = await limiter.reserve()
            clock.advance(by: 0.01)
        }
        for _ in 0..<8 { await limiter.throttled() }
        let rate = await limiter.rate ?? 0
        // 0.7 × the measured ~100/s; eight compounding decreases would give under 6/s.
        #expect((65...75).contains(rate), "8 throttles at once should cut ~100/s by 30% once, got \(rate)")
        #expect(await limiter.throttles == 8)
        // Once the reaction window has passed, a new throttle is a new event.
        clock.advance(by: 0.2)
        await limiter.throttled()
        #expect((await limiter.rate ?? 0) < rate)
    }

    @Test("a throttle before the first measuring window uses the rate sent so far, not the floor")
    func throttleAtStart() async {
        let clock = VirtualClock(start: 0)
        let limiter = AdaptiveRateLimiter(now: { clock.now })
        for _ in 0..<20 {
            _ = await limiter.reserve()
            clock.advance(by: 0.005)
        }
        await limiter.throttled()
        let rate = await limiter.rate ?? 0
        #expect(rate > 100, "20 requests in 0.1 s is 200/s; the rate should start near 140/s, got \(rate)")
    }

    @Test("recovery never climbs above twice the measured sending rate")
    func growthCapped() async {
        let clock = VirtualClock(start: 0)
        let limiter = AdaptiveRateLimiter(now: { clock.now })
        for _ in 0..<40 {  // 20 requests a second for two seconds
            _ = await limiter.reserve()
            clock.advance(by: 0.05)
        }
        await limiter.throttled()
        clock.advance(by: 30)  // the cubic alone would be far above 1,000/s by now
        await limiter.succeeded()
        let rate = await limiter.rate ?? 0
        #expect(rate <= 41, "rate \(rate) should stay within 2 × the measured ~20/s")
        #expect(rate > 20)
    }
}
