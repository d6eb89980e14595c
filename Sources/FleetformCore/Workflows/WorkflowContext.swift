import Foundation
import GameLiftAPI

/// What every workflow runs against: the GameLift it talks to (the seam: AWS, the simulation or a test
/// double), who hears its progress, and time (injected, so a test's virtual clock drives holds and watches).
public struct WorkflowContext: Sendable {
    public var gameLift: any GameLift
    public var observer: any WorkflowObserver
    /// Monotonic time and sleeps, for hold timeouts and watch polling.
    public var timing: Timing
    /// Wall-clock time, for plan and journal timestamps.
    public var wallClock: @Sendable () -> Date

    public init(
        gameLift: any GameLift, observer: any WorkflowObserver = SilentObserver(), timing: Timing = .system,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.gameLift = gameLift
        self.observer = observer
        self.timing = timing
        self.wallClock = wallClock
    }
}
