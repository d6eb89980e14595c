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
    /// What started the run, recorded in the journal.
    public var cause: ApplyCause
    /// What the caller calls its options, for outcomes that name one (`not attempted: --fail-fast …`).
    public var names: RunOptionNames
    /// The broken rules of `fleetform.yaml` let pass for this run, with the reason: journaled with every intent.
    public var overrides: [RuleOverride] = []

    public init(
        parallelism: Int = 8, failFast: Bool = false, holdTimeout: Double = 0, runId: String,
        cause: ApplyCause = .apply, names: RunOptionNames = .swiftAPI
    ) {
        self.parallelism = parallelism
        self.failFast = failFast
        self.holdTimeout = holdTimeout
        self.runId = runId
        self.cause = cause
        self.names = names
    }
}

/// Applies a plan: per fleet (see `FleetUpdatePipeline`), re-reads the live configuration (unless the plan's
/// read is younger than `FleetUpdatePipeline.freshReadSeconds`) and refuses it if it changed since the plan
/// (stale), journals the configuration about to be overwritten, then sends one
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
    ///
    /// `readAt` is when (on `timing`'s clock) the plan's reads began, for a plan made in this run: a fleet
    /// whose read is younger than `FleetUpdatePipeline.freshReadSeconds` when its turn comes is not read again.
    /// `nil` (a saved plan): every fleet is read again and refused if it changed.
    public func apply(_ plan: PlanDocument, readAt: Double? = nil) async -> ApplyReport {
        let started = wallClock()
        let run = ApplyRun(self)
        let outcomes = await boundedMap(plan.fleets, limit: options.parallelism) { [self] fleet in
            let fresh = readAt.flatMap {
                timing.now() - $0 < FleetUpdatePipeline.freshReadSeconds ? fleet.observed : nil
            }
            return await run.finish(fleet, fresh: fresh)
        }
        return report(startedAt: started, outcomes: outcomes)
    }

    /// The report of this run.
    func report(startedAt: Date, outcomes: [FleetOutcome]) -> ApplyReport {
        withOverrides(
            ApplyReport(run: options.runId, startedAt: startedAt, finishedAt: wallClock(), outcomes: outcomes))
    }

    /// The report of the counts alone.
    func report(startedAt: Date, summary: ApplySummary) -> ApplyReport {
        withOverrides(ApplyReport(run: options.runId, startedAt: startedAt, finishedAt: wallClock(), summary: summary))
    }

    private func withOverrides(_ report: ApplyReport) -> ApplyReport {
        var report = report
        report.overrides = options.overrides.isEmpty ? nil : options.overrides
        return report
    }
}
