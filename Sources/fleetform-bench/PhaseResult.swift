import Foundation
import FleetformTesting
import GameLiftAPI
import GameLiftSimulation

/// The emulator's throttle, as the floor needs it.
struct Throttle {
    var rate: Double
    var scope: ThrottleRule.Scope
}

/// The fewest requests a phase needs, per Region and operation: `DescribeFleetAttributes` in batches of
/// `GameLiftLimits.fleetAttributesBatch`, one `DescribeRuntimeConfiguration` and one
/// `DescribeFleetLocationAttributes` page per fleet (the drifted fleets are EC2 fleets, whose locations every
/// plan shows), and for an apply one `UpdateRuntimeConfiguration` per changed fleet.
struct RequestFloor {
    var requests: [String: [GameLiftOperation: Int]]

    static func plan(_ fleets: DriftedFleets) -> RequestFloor {
        var requests: [String: [GameLiftOperation: Int]] = [:]
        for (region, count) in fleets.fleetsPerRegion {
            let batches = (count + GameLiftLimits.fleetAttributesBatch - 1) / GameLiftLimits.fleetAttributesBatch
            requests[region] = [
                .describeFleetAttributes: batches, .describeRuntimeConfiguration: count,
                .describeFleetLocationAttributes: count,
            ]
        }
        return RequestFloor(requests: requests)
    }

    /// `capacityReads`: a streamed apply under impact rules first reads every fleet's capacity, one request per 50
    /// fleets per Region.
    static func apply(_ fleets: DriftedFleets, changed: [String: Int], capacityReads: Bool = false) -> RequestFloor {
        var floor = plan(fleets)
        for (region, count) in changed { floor.requests[region, default: [:]][.updateRuntimeConfiguration] = count }
        if capacityReads {
            for (region, count) in fleets.fleetsPerRegion {
                let batch = GameLiftLimits.fleetCapacityBatch
                floor.requests[region, default: [:]][.describeFleetCapacity] = (count + batch - 1) / batch
            }
        }
        return floor
    }

    var total: Int { requests.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

    /// The least time these requests take through the throttle: Regions are throttled apart and run at once,
    /// so the busiest bucket decides — a Region's requests all together (scope `region`), or its busiest
    /// operation (scope `operation`).
    func seconds(_ throttle: Throttle) -> Double {
        let busiest =
            requests.values.map { counts in
                throttle.scope == .region ? counts.values.reduce(0, +) : counts.values.max() ?? 0
            }.max() ?? 0
        return Double(busiest) / throttle.rate
    }
}

/// Measures one phase: wall time, CPU time and the resilience counters between `init` and `finish`.
struct PhaseMeter {
    let stats: ResilienceStats
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let cpu: Double
    private let requests: Int
    private let retries: Int
    private let throttled: Int

    init(stats: ResilienceStats) {
        self.stats = stats
        start = clock.now
        cpu = ProcessTimes.cpuSeconds()
        requests = stats.requests
        retries = stats.retries
        throttled = stats.throttled
    }

    func finish(
        _ name: String, fleets: Int, floor: RequestFloor, throttle: Throttle, failed: Int, done: Int, doneLabel: String
    ) -> PhaseResult {
        PhaseResult(
            name: name, fleets: fleets, wall: ResourceUsage.seconds(clock.now - start),
            cpu: ProcessTimes.cpuSeconds() - cpu, requests: stats.requests - requests,
            retries: stats.retries - retries, throttled: stats.throttled - throttled, minimal: floor.total,
            floor: floor.seconds(throttle), throttle: throttle, done: done, doneLabel: doneLabel, failed: failed)
    }
}

/// The figures of one phase. The floor is the time the fewest requests the job needs (`RequestFloor`) take at
/// the throttle rate: no client can finish faster on average.
struct PhaseResult {
    var name: String
    var fleets: Int
    var wall: Double
    var cpu: Double
    var requests: Int
    var retries: Int
    var throttled: Int
    /// The fewest requests the phase needs.
    var minimal: Int
    var floor: Double
    var throttle: Throttle
    var done: Int
    var doneLabel: String
    var failed: Int

    /// Attempts the emulator accepted (not throttled).
    var accepted: Int { requests - throttled }
    var floorRatio: Double { floor > 0 ? wall / floor : 0 }
    var requestsPerFleet: Double { Double(requests) / Double(max(1, fleets)) }

    var line: String {
        String(
            format: "%@: %.2f s wall, floor %.2f s (%d requests at least), wall/floor %.3f; %d requests "
                + "(%.2f per fleet, %d accepted), %d retries, %d throttled; %.3f ms CPU/fleet; %d %@, %d failed",
            name, wall, floor, minimal, floorRatio, requests, requestsPerFleet, accepted, retries, throttled,
            cpu / Double(fleets) * 1000, done, doneLabel, failed)
    }

    /// `key=value` fields for scripts (scripts/bench.sh builds its table from them).
    var record: String {
        [
            "wall=" + String(format: "%.2f", wall), "floor=" + String(format: "%.2f", floor),
            "floor_ratio=" + String(format: "%.3f", floorRatio), "minimal_requests=\(minimal)",
            "requests=\(requests)", "requests_per_fleet=" + String(format: "%.2f", requestsPerFleet),
            "retries=\(retries)", "throttled=\(throttled)",
            "cpu_ms_per_fleet=" + String(format: "%.3f", cpu / Double(fleets) * 1000), "failed=\(failed)",
        ].map { name + "_" + $0 }.joined(separator: " ")
    }
}
