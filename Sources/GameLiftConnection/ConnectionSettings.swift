import Foundation
import GameLiftAPI

/// Where GameLift is and how to reach it: AWS (the default) or the embedded local simulation, as the
/// command line's flags and the environment say.
public struct ConnectionSettings: Sendable {
    /// Use the embedded local simulation instead of AWS.
    public var local: Bool
    /// The local simulation's state file.
    public var localState: String
    /// A seed for the local state when the state file does not exist yet.
    public var localSeed: String?
    /// A JSON fault plan for the local simulation.
    public var localFaults: String?
    /// `--region`.
    public var region: String?
    /// `--profile`.
    public var profile: String?
    /// A role to assume with the resolved credentials (an environment's `role_arn`); `nil`: none.
    public var role: AssumedRole?
    /// Locally: the account of the simulation the requests act as (an environment's `account`); `nil`: the seed's.
    public var localAccount: String?
    /// `--endpoint-url`.
    public var endpointURL: String?
    /// Log every request and every retry to the debug log.
    public var debug: Bool
    /// `--connect-timeout` and `--read-timeout`, in seconds (AWS only; nil: the defaults in docs/aws.md).
    public var connectTimeout: Double?
    public var readTimeout: Double?
    /// The version the `User-Agent` names.
    public var toolVersion: String
    public var environment: [String: String]

    public init(
        local: Bool = false, localState: String = LocalBackend.defaultStatePath, localSeed: String? = nil,
        localFaults: String? = nil, region: String? = nil, profile: String? = nil, endpointURL: String? = nil,
        debug: Bool = false, connectTimeout: Double? = nil, readTimeout: Double? = nil,
        toolVersion: String = "unknown", environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.local = local
        self.localState = localState
        self.localSeed = localSeed
        self.localFaults = localFaults
        self.region = region
        self.profile = profile
        self.endpointURL = endpointURL
        self.debug = debug
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.toolVersion = toolVersion
        self.environment = environment
    }

    /// `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`: the region known without reading any file
    /// (the local simulation's default, and `validate`'s). AWS adds the profile's region to these.
    public var regionWithoutFiles: String? {
        region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
    }
}
