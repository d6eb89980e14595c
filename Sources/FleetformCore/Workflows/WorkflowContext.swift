import FleetSpec
import Foundation
import GameLiftAPI

/// What every workflow runs against: the GameLift it talks to (the seam: AWS, the simulation or a test
/// double), who hears its progress, and time (injected, so a test's virtual clock drives holds and watches).
public struct WorkflowContext: Sendable {
    public var gameLift: any GameLift
    /// Who the requests run as (STS `GetCallerIdentity`, the simulation's account); `nil` when there is no way
    /// to ask, which plans record as "account unknown".
    public var identity: (any IdentityProviding)?
    public var observer: any WorkflowObserver
    /// Monotonic time and sleeps, for hold timeouts and watch polling.
    public var timing: Timing
    /// Wall-clock time, for plan and journal timestamps.
    public var wallClock: @Sendable () -> Date
    /// What the caller calls its options, for messages that say how to change one (flags, on the command line).
    public var names: RunOptionNames
    /// With `fleetform.yaml`: each environment's account and identity (its requests go through `gameLift`, a
    /// `RoutedGameLift`); empty otherwise.
    public var environments: [EnvironmentAccount] = []

    public init(
        gameLift: any GameLift, identity: (any IdentityProviding)? = nil,
        observer: any WorkflowObserver = SilentObserver(), timing: Timing = .system,
        wallClock: @escaping @Sendable () -> Date = { Date() }, names: RunOptionNames = .swiftAPI
    ) {
        self.gameLift = gameLift
        self.identity = identity
        self.observer = observer
        self.timing = timing
        self.wallClock = wallClock
        self.names = names
    }

    /// Reads who the run is: its own caller and each environment's (never a GameLift request).
    func readCallers() async -> RunCallers {
        await RunCallers.read(run: identity, environments: environments)
    }
}
