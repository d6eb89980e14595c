import Foundation
import GameLiftAPI

/// One fleet to watch after its update: its events count from `since` (the update time) on.
public struct WatchTarget: Sendable, Hashable, NamesFleet {
    public var fleetId: String
    /// The id or ARN requests use.
    public var fleetIdOrArn: String
    public var region: String
    public var since: Date
    /// Launch paths the new configuration has and the old one had not: a failure event naming one is the new
    /// configuration's, whatever the fleet logged before.
    public var introducedLaunchPaths: Set<String>
    /// Server processes per instance the new configuration asks for; `nil` when unknown.
    public var processesPerInstance: Int?

    public init(
        fleetId: String, fleetIdOrArn: String? = nil, region: String, since: Date,
        introducedLaunchPaths: Set<String> = [], processesPerInstance: Int? = nil
    ) {
        self.processesPerInstance = processesPerInstance
        self.fleetId = fleetId
        self.fleetIdOrArn = fleetIdOrArn ?? fleetId
        self.region = region
        self.since = since
        self.introducedLaunchPaths = introducedLaunchPaths
    }

    /// The fleets an apply updated, each from the time its update was accepted.
    public static func updated(in report: ApplyReport) -> [WatchTarget] {
        report.outcomes.compactMap { outcome in
            guard outcome.result == .updated, let since = outcome.updatedAt else { return nil }
            let before = Set((outcome.previous?.serverProcesses ?? []).map(\.launchPath))
            let after = Set((outcome.applied?.serverProcesses ?? []).map(\.launchPath))
            return WatchTarget(
                fleetId: outcome.fleetId, region: outcome.region, since: since,
                introducedLaunchPaths: after.subtracting(before),
                processesPerInstance: outcome.applied?.totalConcurrentExecutions)
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
    /// Seconds before each update whose failure events are the baseline: failures already happening at a
    /// similar rate are reported as such and never count. At least the duration; 0 reads no baseline.
    public var baselineSeconds: Double
    /// `--strict-watch`: a `SERVER_PROCESS_*` code this version does not know counts as a failure.
    public var strict: Bool

    /// The baseline window when none is given: the watch's length, and at least 15 minutes.
    public static func defaultBaseline(for duration: Double) -> Double { max(duration, 900) }

    public init(
        duration: Double, firstDelay: Double = 5, maxDelay: Double = 60, stopWhenAllFail: Bool = true,
        parallelism: Int = 8, baselineSeconds: Double? = nil, strict: Bool = false
    ) {
        self.duration = duration
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.stopWhenAllFail = stopWhenAllFail
        self.parallelism = parallelism
        self.baselineSeconds = baselineSeconds ?? Self.defaultBaseline(for: duration)
        self.strict = strict
    }
}

/// Watches updated fleets' event logs for the events that show a new runtime configuration failing
/// (`EventCode.cause`: configuration failures; with `strict`, unknown `SERVER_PROCESS_*` codes too). First
/// reads each fleet's baseline, the failures it logged before its update; then polls with backoff on injected
/// time until the duration ends; each poll reads from the newest event already seen (or the update time),
/// following every page, and events are deduplicated by `EventId` across polls. Each failure is judged as it
/// is first seen (`judge`): the new configuration's, or one the fleet already had (docs/verify.md, "The
/// baseline").
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
        let baselines = await readBaselines(targets)
        var progress = zip(targets, baselines).map { FleetProgress($0, baseline: $1, strict: options.strict) }
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
                for event in progress[index].merge(results[index]) { onFailure(progress[index].target, event) }
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
        let watchedSeconds = timing.now() - started
        var fleets = progress.map(\.result)
        let processes = await readProcesses(targets)
        for index in fleets.indices { fleets[index].processes = processes[index] }
        return WatchReport(duration: options.duration, watchedSeconds: watchedSeconds, polls: polls, fleets: fleets)
    }

    /// Each target's failures in the window before its update; `nil` entries when no baseline is asked for.
    private func readBaselines(_ targets: [WatchTarget]) async -> [WatchBaseline?] {
        let seconds = options.baselineSeconds
        guard seconds > 0, seconds.isFinite else { return targets.map { _ in nil } }
        return await boundedMap(targets, limit: options.parallelism) { [reader] target in
            let query = EventQuery(
                fleet: target.fleetIdOrArn, region: target.region, since: target.since.addingTimeInterval(-seconds),
                until: target.since)
            do {
                var failures: [String: Int] = [:]
                for event in try await reader.read(query) where event.eventTime < target.since {
                    let cause = event.eventCode.cause
                    guard cause == .configuration || cause == .unknownFailure else { continue }
                    failures[event.eventCode.rawValue] = SaturatingSum.add(
                        failures[event.eventCode.rawValue] ?? 0, event.occurrences)
                }
                return WatchBaseline(seconds: seconds, failures: failures)
            } catch {
                return WatchBaseline(seconds: seconds, failures: [:], readError: ServiceErrorInfo(error))
            }
        }
    }

    /// At the end of the watch: each fleet's active server processes and instances in its home Region
    /// (`DescribeFleetUtilization`, `DescribeFleetCapacity`, one request per 50 fleets of a Region each), set
    /// against what the new configuration runs on those instances. GameLift does not say which configuration a
    /// process runs, so this shows how many processes run, not how many were replaced.
    private func readProcesses(_ targets: [WatchTarget]) async -> [ProcessCount?] {
        let capacityReader = CapacityReader(gameLift: reader.gameLift, parallelism: options.parallelism)
        let keys = targets.map(\.key)
        async let capacity = capacityReader.capacity(of: keys)
        let utilization = await capacityReader.utilization(of: keys)
        let instances = await capacity
        return zip(targets, keys).map { target, key in
            guard case .read(let entries)? = utilization[key] else { return nil }
            let home = entries.first { $0.location == nil || $0.location == target.region } ?? entries.first
            guard let active = home?.activeServerProcessCount, active >= 0 else { return nil }
            var count = ProcessCount(active: active)
            if case .read(let capacities)? = instances[key] {
                let entry = capacities.first { $0.location == nil || $0.location == target.region } ?? capacities.first
                if let running = entry?.instanceCounts?.active, running >= 0 {
                    count.instances = running
                    count.expected = target.processesPerInstance.map { SaturatingSum.multiply(running, $0) }
                }
            }
            return count
        }
    }

    /// How a failure seen after an update is judged.
    public enum Judgement: Sendable, Hashable {
        /// Not a failure of the configuration (capacity, news, or an unknown code without `strict`).
        case ignored
        /// The new configuration's failure: it counts.
        case counts
        /// A failure the fleet already logged at a similar rate before the update.
        case alreadyFailing
    }

    /// Judges `event`, seen after `target`'s update, given the fleet's `baseline` and the occurrences of the
    /// same code since the update before this event. A configuration failure counts when it names a launch path
    /// only the new configuration has, when the baseline lacks its code (or could not be read), or when its code
    /// now occurs more than twice as often as before, plus three occurrences of slack for the first minutes.
    public static func judge(
        _ event: FleetEvent, target: WatchTarget, baseline: WatchBaseline?, earlierSinceUpdate: Int, strict: Bool
    ) -> Judgement {
        switch event.eventCode.cause {
        case .configuration: break
        case .unknownFailure: guard strict else { return .ignored }
        case .capacity, .informational: return .ignored
        }
        let message = event.message ?? ""
        if target.introducedLaunchPaths.contains(where: { !$0.isEmpty && message.contains($0) }) { return .counts }
        guard let baseline, baseline.readError == nil, baseline.seconds > 0,
            let before = baseline.failures[event.eventCode.rawValue], before > 0
        else { return .counts }
        let elapsed = max(0, event.eventTime.timeIntervalSince(target.since))
        let expected = Double(before) * elapsed / baseline.seconds
        let seen = SaturatingSum.add(earlierSinceUpdate, event.occurrences)
        return Double(seen) <= 2 * expected + 3 ? .alreadyFailing : .counts
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
    let baseline: WatchBaseline?
    let strict: Bool
    var seen: Set<String> = []
    var events: [FleetEvent] = []
    var judged: [String: Watcher.Judgement] = [:]
    /// Occurrences per failure code since the update, for judging the next event of the code.
    var occurrences: [EventCode: Int] = [:]
    var lastError: ServiceErrorInfo?
    var successfulPolls = 0

    init(_ target: WatchTarget, baseline: WatchBaseline?, strict: Bool) {
        self.target = target
        self.baseline = baseline
        self.strict = strict
    }

    /// How far before the newest event seen each poll reads again: an event can be logged after a newer one
    /// (its time is when it happened, not when it was logged), and an ongoing failure's steady events would
    /// otherwise move the window past a late one.
    static let lateEventOverlap: TimeInterval = 300

    /// Re-read from a little before the newest event seen: `StartTime` is inclusive, and the overlap is
    /// deduplicated by `EventId`.
    var readFrom: Date {
        max(target.since, (events.last?.eventTime ?? target.since).addingTimeInterval(-Self.lateEventOverlap))
    }

    var hasFailure: Bool { judged.values.contains(.counts) }

    /// Takes one poll's answer; returns the new events that count as failures, in time order.
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
                .sorted { ($0.eventTime, $0.eventId) < ($1.eventTime, $1.eventId) }
            events = (events + fresh).sorted { ($0.eventTime, $0.eventId) < ($1.eventTime, $1.eventId) }
            var counted: [FleetEvent] = []
            for event in fresh {
                let earlier = occurrences[event.eventCode] ?? 0
                let judgement = Watcher.judge(
                    event, target: target, baseline: baseline, earlierSinceUpdate: earlier, strict: strict)
                judged[event.eventId] = judgement
                guard judgement != .ignored else { continue }
                occurrences[event.eventCode] = SaturatingSum.add(earlier, event.occurrences)
                if judgement == .counts { counted.append(event) }
            }
            return counted
        }
    }

    var result: FleetWatch {
        let records = events.map(EventRecord.init)
        return FleetWatch(
            fleetId: target.fleetId, region: target.region, since: target.since, events: records,
            readError: lastError, verified: successfulPolls > 0 && lastError == nil,
            failures: records.filter { judged[$0.eventId] == .counts },
            alreadyFailing: records.filter { judged[$0.eventId] == .alreadyFailing }, baseline: baseline)
    }
}
