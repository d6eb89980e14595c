/// A fleet event code (`EventCode`). A struct, so codes AWS adds later are shown as they come.
public struct EventCode: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// What the code means, from the API reference; `nil` for a code this version does not know.
    public var meaning: String? { Self.catalogue[rawValue] }

    /// Whether the code shows a runtime configuration failing on the fleet's instances: what counts against a
    /// rollout in `apply --watch` (with `--strict-watch`, so does `EventCause.unknownFailure`).
    public var indicatesRuntimeConfigurationFailure: Bool { cause == .configuration }

    /// What the event is caused by, from the API reference's descriptions (docs/verify.md, "Event causes").
    public var cause: EventCause {
        if Self.configurationFailures.contains(self) { return .configuration }
        if Self.capacityFailures.contains(self) { return .capacity }
        if meaning == nil, rawValue.hasPrefix("SERVER_PROCESS_") { return .unknownFailure }
        return .informational
    }

    /// Failures of the server processes the runtime configuration starts: a launch path, the server SDK
    /// calls, crashes, health, game session activation, and validation of the launch path.
    public static let configurationFailures: Set<EventCode> = [
        "SERVER_PROCESS_INVALID_PATH", "SERVER_PROCESS_CRASHED", "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT",
        "SERVER_PROCESS_SDK_INITIALIZATION_FAILED", "SERVER_PROCESS_PROCESS_READY_TIMEOUT",
        "SERVER_PROCESS_TERMINATED_UNHEALTHY", "SERVER_PROCESS_PROCESS_EXIT_TIMEOUT",
        "SERVER_PROCESS_MISCONFIGURED_CONTAINER_PORT", "GAME_SESSION_ACTIVATION_TIMEOUT",
        "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "FLEET_VALIDATION_EXECUTABLE_RUNTIME_FAILURE",
        "FLEET_VALIDATION_TIMED_OUT", "FLEET_ACTIVATION_FAILED",
        // A location of a multi-location fleet failing while the new configuration rolls out there.
        "LOCATION_STATE_ERROR",
    ]

    /// Failures of the hardware and what runs before any server process: no instances to be had, Spot
    /// interruptions, instances replaced, the build's download and install, networking. A new runtime
    /// configuration cannot cause them, so they never count against a rollout.
    public static let capacityFailures: Set<EventCode> = [
        "FLEET_ACTIVATION_FAILED_NO_INSTANCES", "INSTANCE_INTERRUPTED", "INSTANCE_RECYCLED",
        "INSTANCE_REPLACED_UNHEALTHY", "FLEET_BINARY_DOWNLOAD_FAILED", "FLEET_INITIALIZATION_FAILED",
        "FLEET_CREATION_FAILED_INSTALLER", "FLEET_VPC_PEERING_FAILED", "COMPUTE_LOG_UPLOAD_FAILED",
        "FLEET_STATE_ERROR",
    ]

    /// The event GameLift logs when a fleet's status changes to `status`, or `nil` when the API has no such
    /// code (there is no `FLEET_STATE_DELETING`: a deletion ends with `FLEET_DELETED`).
    public static func fleetStateChange(to status: FleetStatus) -> EventCode? {
        let code = EventCode(rawValue: "FLEET_STATE_\(status.rawValue)")
        return code.meaning == nil ? nil : code
    }

    /// The event GameLift logs when a location's status changes to `status`, or `nil` when there is none.
    public static func locationStateChange(to status: FleetStatus) -> EventCode? {
        let code = EventCode(rawValue: "LOCATION_STATE_\(status.rawValue)")
        return code.meaning == nil ? nil : code
    }

    public static let serverProcessInvalidPath: EventCode = "SERVER_PROCESS_INVALID_PATH"
    public static let serverProcessCrashed: EventCode = "SERVER_PROCESS_CRASHED"
    public static let gameSessionActivationTimeout: EventCode = "GAME_SESSION_ACTIVATION_TIMEOUT"

    /// Every event code of the API (2015-10-01) with its meaning, in the reference's order.
    public static let all: [(code: EventCode, meaning: String)] = [
        ("GENERIC_EVENT", "An unspecified event has occurred."),
        ("FLEET_CREATED", "A fleet resource was created with status NEW."),
        ("FLEET_DELETED", "The fleet was deleted."),
        ("FLEET_SCALING_EVENT", "A change was made to the fleet's capacity settings (desired, minimum or maximum)."),
        ("FLEET_STATE_DOWNLOADING", "Fleet status changed from NEW to DOWNLOADING: the build is downloading."),
        (
            "FLEET_STATE_VALIDATING",
            "Fleet status changed from DOWNLOADING to VALIDATING: build files are being validated."
        ),
        ("FLEET_STATE_BUILDING", "Fleet status changed from VALIDATING to BUILDING: an instance is being launched."),
        (
            "FLEET_STATE_ACTIVATING",
            "Fleet status changed from BUILDING to ACTIVATING: a server process is being launched and tested."
        ),
        ("FLEET_STATE_ACTIVE", "Fleet status changed to ACTIVE: the fleet can host game sessions."),
        ("FLEET_STATE_ERROR", "Fleet status changed to ERROR; the event message gives details."),
        ("FLEET_STATE_PENDING", "Fleet status changed to PENDING."),
        ("FLEET_STATE_CREATING", "Fleet status changed to CREATING."),
        ("FLEET_STATE_CREATED", "Fleet status changed to CREATED."),
        ("FLEET_STATE_UPDATING", "Fleet status changed to UPDATING."),
        ("FLEET_INITIALIZATION_FAILED", "Fleet initialization failed."),
        ("FLEET_BINARY_DOWNLOAD_FAILED", "The build failed to download to the fleet instance."),
        ("FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "The launch path of a server process was not found in the build."),
        (
            "FLEET_VALIDATION_EXECUTABLE_RUNTIME_FAILURE",
            "The executable at the launch path failed to run on the instance."
        ),
        ("FLEET_VALIDATION_TIMED_OUT", "Fleet validation did not finish in time."),
        ("FLEET_ACTIVATION_FAILED", "The fleet failed to activate: server processes did not start or report ready."),
        ("FLEET_ACTIVATION_FAILED_NO_INSTANCES", "The fleet failed to activate: no instances could be started."),
        (
            "FLEET_NEW_GAME_SESSION_PROTECTION_POLICY_UPDATED",
            "The fleet's new game session protection policy was updated."
        ),
        ("SERVER_PROCESS_INVALID_PATH", "The launch path of a server process does not exist on the instance."),
        ("SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT", "A server process did not call InitSDK() in time."),
        ("SERVER_PROCESS_PROCESS_READY_TIMEOUT", "A server process did not call ProcessReady() in time."),
        ("SERVER_PROCESS_CRASHED", "A server process exited without calling ProcessEnding()."),
        ("SERVER_PROCESS_TERMINATED_UNHEALTHY", "A server process stopped reporting healthy and was terminated."),
        (
            "SERVER_PROCESS_FORCE_TERMINATED",
            "A server process did not exit cleanly after ProcessEnding() and was terminated."
        ),
        ("SERVER_PROCESS_PROCESS_EXIT_TIMEOUT", "A server process did not exit in time after ProcessEnding()."),
        ("SERVER_PROCESS_SDK_INITIALIZATION_FAILED", "A server process failed to initialize the server SDK."),
        ("SERVER_PROCESS_MISCONFIGURED_CONTAINER_PORT", "A server process's container port is misconfigured."),
        (
            "GAME_SESSION_ACTIVATION_TIMEOUT",
            "A game session did not activate within GameSessionActivationTimeoutSeconds."
        ),
        ("FLEET_CREATION_EXTRACTING_BUILD", "The build was downloaded to an instance and is being extracted."),
        ("FLEET_CREATION_RUNNING_INSTALLER", "The build's install script is running."),
        ("FLEET_CREATION_VALIDATING_RUNTIME_CONFIG", "The runtime configuration is being validated on the instance."),
        ("FLEET_VPC_PEERING_SUCCEEDED", "A VPC peering connection was established."),
        ("FLEET_VPC_PEERING_FAILED", "A VPC peering connection failed."),
        ("FLEET_VPC_PEERING_DELETED", "A VPC peering connection was deleted."),
        ("INSTANCE_INTERRUPTED", "A Spot instance was interrupted."),
        ("INSTANCE_RECYCLED", "A Spot instance was recycled."),
        ("INSTANCE_REPLACED_UNHEALTHY", "An instance with too many unhealthy processes was replaced."),
        (
            "FLEET_CREATION_COMPLETED_INSTALLER",
            "The build's install script completed; validation of the installation begins."
        ),
        ("FLEET_CREATION_FAILED_INSTALLER", "The build's install script failed; the fleet cannot become ACTIVE."),
        ("COMPUTE_LOG_UPLOAD_FAILED", "A compute failed to upload its logs."),
        ("GAME_SERVER_CONTAINER_GROUP_CRASHED", "A game server container group crashed."),
        ("PER_INSTANCE_CONTAINER_GROUP_CRASHED", "A per-instance container group crashed."),
        ("GAME_SERVER_CONTAINER_GROUP_REPLACED_UNHEALTHY", "An unhealthy game server container group was replaced."),
        ("LOCATION_STATE_PENDING", "A fleet location is pending."),
        ("LOCATION_STATE_CREATING", "A fleet location is being created."),
        ("LOCATION_STATE_CREATED", "A fleet location was created."),
        ("LOCATION_STATE_ACTIVATING", "A fleet location is activating."),
        ("LOCATION_STATE_ACTIVE", "A fleet location is active."),
        ("LOCATION_STATE_UPDATING", "A fleet location is updating."),
        ("LOCATION_STATE_ERROR", "A fleet location is in error."),
        ("LOCATION_STATE_DELETING", "A fleet location is being deleted."),
        ("LOCATION_STATE_DELETED", "A fleet location was deleted."),
    ]

    private static let catalogue: [String: String] = Dictionary(
        all.map { ($0.code.rawValue, $0.meaning) }, uniquingKeysWith: { a, _ in a })
}

/// Why a fleet event happened, as far as a rollout is concerned.
public enum EventCause: String, Codable, Sendable, Hashable, CaseIterable {
    /// The runtime configuration's server processes failing: counts against a rollout.
    case configuration
    /// Instances, capacity, the build or the network: never counts against a rollout.
    case capacity
    /// Status changes and other news.
    case informational
    /// A `SERVER_PROCESS_*` code this version does not know: possibly a failure; counts only with
    /// `--strict-watch`.
    case unknownFailure
}
