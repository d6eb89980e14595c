import FleetSpec
import Foundation
import GameLiftAPI

/// What a workflow reports while it runs, in order, for a terminal, a log or a test to follow. The final
/// result (a report and its `ExitStatus`) is the workflow's return value; events are the progress on the way.
public enum WorkflowEvent: Sendable {
    /// Problems found in the fleet files or against the live fleets, errors and warnings alike.
    case diagnostics([Diagnostic], fileCount: Int)
    /// A long step begins: `total` items, each reported by `progressAdvanced`.
    case progressStarted(label: String, total: Int)
    case progressAdvanced
    case progressFinished
    /// The plan is ready (apply shows it before asking for approval).
    case planReady(PlanDocument)
    /// The accounts a streamed apply runs as (or why one is unknown), read before any fleet: shown first, so a
    /// log names the accounts before any change in them. `includeRun`: some fleet is in no environment.
    case callersRead(RunCallers, includeRun: Bool)
    /// One fleet's plan, as soon as it is known (`apply --auto-approve` streams: each fleet is planned and
    /// applied at once); `planSummary` follows once every fleet is planned.
    case fleetPlanned(FleetPlan)
    /// Every fleet of a streamed plan is planned: the plan's summary.
    case planSummary(PlanSummary)
    /// The plan was saved to `path` (`plan --out`).
    case planSaved(path: String)
    /// A person was asked and did not approve; nothing was changed.
    case approvalDeclined(ApplyCause)
    /// One fleet's update ended (an apply, or a rollback applied like one).
    case fleetFinished(FleetOutcome, cause: ApplyCause)
    /// Every fleet of an apply or rollback ended.
    case applyFinished(ApplyReport, cause: ApplyCause)
    /// Watching `fleets` updated fleets' events for `seconds`.
    case watchStarted(fleets: Int, seconds: Double)
    /// `--watch` was asked for, but no fleet was updated.
    case nothingToWatch
    /// A failure event, as soon as it is first seen.
    case failureEvent(WatchTarget, FleetEvent)
    case watchFinished(WatchReport)
    /// `--rollback-on-failure` is restoring `fleets` failing fleets.
    case rollbackStarted(fleets: Int)
    case rollbackPlanned(RollbackPlan)
    /// The watch saw failure events; `rolledBack` counts the fleets restored (`nil` without
    /// `--rollback-on-failure`).
    case failureEventsSeen(rolledBack: Int?)
    /// One fleet of an import ended: written to `path`, or failed (`result.failure`).
    case fleetImported(ImportResult, path: String)
    case importFinished(written: Int, failed: Int, skipped: Int)
    /// A rollout will apply the changed fleets in these waves, each baked this long.
    case rolloutPlanned([PlanWave], bakeSeconds: Double)
    /// Wave `index` (1-based) of `of` starts.
    case waveStarted(index: Int, of: Int, wave: PlanWave)
    /// Wave `index` ended with `result`; `status` is its apply's exit status.
    case waveFinished(index: Int, result: RolloutWorkflow.WaveResult, status: ExitStatus)
    /// Every wave ended or was not started.
    case rolloutFinished([RolloutWorkflow.WaveResult])
    /// Something the user should know that does not stop the workflow.
    case warning(String)
    /// A problem that stops the workflow, or one of its steps.
    case failed(String)
}
