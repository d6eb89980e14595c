import Foundation
import GameLiftAPI

/// Wall-clock time and sleep for the simulation, injected so tests run instantly.
///
/// The simulation needs calendar time (event times, hold deadlines written to the state file), unlike
/// `Timing`, whose clock is monotonic (FleetformTesting bridges its `VirtualClock` to a date).
public struct SimulationClock: Sendable {
    /// The current date.
    public var now: @Sendable () -> Date
    /// Suspends for the given number of seconds (injected latency faults).
    public var sleep: @Sendable (Double) async throws -> Void

    /// A clock from explicit closures.
    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Double) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system clock and real sleeps.
    public static let system = SimulationClock(
        now: { Date() },
        sleep: { seconds in
            // Latency comes from a faults file: never trap converting it, and never sleep past a day.
            guard seconds > 0, seconds.isFinite else { return }
            try await Task.sleep(nanoseconds: UInt64(min(seconds, 86_400) * 1_000_000_000))
        })
}
