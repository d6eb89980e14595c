import Foundation
import GameLiftSimulation

extension SimulationClock {
    /// A clock driven by a `VirtualClock`: `start` is the date at the virtual clock's current reading, and
    /// sleeps advance virtual time at once (and are recorded by the virtual clock).
    public init(virtual clock: VirtualClock, startingAt start: Date) {
        let origin = clock.now
        let timing = clock.timing
        self.init(
            now: { start.addingTimeInterval(clock.now - origin) }, sleep: { seconds in try await timing.sleep(seconds) }
        )
    }
}
