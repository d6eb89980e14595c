import ArgumentParser
import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI
import GameLiftAWS
import Logging
import SigV4

/// `fleetform-bench plan-apply`: plan and apply N drifted fleets through fleetform's real AWS client and
/// resilience layer against an emulator in another process that answers after a set latency and throttles
/// above a set rate; reports wall and CPU time, requests, retries, throttling, the rate-limit bound and peak
/// memory. With `--check`, exits 1 when a target (docs/benchmarks.md) is missed.
struct PlanApplyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan-apply",
        abstract: "Time plan and apply of N fleets against a throttling, slow emulator over loopback.")

    @Option(help: "How many fleets.")
    var fleets = 1_000

    @Option(help: "Latency the emulator adds to every call, in milliseconds.")
    var latencyMs: Double = 20

    @Option(help: "The emulator throttles above this many requests per second.")
    var throttleRps: Double = 200

    @Option(help: "Fleets read and applied at once (fleetform's --parallelism).")
    var parallelism = 8

    @Option(help: "With --check: the largest wall ÷ bound allowed for plan and for apply.")
    var maxRatio = 1.15

    @Option(help: "With --check: the largest peak resident memory allowed, in MB.")
    var maxPeakMb: Double = 150

    @Flag(help: "Exit 1 when a fleet failed, the ratio or peak memory exceeds its limit, or a fleet did not converge.")
    var check = false

    @Flag(inversion: .prefixedNo, help: "After the apply, plan again (untimed) and require no changes.")
    var verify = true

    func validate() throws {
        guard (1...1_000_000).contains(fleets) else { throw ValidationError("--fleets must be 1 to 1,000,000") }
        guard latencyMs.isFinite, latencyMs >= 0, throttleRps.isFinite, maxRatio.isFinite, maxPeakMb.isFinite else {
            throw ValidationError("--latency-ms, --throttle-rps, --max-ratio and --max-peak-mb must be finite numbers")
        }
        guard throttleRps > 0 else { throw ValidationError("--throttle-rps must be positive: the bound divides by it") }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        let scratch = try Workspace("fleetform-bench")
        defer { scratch.remove() }
        let workspace = scratch.path
        let drifted = DriftedFleets(count: fleets)
        let files = try drifted.writeFiles(to: workspace + "/fleets")
        // This executable, serving the drifted fleets as `serve-emulator`.
        let emulator = try EmulatorServer(
            executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]),
            arguments: [
                "serve-emulator", "--fleets", "\(fleets)", "--latency-ms", "\(latencyMs)",
                "--throttle-rps", "\(throttleRps)",
            ], workspace: scratch, name: "emulator")
        defer { emulator.stop() }
        say(
            "fleets: \(fleets) in \(files.count) files; emulator \(emulator.endpoint): \(latencyMs) ms latency, "
                + "throttling above \(throttleRps) req/s; parallelism \(parallelism)")

        let client = try Self.client(endpoint: emulator.endpoint)
        let stats = ResilienceStats()
        let gameLift = ResilientGameLift(base: client, policy: client.settings.retryPolicy(), stats: stats)
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
        phases.append(
            meter.finish(
                "plan", fleets: fleets, rate: throttleRps, failed: plan.summary.failed,
                done: plan.summary.update, doneLabel: "to update"))

        // Apply: re-read, journal, update each fleet. As `fleetform apply --auto-approve` does after planning.
        meter = PhaseMeter(stats: stats)
        let journal = Journal(path: workspace + "/journal.jsonl")
        let applier = Applier(
            gameLift: gameLift, journal: journal,
            options: ApplyOptions(parallelism: parallelism, runId: "bench-\(fleets)"))
        let report = await applier.apply(plan)
        await journal.close()
        phases.append(
            meter.finish(
                "apply", fleets: fleets, rate: throttleRps, failed: report.summary.failed,
                done: report.summary.updated, doneLabel: "updated"))
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
            if phase.failed > 0 { missed.append("\(phase.name): \(phase.failed) fleets failed") }
            if phase.ratio > maxRatio {
                missed.append("\(phase.name): wall/bound \(String(format: "%.3f", phase.ratio)) > \(maxRatio)")
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

    func finish(_ name: String, fleets: Int, rate: Double, failed: Int, done: Int, doneLabel: String) -> PhaseResult {
        PhaseResult(
            name: name, fleets: fleets, wall: ResourceUsage.seconds(clock.now - start),
            cpu: ProcessTimes.cpuSeconds() - cpu, requests: stats.requests - requests,
            retries: stats.retries - retries, throttled: stats.throttled - throttled, rate: rate, done: done,
            doneLabel: doneLabel, failed: failed)
    }
}

/// The figures of one phase. The bound is the time the accepted requests need at the throttle rate:
/// every attempt that was not throttled had to pass the emulator's token bucket.
struct PhaseResult {
    var name: String
    var fleets: Int
    var wall: Double
    var cpu: Double
    var requests: Int
    var retries: Int
    var throttled: Int
    var rate: Double
    var done: Int
    var doneLabel: String
    var failed: Int

    /// Attempts the emulator accepted (not throttled).
    var accepted: Int { requests - throttled }
    var bound: Double { Double(accepted) / rate }
    var ratio: Double { bound > 0 ? wall / bound : 0 }

    var line: String {
        String(
            format: "%@: %.2f s wall, %.3f ms CPU/fleet, %d requests (%d accepted), %d retries, %d throttled, "
                + "bound %.2f s, wall/bound %.3f; %d %@, %d failed",
            name, wall, cpu / Double(fleets) * 1000, requests, accepted, retries, throttled, bound, ratio, done,
            doneLabel, failed)
    }

    /// `key=value` fields for scripts (scripts/bench.sh builds its table from them).
    var record: String {
        String(
            format: "%@_wall=%.2f %@_cpu_ms_per_fleet=%.3f %@_requests=%d %@_retries=%d %@_throttled=%d "
                + "%@_bound=%.2f %@_ratio=%.3f %@_failed=%d",
            name, wall, name, cpu / Double(fleets) * 1000, name, requests, name, retries, name, throttled, name, bound,
            name, ratio, name, failed)
    }
}

/// Writes a line to standard output at once (unbuffered, also into a pipe), so progress shows as it happens.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
