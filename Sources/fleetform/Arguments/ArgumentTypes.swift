import FleetSpec
import ArgumentParser
import FleetformCore

// Values with a syntax of their own, parsed once by ArgumentParser into the libraries' types.

extension PlanFormat: ExpressibleByArgument {}

/// `--min-process-memory 512MiB`.
extension MemorySize: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
