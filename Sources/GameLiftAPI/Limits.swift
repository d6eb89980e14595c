/// GameLift's limits on a runtime configuration, from the API reference (2015-10-01) and its service model.
/// The one table that the validator, the simulation, the JSON schema test and the README all read.
public enum GameLiftLimits {
    public static let fleetIdOrArnLength = 1...512
    /// `FleetIdOrArn`'s two alternatives.
    public static let fleetIdPattern = #"^[a-z]*fleet-[a-zA-Z0-9\-]+$"#
    public static let fleetArnPattern = #"^arn:.*:[a-z]*fleet/[a-z]*fleet-[a-zA-Z0-9\-]+$"#
    /// An AWS region name such as `us-west-2` or `us-gov-west-1`.
    public static let regionPattern = #"^[a-z]{2}(-[a-z]+)+-[0-9]+$"#

    public static let serverProcessCount = 1...50
    public static let concurrentExecutionsMinimum = 1
    /// An instance runs at most this many server processes: the sum of `ConcurrentExecutions`.
    public static let processesPerInstance = 50

    public static let launchPathLength = 1...1024
    /// Characters allowed in `LaunchPath`, as a regular-expression character class body.
    public static let launchPathCharacters = #"A-Za-z0-9_:.+/\\\- "#
    /// Where GameLift installs the build on an EC2 fleet's instances (`LaunchPathRoot` holds the rule, with the
    /// drive letter's case).
    public static let linuxLaunchPathRoot = "/local/game/"
    public static let windowsLaunchPathRoot = #"C:\game\"#
    /// Both roots as a pattern (the schema's), the Windows drive letter in either case: `LaunchPathRoot`'s rule.
    public static let launchPathRootPattern = #"^(/local/game/|[Cc]:\\game\\)"#
    /// The compute types a fleet file may declare in `ComputeType` (the service model's `ComputeType` enum).
    public static let computeTypes = ["EC2", "ANYWHERE"]
    /// Setup scripts GameLift will not treat as the server executable.
    public static let setupScriptExtensions = [".sh", ".bat", ".cmd", ".ps1"]

    public static let parametersLength = 1...1024
    /// Characters allowed in `Parameters`, as a regular-expression character class body.
    public static let parametersCharacters = #"A-Za-z0-9_:.+/\\\- =@;{},?'\[\]""#

    public static let gameSessionActivationTimeoutSeconds = 1...600
    public static let maxConcurrentGameSessionActivations = 1...2_147_483_647
    /// The service model's `Integer` and `PositiveInteger` are 32-bit: a number past this is a validation
    /// error, whatever the member's own range.
    public static let wireInteger = -2_147_483_648...2_147_483_647

    /// The events a page holds when a DescribeFleetEvents request gives no `Limit` (the simulation's default;
    /// the model sets no maximum for `Limit`, a positive integer).
    public static let eventPageSize = 100
    /// `Limit` in every paginated request: a positive integer, no maximum (`PositiveInteger`).
    public static let pageLimitMinimum = 1
    /// `NextToken`: 1 to 1024 characters (`NonZeroAndMaxString`).
    public static let nextTokenLength = 1...1024
    /// `DescribeFleetLocationAttributes`' `Locations`: 1 to 100 of them (`LocationList`).
    public static let locationsPerRequest = 1...100
    /// A location name (`LocationStringModel`): 1 to 64 characters.
    public static let locationLength = 1...64
    /// How many fleet ids fleetform puts in one DescribeFleetAttributes request.
    public static let fleetAttributesBatch = 50
    /// How many fleet ids fleetform puts in one DescribeFleetCapacity or DescribeFleetUtilization request: the
    /// API reference's limit for `FleetIds` in those operations.
    public static let fleetCapacityBatch = 50
}
