import Foundation
import GameLiftAPI

/// A clock for tests: `sleep` advances virtual time instantly and records each delay; `timing` is the
/// `Timing` to inject.
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
