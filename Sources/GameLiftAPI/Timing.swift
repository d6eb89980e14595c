import Foundation

/// Time and chance, injected: production uses the system clock, real sleeps and a random generator;
/// tests use a virtual clock whose sleeps return at once and are recorded, so retry tests run in
/// milliseconds and assert exact delays.
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

/// A clock for tests: `sleep` advances virtual time instantly and records each delay.
public final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double
    private var recorded: [Double] = []
    private var randomValues: [Double]
    private var randomIndex = 0

    /// - Parameter random: values `random()` returns in turn (repeating); 0.5 when empty.
    public init(start: Double = 1_000, random: [Double] = []) {
        self.current = start
        self.randomValues = random
    }

    public var now: Double { lock.withLock { current } }
    /// Every delay slept so far, in order.
    public var sleeps: [Double] { lock.withLock { recorded } }

    public func advance(by seconds: Double) { lock.withLock { current += seconds } }

    public var timing: Timing {
        Timing(
            now: { [self] in now },
            sleep: { [self] seconds in
                lock.withLock {
                    recorded.append(seconds)
                    if seconds > 0 { current += seconds }
                }
                await Task.yield()
            },
            random: { [self] in
                lock.withLock {
                    guard !randomValues.isEmpty else { return 0.5 }
                    defer { randomIndex += 1 }
                    return randomValues[randomIndex % randomValues.count]
                }
            }
        )
    }
}
