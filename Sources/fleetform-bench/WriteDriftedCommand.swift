import ArgumentParser
import FleetformTesting

/// `fleetform-bench write-drifted --fleets N --out DIR`: the fleet files of the benchmark's drifted fleets (the
/// ones `serve-emulator --fleets N` serves with another live configuration), for timing `fleetform` itself in a
/// process of its own (scripts/apply-memory.sh).
struct WriteDrifted: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write-drifted",
        abstract: "Write the fleet files of the drifted fleets serve-emulator serves (used by apply-memory.sh).",
        shouldDisplay: false)

    @Option(help: "How many drifted fleets.")
    var fleets: Int

    @Option(help: "Folder to write the files to.")
    var out: String

    @Option(help: "Fleet documents per file.")
    var documentsPerFile = 10

    func validate() throws {
        guard (1...1_000_000).contains(fleets) else { throw ValidationError("--fleets must be 1 to 1,000,000") }
        guard (1...1000).contains(documentsPerFile) else {
            throw ValidationError("--documents-per-file must be 1 to 1,000")
        }
    }

    func run() throws {
        let paths = try DriftedFleets(count: fleets).writeFiles(to: out, documentsPerFile: documentsPerFile)
        print("wrote \(fleets) drifted fleets in \(paths.count) files to \(out)")
    }
}
