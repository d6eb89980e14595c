import FleetSpec
import FleetformCore
import FleetformTesting
import Foundation
import GameLiftAPI

/// `plan-apply --compare-boto3`: the job of the streamed apply — read every fleet as fleetform reads it, update
/// the ones that differ from their files — done by a plain boto3 script (`scripts/boto3_apply.py`: a pool of
/// threads, `retry_mode=adaptive` with botocore's default attempts) against a fresh emulator started with the
/// same arguments, so it starts from the same drifted state. Its wall time is set against the same apply floor
/// (the same requests are needed).
struct Boto3Comparison {
    /// The script's path (relative paths are taken from the current directory).
    var script: String
    /// The Python that runs it, looked up on `PATH`.
    var python: String
    /// The script's thread pool.
    var threads: Int

    /// What the script reported, and what a plan made after it found.
    struct Outcome {
        /// The figures in the form of fleetform's phases (CPU is the script's process).
        var phase: PhaseResult
        /// API calls made (`phase.retries` is requests − calls).
        var calls: Int
        /// Seconds of `phase.wall` spent loading the fleet files.
        var loadSeconds: Double
        /// Location reads that failed (they do not fail a fleet, as in fleetform).
        var locationErrors: Int
        /// The script's standard error: its first failures.
        var errors: String
        /// Fleets a plan made after the script still shows to update, held or failed; nil when not checked.
        var remaining: Int?
    }

    /// Starts the emulator with `emulatorArguments`, runs the script on the fleet files in `fleetsFolder`, and
    /// (with `verify`) plans the fleets again with fleetform, untimed.
    func run(
        fleetsFolder: String, fleets: Int, emulatorArguments: [String], workspace: Workspace, floor: RequestFloor,
        throttle: Throttle, verify: Bool, parallelism: Int
    ) async throws -> Outcome {
        let path = URL(
            fileURLWithPath: script, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SetupFailure("--boto3-script: \(path) does not exist (run from the repository's root)")
        }
        let emulator = try await PlanApplyBenchmark.startEmulator(
            emulatorArguments, workspace: workspace, name: "emulator-boto3")
        defer { emulator.kill() }
        say("boto3: \(python) \(script), \(threads) threads, retry_mode=adaptive; fresh emulator \(emulator.endpoint)")

        // The user's AWS setup stays out of it: explicit dummy credentials in the script, no config files.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        let missing = workspace.file("no-aws")
        environment["AWS_CONFIG_FILE"] = missing + "/config"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = missing + "/credentials"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        let (status, child) = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                python, path, "--endpoint-url", emulator.endpoint, "--fleets", fleetsFolder, "--threads",
                "\(threads)",
            ],
            directory: workspace.path, environment: environment, outputPrefix: workspace.file("boto3"),
            timeout: max(600, 20 * floor.seconds(throttle)))
        guard let line = child.stdout.split(separator: "\n").last(where: { $0.hasPrefix("boto3 ") }) else {
            throw SetupFailure(
                "\(script) printed no result (exit status \(status.map(String.init) ?? "none: killed")); "
                    + "stderr:\n\(child.stderr)")
        }
        let fields = Self.fields(line)
        func int(_ key: String) -> Int { Int(fields[key] ?? "") ?? 0 }
        func double(_ key: String) -> Double { Double(fields[key] ?? "") ?? 0 }
        let phase = PhaseResult(
            name: "boto3", fleets: fleets, wall: double("wall"), cpu: double("cpu"), requests: int("requests"),
            retries: int("retries"), throttled: int("throttled"), minimal: floor.total, floor: floor.seconds(throttle),
            throttle: throttle, done: int("updated"), doneLabel: "updated", failed: int("failed"))

        var remaining: Int?
        if verify {
            remaining = try await PlanApplyBenchmark.remainingChanges(
                endpoint: emulator.endpoint, folder: fleetsFolder, parallelism: parallelism)
        }
        return Outcome(
            phase: phase, calls: int("calls"), loadSeconds: double("load"), locationErrors: int("location_errors"),
            errors: child.stderr, remaining: remaining)
    }

    /// `key=value` fields of the script's result line.
    static func fields(_ line: Substring) -> [String: String] {
        var table: [String: String] = [:]
        for field in line.split(separator: " ") {
            guard let equals = field.firstIndex(of: "=") else { continue }
            table[String(field[..<equals])] = String(field[field.index(after: equals)...])
        }
        return table
    }
}
