import ArgumentParser
import FleetformTesting

/// Options every benchmark that needs synthetic fleets shares.
struct SyntheticFleetOptions: ParsableArguments {
    @Option(help: "How many fleet documents to generate.")
    var count = 10_000

    @Option(help: "Fleet documents per file (separated by ---).")
    var documentsPerFile = 10

    @Option(help: "Seed for the generator; the same seed gives the same files.")
    var seed: UInt64 = 2015_10_01

    func validate() throws {
        guard (1...10_000_000).contains(count) else { throw ValidationError("--count must be 1 to 10,000,000") }
        guard documentsPerFile > 0 else { throw ValidationError("--documents-per-file must be positive") }
    }

    var generator: SyntheticFleets { SyntheticFleets(count: count, documentsPerFile: documentsPerFile, seed: seed) }
}

/// `fleetform-bench generate --count N --out DIR`: write synthetic fleet files to look at or to time by hand.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write N synthetic, valid fleet documents.")

    @OptionGroup var fleets: SyntheticFleetOptions

    @Option(help: "Folder to write the files to.")
    var out: String

    @Flag(
        help: ArgumentHelp(
            "Write the drifted fleets `serve-emulator --fleets N` serves instead (each with another live "
                + "configuration there), for timing `fleetform apply` in a process of its own."))
    var drifted = false

    func run() throws {
        let paths =
            drifted
            ? try DriftedFleets(count: fleets.count).writeFiles(to: out, documentsPerFile: fleets.documentsPerFile)
            : try fleets.generator.write(to: out)
        print("wrote \(fleets.count) fleet documents in \(paths.count) files to \(out)")
    }
}
