import FleetformTesting
import Foundation
import Testing

@testable import GameLiftAPI

@Suite("Error disposition")
struct ErrorDispositionTests {
    static let table: [(any Error & Sendable, ErrorDisposition)] = [
        (GameLiftServiceError(code: .internalService, message: "", httpStatus: 500), .retry),
        (GameLiftServiceError(code: "SomethingNew", message: "", httpStatus: 503), .retry),
        (GameLiftServiceError(code: .throttling, message: "", httpStatus: 400), .throttle),
        (GameLiftServiceError(code: "RequestLimitExceeded", message: "", httpStatus: 400), .throttle),
        (GameLiftServiceError(code: "Whatever", message: "", httpStatus: 429), .throttle),
        (GameLiftServiceError(code: .invalidFleetStatus, message: "", httpStatus: 400), .hold),
        // GameLift's LimitExceededException is a service limit, not throttling: never retried.
        (GameLiftServiceError(code: .limitExceeded, message: "", httpStatus: 400), .fail),
        (GameLiftServiceError(code: .notFound, message: "", httpStatus: 400), .fail),
        (GameLiftServiceError(code: .invalidRequest, message: "", httpStatus: 400), .fail),
        (GameLiftServiceError(code: .unauthorized, message: "", httpStatus: 400), .fail),
        (GameLiftTransportError(kind: .connection, message: "reset"), .retry),
        (GameLiftTransportError(kind: .timeout, message: "slow"), .retry),
        // Nothing got through the proxy: retrying would only repeat the refusal.
        (GameLiftTransportError(kind: .proxy, message: "no request got through the proxy"), .fail),
        (CocoaError(.fileNoSuchFile), .fail),
    ]

    @Test(arguments: 0..<table.count)
    func disposition(index: Int) {
        let (error, expected) = Self.table[index]
        #expect(ErrorDisposition.of(error) == expected, "\(error)")
    }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test func ceilingDoublesUpToTheCap() {
        let p = RetryPolicy(baseDelay: 0.1, throttleBaseDelay: 1, maxDelay: 1.5)
        #expect((1...6).map { p.backoffCeiling(retry: $0, throttled: false) } == [0.1, 0.2, 0.4, 0.8, 1.5, 1.5])
        #expect(p.backoffCeiling(retry: 1, throttled: true) == 1)
    }

    @Test func fullJitterAndRetryAfter() {
        let p = RetryPolicy(baseDelay: 0.1, maxDelay: 20)
        #expect(p.delay(retry: 3, throttled: false, random: 0.5) == 0.2)
        #expect(p.delay(retry: 3, throttled: false, random: 0) == 0)
        #expect(p.delay(retry: 1, throttled: false, random: 0.5, retryAfter: 2) == 2)
        #expect(p.delay(retry: 1, throttled: false, random: 0.5, retryAfter: 999) == 20)
    }
}

/// Answers calls of any operation from a script: each entry an error to throw or `nil` for success, in turn; then
/// succeeds. Counts attempts.
final class FlakyGameLift: GameLiftService, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [(any Error & Sendable)?]
    private(set) var attempts = 0

    init(script: [(any Error & Sendable)?]) { self.script = script }

    /// Fails `failures` times with `error`, then succeeds.
    convenience init(failures: Int, error: any Error & Sendable) {
        self.init(script: Array(repeating: error, count: failures))
    }

    private func step() throws {
        try lock.withLock {
            attempts += 1
            guard !script.isEmpty else { return }
            if let error = script.removeFirst() { throw error }
        }
    }

    func answer(_ input: DescribeRuntimeConfigurationInput, region: String) async throws
        -> DescribeRuntimeConfigurationOutput
    {
        try step()
        return DescribeRuntimeConfigurationOutput(runtimeConfiguration: RuntimeConfiguration())
    }
    func answer(_ input: UpdateRuntimeConfigurationInput, region: String) async throws
        -> UpdateRuntimeConfigurationOutput
    {
        try step()
        return UpdateRuntimeConfigurationOutput(runtimeConfiguration: input.runtimeConfiguration)
    }
    func answer(_ input: DescribeFleetAttributesInput, region: String) async throws
        -> DescribeFleetAttributesOutput
    {
        try step()
        return DescribeFleetAttributesOutput(fleetAttributes: [])
    }
    func answer(_ input: DescribeFleetEventsInput, region: String) async throws
        -> DescribeFleetEventsOutput
    {
        try step()
        return DescribeFleetEventsOutput(events: [])
    }
    func answer(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        try step()
        return ListFleetsOutput(fleetIds: [])
    }
    func answer(_ input: DescribeFleetCapacityInput, region: String) async throws
        -> DescribeFleetCapacityOutput
    {
        try step()
        return DescribeFleetCapacityOutput(fleetCapacity: [])
    }
    func answer(_ input: DescribeFleetUtilizationInput, region: String) async throws
        -> DescribeFleetUtilizationOutput
    {
        try step()
        return DescribeFleetUtilizationOutput(fleetUtilization: [])
    }
    func answer(_ input: DescribeFleetLocationCapacityInput, region: String) async throws
        -> DescribeFleetLocationCapacityOutput
    {
        try step()
        return DescribeFleetLocationCapacityOutput(fleetCapacity: nil)
    }
    func answer(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
    {
        try step()
        return DescribeFleetLocationUtilizationOutput(fleetUtilization: nil)
    }
}

@Suite("Resilient GameLift")
struct ResilientGameLiftTests {
    static let internalError = GameLiftServiceError(code: .internalService, message: "boom", httpStatus: 500)
    static let input = DescribeRuntimeConfigurationInput(fleetId: "fleet-1")

    @Test("the event sequence of two retries is exact")
    func exactSequence() async throws {
        let clock = VirtualClock(random: [0.5])
        let events = EventLog()
        let base = FlakyGameLift(failures: 2, error: Self.internalError)
        let client = ResilientGameLift(
            base: base, policy: RetryPolicy(baseDelay: 0.1), timing: clock.timing, observe: events.append)
        _ = try await client.send(Self.input, region: "us-west-2")
        #expect(
            events.all == [
                .attempt(.describeRuntimeConfiguration, region: "us-west-2", attempt: 1),
                .retry(
                    .describeRuntimeConfiguration, region: "us-west-2", attempt: 1, code: "InternalServiceException",
                    delay: 0.05),
                .attempt(.describeRuntimeConfiguration, region: "us-west-2", attempt: 2),
                .retry(
                    .describeRuntimeConfiguration, region: "us-west-2", attempt: 2, code: "InternalServiceException",
                    delay: 0.1),
                .attempt(.describeRuntimeConfiguration, region: "us-west-2", attempt: 3),
            ])
        #expect(clock.sleeps == [0.05, 0.1])
    }

    @Test("an empty retry budget returns the error instead of retrying")
    func retryBudget() async throws {
        let clock = VirtualClock()
        let base = FlakyGameLift(failures: 100, error: Self.internalError)
        let client = ResilientGameLift(
            base: base, policy: RetryPolicy(maxAttempts: 50, budgetCapacity: 10, retryCost: 5), timing: clock.timing)
        await #expect(throws: GameLiftServiceError.self) {
            _ = try await client.send(Self.input, region: "us-west-2")
        }
        #expect(base.attempts == 3)  // the first attempt and two retries of 5 tokens each
    }

    @Test("holds and final errors pass through at once")
    func passThrough() async throws {
        for code in [GameLiftErrorCode.invalidFleetStatus, .limitExceeded, .notFound] {
            let base = FlakyGameLift(
                failures: 1, error: GameLiftServiceError(code: code, message: "x", httpStatus: 400))
            let clock = VirtualClock()
            let client = ResilientGameLift(base: base, timing: clock.timing)
            await #expect(throws: GameLiftServiceError.self) {
                _ = try await client.send(Self.input, region: "us-west-2")
            }
            #expect(base.attempts == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    static let throttle = GameLiftServiceError(code: .throttling, message: "Rate exceeded", httpStatus: 400)

    /// One request answered, then a second one throttled twelve times before it succeeds, under `policy` and a
    /// virtual clock drawing `random`: whether the second succeeded, how many attempts reached the service in all,
    /// and every sleep.
    static func throttledAfterProgress(policy: RetryPolicy, random: Double) async
        -> (succeeded: Bool, attempts: Int, sleeps: [Double])
    {
        let clock = VirtualClock(random: [random])
        let base = FlakyGameLift(script: [nil] + Array(repeating: throttle, count: 12))
        let client = ResilientGameLift(base: base, policy: policy, timing: clock.timing)
        _ = try? await client.send(DescribeFleetAttributesInput(), region: "us-west-2")
        let succeeded = (try? await client.send(Self.input, region: "us-west-2")) != nil
        return (succeeded, base.attempts, clock.sleeps)
    }

    @Test("a throttle costs no attempt while the Region answers other requests")
    func throttlesWhileProgressing() async throws {
        let run = await Self.throttledAfterProgress(policy: RetryPolicy(maxAttempts: 3), random: 0)
        #expect(run.succeeded)
        #expect(run.attempts == 1 + 13)
    }

    @Test("without a recent answer from the Region, throttles count as attempts")
    func throttlesWithoutProgress() async throws {
        let clock = VirtualClock(random: [0])
        let base = FlakyGameLift(failures: 12, error: Self.throttle)
        let client = ResilientGameLift(base: base, policy: RetryPolicy(maxAttempts: 3), timing: clock.timing)
        await #expect(throws: GameLiftServiceError.self) {
            _ = try await client.send(Self.input, region: "us-west-2")
        }
        #expect(base.attempts == 3)
    }

    @Test("progress goes stale after the window: throttles are charged again")
    func progressGoesStale() async throws {
        // Backoffs of 0.125, 0.25 … 8 s: the seventh throttle comes 7.875 s after the Region's last answer (free),
        // the eighth 15.875 s after it (charged), so three charged attempts end the request at the tenth.
        let run = await Self.throttledAfterProgress(policy: RetryPolicy(maxAttempts: 3), random: 0.5)
        #expect(!run.succeeded)
        #expect(run.attempts == 1 + 10)
        #expect(run.sleeps == [0.125, 0.25, 0.5, 1, 2, 4, 8, 10, 10])
    }

    @Test("free throttle waiting is bounded per request")
    func freeWaitIsBounded() async throws {
        // Free backoffs of 0.125 + 0.25 + 0.5 s fit under 1 s; the fourth (1 s) does not, so it is charged.
        let run = await Self.throttledAfterProgress(
            policy: RetryPolicy(maxAttempts: 2, maxFreeThrottleWait: 1), random: 0.5)
        #expect(!run.succeeded)
        #expect(run.attempts == 1 + 5)
        #expect(run.sleeps == [0.125, 0.25, 0.5, 1])
    }

    @Test("a server's retry-after is honoured")
    func retryAfter() async throws {
        let clock = VirtualClock(random: [0])
        let base = FlakyGameLift(
            failures: 1,
            error: GameLiftServiceError(code: .throttling, message: "slow down", httpStatus: 400, retryAfter: 1.5))
        let client = ResilientGameLift(base: base, timing: clock.timing)
        _ = try await client.send(Self.input, region: "us-west-2")
        #expect(clock.sleeps.first == 1.5)
    }
}

@Suite("Adaptive rate limiter")
struct AdaptiveRateLimiterTests {
    @Test("unlimited until throttled; then spaced by 1/rate; grows back along the cubic")
    func adapts() async {
        let clock = VirtualClock(start: 0)
        let limiter = AdaptiveRateLimiter(beta: 0.7, recoverySeconds: 2, now: { clock.now })
        // 100 requests a second for two seconds: no waiting while unthrottled.
        for _ in 0..<200 {
            #expect(await limiter.reserve() == 0)
            clock.advance(by: 0.01)
        }
        await limiter.throttled()
        let rate = await limiter.rate ?? 0
        #expect(abs(rate - 70) < 1, "rate \(rate) should be 0.7 × the measured 100/s")
        // Requests are now spaced 1/rate apart.
        let first = await limiter.reserve()
        let second = await limiter.reserve()
        #expect(abs((second - first) - 1 / rate) < 1e-9)
        // After the recovery time, success brings the rate back to where it was throttled.
        clock.advance(by: 2)
        await limiter.succeeded()
        let recovered = await limiter.rate ?? 0
        #expect(abs(recovered - 100) < 1.5, "recovered \(recovered)")
        // Later still, it probes above it.
        clock.advance(by: 1)
        await limiter.succeeded()
        #expect((await limiter.rate ?? 0) > recovered)
    }
}

/// Collects resilience events from the observer callback.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ResilienceEvent] = []
    var all: [ResilienceEvent] { lock.withLock { events } }
    func append(_ e: ResilienceEvent) { lock.withLock { events.append(e) } }
}
