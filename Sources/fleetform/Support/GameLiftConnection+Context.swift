import FleetformCore
import GameLiftConnection

extension GameLiftConnection {
    /// What a workflow runs against: this GameLift, its events shown on `console`.
    func context(_ console: Console, quiet: Bool = false) -> WorkflowContext {
        WorkflowContext(
            gameLift: gameLift, identity: identity, observer: console.observer(quiet: quiet), names: Words.names)
    }
}
