import FleetSpec
import Foundation
import GameLiftAPI

/// One apply run, fleet by fleet: what every fleet goes through once its plan is known, whether the whole plan
/// was made first (`Applier.apply`) or each fleet is planned as it is read (`StreamingApplier`).
struct ApplyRun: Sendable {
    let applier: Applier
    let pipeline: FleetUpdatePipeline
    private let stop = StopSignal()

    init(_ applier: Applier) {
        self.applier = applier
        self.pipeline = FleetUpdatePipeline(
            gameLift: applier.gameLift, journal: applier.journal, options: applier.options, timing: applier.timing,
            wallClock: applier.wallClock)
    }

    /// Applies one planned fleet (after fail-fast stopped the run, a fleet to update is not attempted) and
    /// reports its outcome. `fresh`: its live configuration, read just now (see `FleetUpdatePipeline.run`).
    func finish(_ fleet: FleetPlan, fresh: RuntimeConfiguration?) async -> FleetOutcome {
        let outcome: FleetOutcome
        if let reason = await stop.reason, fleet.isChange {
            outcome = pipeline.outcome(fleet, .failed, detail: "not attempted: \(reason)")
        } else {
            outcome = await applyFleet(fleet, fresh: fresh)
        }
        if outcome.result == .failed, applier.options.failFast {
            await stop.set("\(applier.options.names[.failFast]) after \(fleet.fleetId) failed")
        }
        applier.onOutcome(outcome)
        return outcome
    }

    private func applyFleet(_ fleet: FleetPlan, fresh: RuntimeConfiguration?) async -> FleetOutcome {
        switch fleet.action {
        case .unchanged:
            return pipeline.outcome(fleet, .unchanged, status: fleet.status)
        case .failed:
            return pipeline.outcome(
                fleet, .failed, error: fleet.failure,
                detail: fleet.refusal != nil ? "refused: not this account" : "could not be read")
        case .update, .held:
            guard let request = fleet.request else {
                return pipeline.outcome(fleet, .failed, detail: "the plan has no request for this fleet")
            }
            return await pipeline.run(fleet, request, fresh: fresh)
        }
    }
}

/// Set once by the first failure when `--fail-fast` is on.
private actor StopSignal {
    private(set) var reason: String?
    func set(_ reason: String) { if self.reason == nil { self.reason = reason } }
}
