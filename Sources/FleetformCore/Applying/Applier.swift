import FleetSpec
import Foundation
import GameLiftAPI

/// Settings of one apply run.
public struct ApplyOptions: Sendable {
    /// Fleets applied at once.
    public var parallelism: Int
    /// Stop starting new fleets after the first failure.
    public var failFast: Bool
    /// How long a held fleet may be waited for (seconds); 0 reports it held at once.
    public var holdTimeout: Double
    /// Identifies the run in the journal.
    public var runId: String
    /// What started the run, recorded in the journal (`apply` or `rollback`).
    public var cause: String

    public init(
        parallelism: Int = 8, failFast: Bool = false, holdTimeout: Double = 0, runId: String,
        cause: String = "apply"
    ) {
        self.parallelism = parallelism
        self.failFast = failFast
        self.holdTimeout = holdTimeout
        self.runId = runId
        self.cause = cause
    }
}

/// Applies a plan: per fleet (see `FleetUpdatePipeline`), re-reads the live configuration and refuses it if it
/// changed since the plan (stale), journals the configuration about to be overwritten, then sends one
/// `UpdateRuntimeConfiguration`.
/// Transient errors and throttling are retried by the `GameLift` it is given (`ResilientGameLift`);
/// `InvalidFleetStatusException` holds the fleet (waiting up to `holdTimeout` for its status to allow the
/// update); other errors fail that fleet only, unless `failFast`.
public struct Applier: Sendable {
    public let gameLift: any GameLift
    public let journal: Journal
    public let options: ApplyOptions
    public let timing: Timing
    public let wallClock: @Sendable () -> Date
    public let onOutcome: @Sendable (FleetOutcome) -> Void

    public init(
        gameLift: any GameLift, journal: Journal, options: ApplyOptions, timing: Timing = .system,
        wallClock: @escaping @Sendable () -> Date = { Date() },
        onOutcome: @escaping @Sendable (FleetOutcome) -> Void = { _ in }
    ) {
        self.gameLift = gameLift
        self.journal = journal
        self.options = options
        self.timing = timing
        self.wallClock = wallClock
        self.onOutcome = onOutcome
    }

    /// Applies every fleet of `plan`, `parallelism` at a time, through the `FleetUpdatePipeline`; every fleet
    /// ends in exactly one outcome, reported to `onOutcome` as it ends and in the returned report.
    public func apply(_ plan: PlanDocument) async -> ApplyReport {
        let started = wallClock()
        let stop = StopSignal()
        let pipeline = FleetUpdatePipeline(
            gameLift: gameLift, journal: journal, options: options, timing: timing, wallClock: wallClock)
        let outcomes = await boundedMap(plan.fleets, limit: options.parallelism) { [self] fleet in
            let outcome: FleetOutcome
            if let reason = await stop.reason, fleet.action == .update || fleet.action == .held {
                outcome = pipeline.outcome(fleet, .failed, detail: "not attempted: \(reason)")
            } else {
                outcome = await applyFleet(fleet, pipeline)
            }
            if outcome.result == .failed, options.failFast {
                await stop.set("--fail-fast after \(fleet.fleetId) failed")
            }
            onOutcome(outcome)
            return outcome
        }
        return ApplyReport(run: options.runId, startedAt: started, finishedAt: wallClock(), outcomes: outcomes)
    }

    private func applyFleet(_ fleet: FleetPlan, _ pipeline: FleetUpdatePipeline) async -> FleetOutcome {
        switch fleet.action {
        case .unchanged:
            return pipeline.outcome(fleet, .unchanged, status: fleet.status)
        case .failed:
            let refused = PlanCaller.isRefusal(fleet.error)
            return pipeline.outcome(
                fleet, .failed, error: fleet.error, detail: refused ? "refused: not this account" : "could not be read")
        case .update, .held:
            guard let request = fleet.request else {
                return pipeline.outcome(fleet, .failed, detail: "the plan has no request for this fleet")
            }
            return await pipeline.run(fleet, request)
        }
    }
}

/// Set once by the first failure when `--fail-fast` is on.
private actor StopSignal {
    private(set) var reason: String?
    func set(_ reason: String) { if self.reason == nil { self.reason = reason } }
}
