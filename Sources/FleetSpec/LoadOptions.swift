/// How fleet files are loaded: the region for fleets that name none, and the limits that keep hostile input
/// cheap to reject.
public struct LoadOptions: Sendable {
    /// Region for fleets whose file has no `Region` and whose `FleetId` is not an ARN (`--region`, `AWS_REGION`).
    public var defaultRegion: String?
    /// Files larger than this are rejected from their size on disk, before they are read.
    public var maxFileBytes: Int
    /// Most YAML nodes one file may expand to, aliases followed; stops alias bombs before any tree is walked.
    public var maxNodes: Int
    /// When set, every launch path must be a file of this build.
    public var buildManifest: BuildManifest?
    /// The repository's settings (`fleetform.yaml`): each file's environment, its default region and its rules.
    public var settings: RepositorySettings?
    /// What the caller calls its options, for hints that say how to change one (`--region` on the command line).
    public var names: RunOptionNames

    /// 1 MiB: hundreds of fleets; no hand-written fleet file comes close.
    public static let defaultMaxFileBytes = 1 << 20
    /// Generous for any real file (a fleet is about twenty nodes), tiny next to a billion laughs.
    public static let defaultMaxNodes = 250_000

    public init(
        defaultRegion: String? = nil, maxFileBytes: Int = defaultMaxFileBytes, maxNodes: Int = defaultMaxNodes,
        buildManifest: BuildManifest? = nil, settings: RepositorySettings? = nil, names: RunOptionNames = .swiftAPI
    ) {
        self.settings = settings
        self.defaultRegion = defaultRegion
        self.maxFileBytes = maxFileBytes
        self.maxNodes = maxNodes
        self.buildManifest = buildManifest
        self.names = names
    }
}
