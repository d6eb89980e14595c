/// The thresholds of a plan's impact warnings (`plan --min-process-memory`, `--max-processes-per-vcpu`).
public struct ImpactOptions: Sendable, Hashable {
    /// FF502 when a process's memory share falls under this; no check when `nil`.
    public var minProcessMemory: MemorySize?
    /// FF503 when processes per instance exceed this many per vCPU; no check when `nil`.
    public var maxProcessesPerVCPU: Int?

    /// One process per vCPU at most, no memory minimum: the defaults of `fleetform plan`.
    public init(minProcessMemory: MemorySize? = nil, maxProcessesPerVCPU: Int? = 1) {
        self.minProcessMemory = minProcessMemory
        self.maxProcessesPerVCPU = maxProcessesPerVCPU
    }
}
