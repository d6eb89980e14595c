import ArgumentParser

/// `--parallelism`, for every command that reads or updates many fleets at once.
struct ParallelismOption: ParsableArguments {
    @Option(help: "Fleets read (and updated) at once.")
    var parallelism: Int = 8

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }
}
