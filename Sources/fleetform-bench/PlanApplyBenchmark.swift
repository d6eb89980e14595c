import ArgumentParser
import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftAWS
import GameLiftSimulation
import Logging
import SigV4

/// `fleetform-bench plan-apply`: plan, then apply (`apply --auto-approve`, streaming), N drifted fleets through
/// fleetform's real AWS client and resilience layer against an emulator in another process that answers after
/// a set latency and throttles above a set rate; reports wall and CPU time, requests (per fleet), retries,
/// throttling, the floor (the least time the fewest requests the job needs take at the rate limit) and peak
/// memory. With `--check`, exits 1 when a target (docs/benchmarks.md) is missed.
struct PlanApplyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-apply",
        abstract: "Time plan and apply of N fleets against a throttling, slow emulator over loopback.")

    @Option(help: "How many fleets.")
    var fleets = 1_000

    @Option(help: "Latency the emulator adds to every call, in milliseconds.")
    var latencyMs: Double = 20

    @Option(help: "The emulator throttles above this many requests per second (per Region, or per operation).")
    var throttleRps: Double = 200

    @Option(help: "What one throttle bucket covers: region (all operations of a Region) or operation.")
    var throttleScope: ThrottleRule.Scope = .region

    @Option(help: "Spread the fleets over this many Regions (1 to 5), each throttled on its own.")
    var regions = 1

    @Option(help: "Fleets read and applied at once (fleetform's --parallelism).")
    var parallelism = 8

    @Option(help: "With --check: the largest wall ÷ floor allowed for the plan.")
    var maxPlanRatio = 1.05

    @Option(help: "With --check: the largest wall ÷ floor allowed for the apply.")
    var maxApplyRatio = 1.10

    @Option(help: "With --check: the largest peak resident memory allowed, in MB.")
    var maxPeakMb: Double = 150

    @Flag(help: "Exit 1 when a fleet failed, the ratio or peak memory exceeds its limit, or a fleet did not converge.")
    var check = false

    @Flag(inversion: .prefixedNo, help: "After the apply, plan again (untimed) and require no changes.")
    var verify = true

    @Flag(
        help: """
            Apply in two passes, as `apply --plan` does (and `apply --auto-approve` did before it streamed): plan \
            every fleet, then read each changed fleet again before its update.
            """)
    var twoPass = false

    func validate() throws {
        guard (1...1_000_000).contains(fleets) else { throw ValidationError("--fleets must be 1 to 1,000,000") }
        guard (1...DriftedFleets.benchRegions.count).contains(regions) else {
            throw ValidationError("--regions must be 1 to \(DriftedFleets.benchRegions.count)")
        }
        guard latencyMs.isFinite, latencyMs >= 0, throttleRps.isFinite, maxPlanRatio.isFinite, maxApplyRatio.isFinite,
            maxPeakMb.isFinite
        else {
            throw ValidationError(
                "--latency-ms, --throttle-rps, --max-plan-ratio, --max-apply-ratio and --max-peak-mb must be finite")
        }
        guard throttleRps > 0 else { throw ValidationError("--throttle-rps must be positive: the bound divides by it") }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        let scratch = try Workspace("fleetform-bench")
        defer { scratch.remove() }
        let workspace = scratch.path
        let drifted = DriftedFleets(count: fleets, regions: Array(DriftedFleets.benchRegions.prefix(regions)))
        let files = try drifted.writeFiles(to: workspace + "/fleets")
        // This executable, serving the drifted fleets as `serve-emulator`.
        let emulator = try await EmulatorServer(
            executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]),
            arguments: [
                "serve-emulator", "--fleets", "\(fleets)", "--latency-ms", "\(latencyMs)",
                "--throttle-rps", "\(throttleRps)", "--throttle-scope", throttleScope.rawValue,
                "--regions", "\(regions)",
            ], workspace: scratch, name: "emulator")
        defer { emulator.kill() }
        say(
            "fleets: \(fleets) in \(files.count) files, \(regions) Region(s); emulator \(emulator.endpoint): "
                + "\(latencyMs) ms latency, throttling above \(throttleRps) req/s per \(throttleScope.rawValue); "
                + "parallelism \(parallelism)")

        let client = try Self.client(endpoint: emulator.endpoint)
        let stats = ResilienceStats()
        let gameLift = ResilientGameLift(base: client, policy: client.settings.retryPolicy, stats: stats)
        let throttle = Throttle(rate: throttleRps, scope: throttleScope)
        var phases: [PhaseResult] = []

        // Plan: load and validate the files, read every fleet, diff. As `fleetform plan` does.
        var meter = PhaseMeter(stats: stats)
        let set = FleetLoader.load(paths: [workspace + "/fleets"], options: LoadOptions())
        let planner = LivePlanner(reader: LiveFleetReader(gameLift: gameLift, parallelism: parallelism))
        guard let plan = await planner.plan(set).plan else {
            try? await client.shutdown()
            say(
                "error: the generated fleets did not plan: \(set.diagnostics.first.map(String.init(describing:)) ?? "")"
            )
            throw ExitCode.failure
        }
        let changed = plan.fleets.filter { $0.action == .update || $0.action == .held }
        phases.append(
            meter.finish(
                "plan", fleets: fleets, floor: RequestFloor.plan(drifted), throttle: throttle,
                failed: plan.summary.failed, done: plan.summary.update, doneLabel: "to update"))

        // Apply: `fleetform apply PATH --auto-approve`, from loading the files on: each fleet read once, planned,
        // journaled and updated at once (StreamingApplier), through the workflow the command calls. With
        // --two-pass: a whole plan first, then each changed fleet read again before its update (`apply --plan`).
        meter = PhaseMeter(stats: stats)
        let journalPath = workspace + "/journal.jsonl"
        let input = FleetInput(fleets: FleetLoader.load(paths: [workspace + "/fleets"], options: LoadOptions()))
        let report: ApplyReport?
        if twoPass {
            let options = ApplyOptions(parallelism: parallelism, runId: "bench-\(fleets)")
            let applier = Applier(gameLift: gameLift, journal: Journal(path: journalPath), options: options)
            if let again = await planner.plan(input.fleets).plan {
                report = await applier.apply(again)
            } else {
                report = nil
            }
        } else {
            report = await ApplyWorkflow(
                context: WorkflowContext(gameLift: gameLift),
                options: ApplyWorkflow.Options(
                    parallelism: parallelism, journalPath: journalPath, approval: .automatic, runId: "bench-\(fleets)")
            ).run(.files(input)).apply
        }
        phases.append(
            meter.finish(
                "apply", fleets: fleets,
                floor: RequestFloor.apply(
                    drifted, changed: Dictionary(grouping: changed, by: \.region).mapValues(\.count)),
                throttle: throttle, failed: report?.summary.failed ?? fleets, done: report?.summary.updated ?? 0,
                doneLabel: "updated"))
        let peak = ResourceUsage.peakResidentBytes()

        var converged: Bool?
        if verify {
            let again = await planner.plan(FleetLoader.load(paths: [workspace + "/fleets"], options: LoadOptions()))
            converged = again.plan.map { !$0.hasChanges && $0.summary.failed == 0 } ?? false
        }
        try? await client.shutdown()

        for phase in phases { say(phase.line) }
        say(
            "peak RSS (VmHWM) \(ResourceUsage.megabytes(peak))"
                + (converged.map {
                    $0 ? "; converged: every fleet's live configuration equals its file" : "; NOT converged"
                } ?? ""))
        say(phases.map(\.record).joined(separator: " ") + " peak_mb=\(String(format: "%.1f", Double(peak ?? 0) / 1e6))")

        guard check else { return }
        var missed: [String] = []
        for phase in phases {
            let limit = phase.name == "plan" ? maxPlanRatio : maxApplyRatio
            if phase.failed > 0 { missed.append("\(phase.name): \(phase.failed) fleets failed") }
            if phase.floorRatio > limit {
                missed.append("\(phase.name): wall/floor \(String(format: "%.3f", phase.floorRatio)) > \(limit)")
            }
        }
        if let peak, Double(peak) / 1e6 > maxPeakMb {
            missed.append("peak RSS \(ResourceUsage.megabytes(peak)) > \(maxPeakMb) MB")
        }
        if converged == false { missed.append("a second plan still shows changes") }
        guard missed.isEmpty else {
            say("targets missed: " + missed.joined(separator: "; "))
            throw ExitCode.failure
        }
        say("targets met")
    }

    /// fleetform's AWS client pointed at the emulator, with static dummy credentials.
    static func client(endpoint: String) throws -> AWSGameLift {
        // No shared config files: the benchmark must not depend on (or read) the user's AWS setup.
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("fleetform-bench-no-aws").path
        let settings = try AWSSettings.resolve(
            endpointURL: endpoint,
            environment: [
                "AWS_CONFIG_FILE": missing + "/config", "AWS_SHARED_CREDENTIALS_FILE": missing + "/credentials",
            ],
            homeDirectory: missing)
        var logger = Logger(label: "fleetform-bench")
        logger.logLevel = .warning
        return AWSGameLift(
            settings: settings,
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyId: "AKIDBENCH", secretAccessKey: "bench")),
            logger: logger)
    }
}

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

    static func apply(_ fleets: DriftedFleets, changed: [String: Int]) -> RequestFloor {
        var floor = plan(fleets)
        for (region, count) in changed { floor.requests[region, default: [:]][.updateRuntimeConfiguration] = count }
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

/// Writes a line to standard output at once (unbuffered, also into a pipe), so progress shows as it happens.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
