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
/// memory. With `--compare-boto3`, then the same job by a boto3 script (`Boto3Comparison`). With `--check`, exits 1
/// when a target (docs/benchmarks.md) is missed.
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

    @Flag(
        help: """
            Apply through the plan's resilience layer, its rate limiters as the plan left them (one process doing \
            both), instead of a layer of its own as `fleetform apply` has in its own process.
            """)
    var applyInheritsLimiters = false

    @Flag(
        help: """
            Apply under a fleetform.yaml whose one environment has an impact rule (minSlotsPerLocation: 0, which             every fleet keeps): the streamed apply first reads every fleet's capacity, one DescribeFleetCapacity             per 50 fleets per Region, and the floor counts those reads (docs/policy.md, "Rules").
            """)
    var impactRules = false

    @Flag(
        help: """
            Then do the same job with a plain boto3 script (--boto3-script: a pool of threads, retry_mode=adaptive) \
            against a fresh emulator with the same arguments, and report it beside fleetform's apply.
            """)
    var compareBoto3 = false

    @Option(help: "With --compare-boto3: the script (relative to the current directory).")
    var boto3Script = "scripts/boto3_apply.py"

    @Option(help: "With --compare-boto3: the Python to run it with (looked up on PATH).")
    var python = "python3"

    @Option(help: "With --compare-boto3: the script's threads.")
    var boto3Threads = 16

    @Flag(help: "With --check and --compare-boto3: fleetform's apply must also take less wall time than boto3's.")
    var beatBoto3 = false

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
        guard boto3Threads >= 1 else { throw ValidationError("--boto3-threads must be at least 1") }
        guard compareBoto3 || !beatBoto3 else { throw ValidationError("--beat-boto3 needs --compare-boto3") }
    }

    func run() async throws {
        let scratch = try Workspace("fleetform-bench")
        defer { scratch.remove() }
        let workspace = scratch.path
        let drifted = DriftedFleets(count: fleets, regions: Array(DriftedFleets.benchRegions.prefix(regions)))
        let files = try drifted.writeFiles(to: workspace + "/fleets")
        let emulatorArguments = [
            "serve-emulator", "--fleets", "\(fleets)", "--latency-ms", "\(latencyMs)", "--throttle-rps",
            "\(throttleRps)", "--throttle-scope", throttleScope.rawValue, "--regions", "\(regions)",
        ]
        let emulator = try await Self.startEmulator(emulatorArguments, workspace: scratch, name: "emulator")
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
        // As the command runs in a process of its own, the apply gets a resilience layer of its own (fresh rate
        // limiters and retry budget) over the same connections. Through the plan's layer, under a shared bucket,
        // the DescribeFleetAttributes limiter the plan left behind (measured at a few requests a minute) drops
        // to its 0.5 req/s minimum at the apply's first throttle and holds the attribute batches for seconds.
        let applyGameLift =
            applyInheritsLimiters
            ? gameLift : ResilientGameLift(base: client, policy: client.settings.retryPolicy, stats: stats)
        let applyPlanner = LivePlanner(reader: LiveFleetReader(gameLift: applyGameLift, parallelism: parallelism))
        meter = PhaseMeter(stats: stats)
        let journalPath = workspace + "/journal.jsonl"
        let settings =
            impactRules
            ? SettingsFile.load(
                bytes: Array(
                    "environments:\n  - name: bench\n    match: \"**\"\n    rules:\n      minSlotsPerLocation: 0\n".utf8
                ),
                path: workspace + "/fleetform.yaml", folder: workspace) : nil
        let input = FleetInput(
            fleets: FleetLoader.load(paths: [workspace + "/fleets"], options: LoadOptions(settings: settings)))
        let report: ApplyReport?
        if twoPass {
            let options = ApplyOptions(parallelism: parallelism, runId: "bench-\(fleets)")
            let applier = Applier(gameLift: applyGameLift, journal: Journal(path: journalPath), options: options)
            if let again = await applyPlanner.plan(input.fleets).plan {
                report = await applier.apply(again)
            } else {
                report = nil
            }
        } else {
            var options = ApplyWorkflow.Options(
                parallelism: parallelism, journalPath: journalPath, approval: .automatic, runId: "bench-\(fleets)")
            options.policy = settings.map { RunPolicy(settings: $0) }
            report = await ApplyWorkflow(context: WorkflowContext(gameLift: applyGameLift), options: options)
                .run(.files(input)).apply
        }
        let applyFloor = RequestFloor.apply(
            drifted, changed: Dictionary(grouping: changed, by: \.region).mapValues(\.count),
            capacityReads: impactRules && !twoPass)
        phases.append(
            meter.finish(
                "apply", fleets: fleets, floor: applyFloor, throttle: throttle,
                failed: report?.summary.failed ?? fleets, done: report?.summary.updated ?? 0, doneLabel: "updated"))
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

        // The same job by boto3, from the same drifted state: a fresh emulator with the same arguments.
        var boto3: Boto3Comparison.Outcome?
        if compareBoto3 {
            emulator.kill()
            boto3 = try await Boto3Comparison(script: boto3Script, python: python, threads: boto3Threads).run(
                fleetsFolder: workspace + "/fleets", fleets: fleets, emulatorArguments: emulatorArguments,
                workspace: scratch, floor: applyFloor, throttle: throttle, verify: verify, parallelism: parallelism)
        }
        if let boto3, let apply = phases.last { say(Self.comparison(apply, boto3)) }
        var record = phases.map(\.record) + ["peak_mb=" + String(format: "%.1f", Double(peak ?? 0) / 1e6)]
        if let boto3 {
            record += [
                boto3.phase.record, "boto3_calls=\(boto3.calls)",
                "boto3_remaining=\(boto3.remaining.map(String.init) ?? "unknown")",
            ]
        }
        say(record.joined(separator: " "))

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
        if beatBoto3, let boto3, let apply = phases.last, apply.wall >= boto3.phase.wall {
            missed.append(
                String(format: "apply: %.2f s wall, not faster than boto3's %.2f s", apply.wall, boto3.phase.wall))
        }
        guard missed.isEmpty else {
            say("targets missed: " + missed.joined(separator: "; "))
            throw ExitCode.failure
        }
        say("targets met")
    }

    /// This executable, serving the drifted fleets as `serve-emulator arguments…`.
    static func startEmulator(_ arguments: [String], workspace: Workspace, name: String) async throws
        -> EmulatorServer
    {
        try await EmulatorServer(
            executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]),
            arguments: arguments, workspace: workspace, name: name)
    }

    /// Plans the fleets in `folder` against `endpoint` (untimed, its own client): how many are still to
    /// update, held or failed.
    static func remainingChanges(endpoint: String, folder: String, parallelism: Int) async throws -> Int {
        let client = try client(endpoint: endpoint)
        let gameLift = ResilientGameLift(base: client, policy: client.settings.retryPolicy, stats: ResilienceStats())
        let planner = LivePlanner(reader: LiveFleetReader(gameLift: gameLift, parallelism: parallelism))
        let result = await planner.plan(FleetLoader.load(paths: [folder], options: LoadOptions()))
        try? await client.shutdown()
        guard let summary = result.plan?.summary else { throw SetupFailure("the fleet files did not plan") }
        return summary.update + summary.held + summary.failed
    }

    /// boto3's line, and the two applies set side by side.
    static func comparison(_ apply: PhaseResult, _ boto3: Boto3Comparison.Outcome) -> String {
        var text = boto3.phase.line
        text += String(
            format: " (%d calls; %.2f s of the wall loading the files; %d location reads failed)", boto3.calls,
            boto3.loadSeconds, boto3.locationErrors)
        if let remaining = boto3.remaining {
            text += remaining == 0 ? "; converged" : "; NOT converged: \(remaining) fleets still differ or fail"
        }
        for error in boto3.errors.split(separator: "\n").prefix(3) { text += "\n  boto3 stderr: \(error)" }
        text += String(
            format: "\nfleetform apply %.2f s (%.3f × floor, %d failed) vs boto3 %.2f s (%.3f × floor, %d failed): %@",
            apply.wall, apply.floorRatio, apply.failed, boto3.phase.wall, boto3.phase.floorRatio, boto3.phase.failed,
            apply.wall < boto3.phase.wall
                ? String(format: "fleetform %.2f× faster", boto3.phase.wall / max(apply.wall, 0.001))
                : String(format: "boto3 %.2f× faster", apply.wall / max(boto3.phase.wall, 0.001)))
        return text
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

/// Writes a line to standard output at once (unbuffered, also into a pipe), so progress shows as it happens.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
