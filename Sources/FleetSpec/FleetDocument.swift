import GameLiftAPI

/// One fleet as a fleet file declares it: the `UpdateRuntimeConfiguration` request, plus where it came from.
public struct FleetDocument: Hashable, Sendable {
    /// `FleetId` exactly as written: a fleet id or a fleet ARN.
    public var fleetIdOrArn: String
    /// The plain fleet id (`fleet-…`), taken from the ARN where an ARN was written.
    public var fleetId: String
    /// The region the fleet lives in: the file's `Region`, else the ARN's, else the default region.
    public var region: String
    /// The desired configuration. `nil` activation fields are unmanaged: the live value is kept.
    public var runtimeConfiguration: RuntimeConfiguration
    /// Where the document starts (its `FleetId` key).
    public var location: SourceLocation
    /// Where each server process entry starts, in the order of `runtimeConfiguration.serverProcesses`, for
    /// diagnostics raised after reading the fleet. A list, not a table by process: a streamed apply of 10,000 fleets
    /// keeps every document (docs/benchmarks.md, "Lean again").
    public var processLocations: [SourceLocation]
    /// `ComputeType` as declared (fleetform's own key, not sent to GameLift); `nil` when the file leaves it
    /// out: offline that means EC2, and at plan time the live fleet's compute type decides.
    public var computeType: ComputeType?
    /// Where `ComputeType` is written, for the plan-time mismatch error.
    public var computeTypeLocation: SourceLocation?
    /// The environment of `fleetform.yaml` that governs the file; `nil` when none does.
    public var environment: String?

    public init(
        fleetIdOrArn: String, fleetId: String, region: String, runtimeConfiguration: RuntimeConfiguration,
        location: SourceLocation, processLocations: [SourceLocation] = [],
        computeType: ComputeType? = nil, computeTypeLocation: SourceLocation? = nil
    ) {
        self.computeType = computeType
        self.computeTypeLocation = computeTypeLocation
        self.fleetIdOrArn = fleetIdOrArn
        self.fleetId = fleetId
        self.region = region
        self.runtimeConfiguration = runtimeConfiguration
        self.location = location
        self.processLocations = processLocations
    }
}

extension FleetDocument {
    /// Where the server process `key` is written; the document's start when it is not found.
    public func location(ofProcess key: ServerProcessKey) -> SourceLocation {
        guard let index = runtimeConfiguration.serverProcesses?.firstIndex(where: { $0.key == key }),
            processLocations.indices.contains(index)
        else { return location }
        return processLocations[index]
    }
}

/// The result of loading fleet files: every fleet that could be read, and every problem found.
/// Documents with errors are still listed where they could be read, but callers must not send
/// anything to GameLift while `diagnostics.hasErrors`.
public struct FleetSet: Sendable {
    public var documents: [FleetDocument]
    public var diagnostics: [Diagnostic]
    /// How many files were read.
    public var fileCount: Int

    public init(documents: [FleetDocument], diagnostics: [Diagnostic], fileCount: Int) {
        self.documents = documents
        self.diagnostics = diagnostics
        self.fileCount = fileCount
    }
}
