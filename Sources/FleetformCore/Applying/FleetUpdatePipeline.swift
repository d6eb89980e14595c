import FleetSpec
import Foundation
import GameLiftAPI

/// The steps of updating one planned fleet, each usable on its own so that apply strategies (all at once,
/// streaming, waves) can compose them: read the live configuration (unless it was read just now) → refuse it
/// if it changed since the plan
/// (stale) → journal the intent → send `UpdateRuntimeConfiguration` → on a hold, wait for the fleet's status
/// to allow the update and go round again. A step that ends the fleet throws `FleetFinished` with its outcome.
public struct FleetUpdatePipeline: Sendable {
    public let gameLift: any GameLift
    public let journal: Journal
    public let options: ApplyOptions
    public let timing: Timing
    public let wallClock: @Sendable () -> Date

    public init(
        gameLift: any GameLift, journal: Journal, options: ApplyOptions, timing: Timing = .system,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.gameLift = gameLift
        self.journal = journal
        self.options = options
        self.timing = timing
        self.wallClock = wallClock
    }

    /// How `send` ended when it did not finish the fleet.
    public enum SendResult: Sendable {
        case updated(FleetOutcome)
        /// GameLift refused the update for the fleet's status (`InvalidFleetStatusException`).
        case held(ServiceErrorInfo)
    }

    /// How old (seconds) a plan's read of a fleet may be for apply to write without reading the fleet again.
    /// The window between reading a fleet and overwriting it is then as short as a streaming apply's (one
    /// round trip and a journal flush); anything older is read again and refused if it changed (README, "How
    /// apply behaves").
    public static let freshReadSeconds = 2.0

    /// Every step, in order, until the fleet is updated, held past the hold timeout, or failed.
    ///
    /// `fresh` is the fleet's live configuration when it was read just now (a streaming apply, or a plan younger
    /// than `freshReadSeconds`): the first round uses it instead of reading again. A round after a hold always
    /// reads again.
    public func run(
        _ fleet: FleetPlan, _ request: UpdateRuntimeConfigurationInput, fresh: RuntimeConfiguration? = nil
    ) async -> FleetOutcome {
        let deadline = timing.now() + options.holdTimeout
        var pollDelay = 1.0
        var fresh = fresh
        do throws(FleetFinished) {
            while true {
                let live: RuntimeConfiguration
                if let read = fresh {
                    live = read
                    fresh = nil
                } else {
                    live = try await readLive(fleet)
                }
                try checkNotStale(fleet, live: live)
                try await journalIntent(fleet, previous: live, new: request.runtimeConfiguration)
                switch try await send(fleet, request, previous: live) {
                case .updated(let outcome):
                    return outcome
                case .held(let error):
                    try await waitWhileHeld(fleet, error: error, deadline: deadline, pollDelay: &pollDelay)
                }
            }
        } catch {
            return error.outcome
        }
    }

    /// Reads the fleet's live configuration: a change made since the plan is never overwritten.
    public func readLive(_ fleet: FleetPlan) async throws(FleetFinished) -> RuntimeConfiguration {
        do {
            return try await LiveFleetReader(gameLift: gameLift).configuration(of: fleet.key)
        } catch {
            throw finished(fleet, .failed, error: ServiceErrorInfo(error), detail: "could not re-read the fleet")
        }
    }

    /// Refuses the fleet when its live configuration is not the one the plan observed.
    public func checkNotStale(_ fleet: FleetPlan, live: RuntimeConfiguration) throws(FleetFinished) {
        guard let expected = fleet.observedFingerprint, Fingerprint.of(live) != expected else { return }
        throw finished(
            fleet, .failed, error: ServiceErrorInfo(code: "StalePlan", message: "live configuration changed"),
            detail: "refused: its live configuration changed since the plan was made; run plan again")
    }

    /// Journals the configuration about to be overwritten, flushed to disk, before anything is sent.
    public func journalIntent(
        _ fleet: FleetPlan, previous: RuntimeConfiguration, new: RuntimeConfiguration
    ) async throws(FleetFinished) {
        do {
            try await journal.append(entry(.intent, fleet, previous: previous, new: new))
        } catch {
            throw finished(fleet, .failed, detail: "not sent, journal unavailable: \(error)")
        }
    }

    /// Sends the update and journals its result. Retrying transient errors is the `GameLift`'s job
    /// (`ResilientGameLift`); a hold is returned for the caller to wait on; any other error fails the fleet.
    public func send(
        _ fleet: FleetPlan, _ request: UpdateRuntimeConfigurationInput, previous: RuntimeConfiguration
    ) async throws(FleetFinished) -> SendResult {
        // The watch counts events from when the update was sent, not from when its answer arrived: GameLift
        // starts rolling the new configuration out in between, and a slow or retried answer must not hide
        // the first failures.
        let sentAt = wallClock()
        do {
            _ = try await gameLift.send(request, region: fleet.region)
        } catch {
            guard ErrorDisposition.of(error) == .hold else {
                try? await journal.append(entry(.result, fleet, outcome: .failed))
                throw finished(fleet, .failed, error: ServiceErrorInfo(error))
            }
            return .held(ServiceErrorInfo(error))
        }
        let done = outcome(
            fleet, .updated, updatedAt: sentAt, previous: previous, applied: request.runtimeConfiguration)
        try? await journal.append(entry(.result, fleet, outcome: .updated))
        return .updated(done)
    }

    /// Waits, polling the fleet's status with backoff, until it allows the update (then returns, to go
    /// round again) or `deadline` passes (then the fleet ends held, with its status).
    public func waitWhileHeld(
        _ fleet: FleetPlan, error: ServiceErrorInfo, deadline: Double, pollDelay: inout Double
    ) async throws(FleetFinished) {
        let reader = LiveFleetReader(gameLift: gameLift)
        let status = try? await reader.status(of: fleet.key)
        while timing.now() < deadline {
            try? await timing.sleep(min(pollDelay, deadline - timing.now()))
            pollDelay = min(pollDelay * 2, 30)
            if let now = try? await reader.status(of: fleet.key), now.allowsRuntimeConfigurationUpdate { return }
        }
        try? await journal.append(entry(.result, fleet, outcome: .held))
        var shown = status.map { "the fleet's status is \($0)" } ?? "the fleet's status is unknown"
        // A multi-location fleet: the locations' statuses may explain the refusal.
        let locations = await LiveFleetReader.locations(of: fleet.key, attributes: nil, gameLift: gameLift)
        let named = (locations ?? []).compactMap { l in l.location.map { "\($0) \(l.status?.rawValue ?? "unknown")" } }
        if !named.isEmpty { shown += "; its locations: " + named.joined(separator: ", ") }
        let waited = options.holdTimeout > 0 ? "; still refused after waiting \(Int(options.holdTimeout))s" : ""
        throw finished(
            fleet, .held, status: status, error: error,
            detail: "held: GameLift refused the update for the fleet's status (\(shown))\(waited)")
    }

    private func entry(
        _ kind: JournalEntry.Kind, _ fleet: FleetPlan, previous: RuntimeConfiguration? = nil,
        new: RuntimeConfiguration? = nil, outcome: FleetOutcome.Result? = nil
    ) -> JournalEntry {
        var entry = JournalEntry(
            kind: kind, run: options.runId, time: wallClock(), fleetId: fleet.fleetId,
            fleetIdOrArn: fleet.fleetIdOrArn, region: fleet.region, cause: options.cause.rawValue, previous: previous,
            new: new, outcome: outcome)
        if kind == .intent {
            entry.environment = fleet.environment
            entry.overrides = options.overrides.isEmpty ? nil : options.overrides
        }
        return entry
    }

    private func finished(
        _ fleet: FleetPlan, _ result: FleetOutcome.Result, status: FleetStatus? = nil, error: ServiceErrorInfo? = nil,
        detail: String? = nil
    ) -> FleetFinished {
        FleetFinished(outcome(fleet, result, status: status, error: error, detail: detail))
    }

    /// The outcome of `fleet`, its status defaulting to the one planned.
    public func outcome(
        _ fleet: FleetPlan, _ result: FleetOutcome.Result, status: FleetStatus? = nil,
        error: ServiceErrorInfo? = nil, detail: String? = nil, updatedAt: Date? = nil,
        previous: RuntimeConfiguration? = nil, applied: RuntimeConfiguration? = nil
    ) -> FleetOutcome {
        FleetOutcome(
            fleetId: fleet.fleetId, region: fleet.region, source: fleet.source, result: result,
            status: status ?? fleet.status, error: error, detail: detail, updatedAt: updatedAt, previous: previous,
            applied: applied)
    }
}
