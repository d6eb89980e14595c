import FleetSpec

/// The thresholds of a plan's impact warnings (on the command line, `plan --min-process-memory` and
/// `--max-processes-per-vcpu`).
public struct ImpactOptions: Sendable {
    /// FF502 when a process's memory share falls under this; no check when `nil`.
    public var minProcessMemory: MemorySize?
    /// FF503 when processes per instance exceed this many per vCPU; no check when `nil`.
    public var maxProcessesPerVCPU: Int?
    /// What the caller calls the two thresholds, for warnings that name the one crossed.
    public var names: RunOptionNames
    /// The repository's settings: each changed fleet is also checked against its environment's impact rules
    /// (FF63x), which the two thresholds above can only tighten (they warn on their own).
    public var settings: RepositorySettings?

    /// One process per vCPU at most, no memory minimum: the defaults of `fleetform plan`.
    public init(minProcessMemory: MemorySize? = nil, maxProcessesPerVCPU: Int? = 1, names: RunOptionNames = .swiftAPI) {
        self.minProcessMemory = minProcessMemory
        self.maxProcessesPerVCPU = maxProcessesPerVCPU
        self.names = names
    }
}
