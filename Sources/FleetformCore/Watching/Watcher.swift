import Foundation
import GameLiftAPI

/// One fleet to watch after its update: its events count from `since` (the update time) on.
public struct WatchTarget: Sendable, Hashable {
    public var fleetId: String
    /// The id or ARN requests use.
    public var fleetIdOrArn: String
    public var region: String
    public var since: Date

    public init(fleetId: String, fleetIdOrArn: String? = nil, region: String, since: Date) {
        self.fleetId = fleetId
        self.fleetIdOrArn = fleetIdOrArn ?? fleetId
        self.region = region
        self.since = since
    }

    /// The fleets an apply updated, each from the time its update was accepted.
    public static func updated(in report: ApplyReport) -> [WatchTarget] {
        report.outcomes.compactMap { outcome in
            guard outcome.result == .updated, let since = outcome.updatedAt else { return nil }
            return WatchTarget(fleetId: outcome.fleetId, region: outcome.region, since: since)
        }
    }
}

/// How long and how often to poll.
public struct WatchOptions: Sendable, Hashable {
    /// Seconds to watch, from the start of watching.
    public var duration: Double
    /// The first pause between polls; it doubles after each poll, up to `maxDelay`.
    public var firstDelay: Double
    public var maxDelay: Double
    /// Stop before the duration ends once every fleet has shown a failure: nothing left to learn, and a
    /// rollback should not wait.
    public var stopWhenAllFail: Bool
    /// Fleets read at once.
    public var parallelism: Int

    public init(
        duration: Double, firstDelay: Double = 5, maxDelay: Double = 60, stopWhenAllFail: Bool = true,
        parallelism: Int = 8
    ) {
        self.duration = duration
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.stopWhenAllFail = stopWhenAllFail
        self.parallelism = parallelism
    }
}

/// Watches updated fleets' event logs for the events that show a new runtime configuration failing
/// (`EventCode.indicatesRuntimeConfigurationFailure`). Polls with backoff on injected time until the
/// duration ends; each poll reads from the newest event already seen (or the update time), following every
/// page, and events are deduplicated by `EventId` across polls.
public struct Watcher: Sendable {
    public let reader: EventReader
    public let options: WatchOptions
    public let timing: Timing
    /// Called once for each failure event, as it is first seen.
    public let onFailure: @Sendable (WatchTarget, FleetEvent) -> Void

    public init(
        gameLift: any GameLift, options: WatchOptions, timing: Timing = .system,
        onFailure: @escaping @Sendable (WatchTarget, FleetEvent) -> Void = { _, _ in }
    ) {
        self.reader = EventReader(gameLift: gameLift)
        self.options = options
        self.timing = timing
        self.onFailure = onFailure
    }

    /// Polls every target's events until the duration ends (or, with `stopWhenAllFail`, every fleet has shown
    /// a failure), calling `onFailure` for each failure event as it is first seen; returns what each fleet
    /// logged after its update.
    public func watch(_ targets: [WatchTarget]) async -> WatchReport {
        guard !targets.isEmpty else {
            return WatchReport(duration: options.duration, watchedSeconds: 0, polls: 0, fleets: [])
        }
        var progress = targets.map(FleetProgress.init)
        let started = timing.now()
        let deadline = started + max(0, options.duration)
        var delay = max(0.001, options.firstDelay)
        var polls = 0
        while true {
            let snapshot = progress
            let results = await boundedMap(snapshot, limit: options.parallelism) { [reader] fleet in
                await Self.poll(fleet, reader)
            }
            polls += 1
            for index in progress.indices {
                for event in progress[index].merge(results[index])
                where event.eventCode.indicatesRuntimeConfigurationFailure {
                    onFailure(progress[index].target, event)
                }
            }
            if options.stopWhenAllFail, !progress.isEmpty, progress.allSatisfy(\.hasFailure) { break }
            let remaining = deadline - timing.now()
            guard remaining > 0 else { break }
            do {
                try await timing.sleep(min(delay, remaining))
            } catch {
                break  // cancelled: report what was seen
            }
            delay = min(delay * 2, max(options.maxDelay, options.firstDelay))
        }
        return WatchReport(
            duration: options.duration, watchedSeconds: timing.now() - started, polls: polls,
            fleets: progress.map(\.result))
    }

    private static func poll(_ fleet: FleetProgress, _ reader: EventReader) async -> PollResult {
        let query = EventQuery(
            fleet: fleet.target.fleetIdOrArn, region: fleet.target.region, since: fleet.readFrom)
        do {
            return .read(try await reader.read(query))
        } catch {
            return .failed(ServiceErrorInfo(error))
        }
    }
}

/// One poll's answer for one fleet.
private enum PollResult: Sendable {
    case read([FleetEvent])
    case failed(ServiceErrorInfo)
}

/// What is known of one fleet while watching.
private struct FleetProgress: Sendable {
    let target: WatchTarget
    var seen: Set<String> = []
    var events: [FleetEvent] = []
    var lastError: ServiceErrorInfo?
    var successfulPolls = 0

    init(_ target: WatchTarget) { self.target = target }

    /// Re-read from the newest event seen: `StartTime` is inclusive, and the overlap is deduplicated.
    var readFrom: Date { max(target.since, events.last?.eventTime ?? target.since) }

    var hasFailure: Bool { events.contains { $0.eventCode.indicatesRuntimeConfigurationFailure } }

    /// Takes one poll's answer; returns the events not seen before.
    mutating func merge(_ result: PollResult) -> [FleetEvent] {
        switch result {
        case .failed(let error):
            lastError = error
            return []
        case .read(let read):
            lastError = nil
            successfulPolls += 1
            // Events before the update belong to an earlier configuration.
            let fresh = read.filter { $0.eventTime >= target.since && seen.insert($0.eventId).inserted }
            events = (events + fresh).sorted { ($0.eventTime, $0.eventId) < ($1.eventTime, $1.eventId) }
            return fresh
        }
    }

    var result: FleetWatch {
        FleetWatch(
            fleetId: target.fleetId, region: target.region, since: target.since, events: events.map(EventRecord.init),
            readError: lastError, verified: successfulPolls > 0 && lastError == nil)
    }
}
