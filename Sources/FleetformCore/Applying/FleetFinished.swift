import FleetSpec
import GameLiftAPI

/// Thrown by a pipeline step that ends the fleet: its outcome (failed, held or refused).
public struct FleetFinished: Error, Sendable {
    public var outcome: FleetOutcome
    public init(_ outcome: FleetOutcome) { self.outcome = outcome }
}
