import Foundation

/// Time and chance, injected: production uses the system clock, real sleeps and a random generator; tests
/// use a virtual clock (FleetformTesting's `VirtualClock`) whose sleeps return at once and are recorded, so
/// retry tests run in milliseconds and assert exact delays.
public struct Timing: Sendable {
    /// Seconds on a monotonic clock.
    public var now: @Sendable () -> Double
    /// Suspends for the given number of seconds.
    public var sleep: @Sendable (Double) async throws -> Void
    /// A uniformly distributed number in [0, 1).
    public var random: @Sendable () -> Double

    public init(
        now: @escaping @Sendable () -> Double,
        sleep: @escaping @Sendable (Double) async throws -> Void,
        random: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    public static let system = Timing(
        now: {
            let t = ContinuousClock.now.duration(to: Timing.epoch)
            return -(Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18)
        },
        sleep: { seconds in
            // Delays can derive from outside numbers (retry-after headers, durations): never trap on them.
            guard seconds > 0, seconds.isFinite else { return }
            try await Task.sleep(nanoseconds: UInt64(min(seconds, 31_536_000) * 1_000_000_000))
        },
        random: { Double.random(in: 0..<1) }
    )

    private static let epoch = ContinuousClock.now
}
