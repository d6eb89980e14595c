import ArgumentParser
import FleetSpec
import Foundation

/// `fleetform-bench validate --count N`: time loading and validating N generated fleet documents.
struct ValidateBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Time loading and validation of N synthetic fleet documents (generated in a temporary folder).")

    @OptionGroup var fleets: SyntheticFleetOptions

    @Option(help: "Timed runs; the fastest and the median are reported.")
    var runs = 3

    func validate() throws {
        guard runs > 0 else { throw ValidationError("--runs must be positive") }
    }

    func run() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("fleetform-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try fleets.generator.write(to: directory)
        var times: [Double] = []
        for run in 1...runs {
            let clock = ContinuousClock()
            let start = clock.now
            let set = FleetLoader.load(paths: [directory], options: LoadOptions())
            let seconds = ResourceUsage.seconds(clock.now - start)
            guard set.documents.count == fleets.count, !set.diagnostics.hasErrors else {
                let first = set.diagnostics.first.map(String.init(describing:)) ?? "none"
                print(
                    "generated fleets did not validate: \(set.documents.count) documents, "
                        + "\(set.diagnostics.errorCount) errors; first: \(first)")
                throw ExitCode.failure
            }
            times.append(seconds)
            print(String(format: "run %d: %.3f s", run, seconds))
        }
        let sorted = times.sorted()
        let best = sorted[0]
        let median = sorted[sorted.count / 2]
        let summary = String(
            format: "validated %d documents in %d files: best %.3f s wall (%.0f documents/s), median %.3f s",
            fleets.count, files.count, best, Double(fleets.count) / best, median)
        print("\(summary); peak RSS \(ResourceUsage.megabytes(ResourceUsage.peakResidentBytes()))")
    }
}
