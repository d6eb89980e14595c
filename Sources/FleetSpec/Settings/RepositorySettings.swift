import Foundation
import GameLiftAPI

/// The repository's settings, `fleetform.yaml` (docs/policy.md): environments — which fleet files each governs,
/// the account they must be in, the credentials that reach it, a default region — and each environment's rules
/// and change windows. Read once per run, before any fleet file; a file no environment matches has none of it.
public struct RepositorySettings: Sendable {
    /// The settings file's name, looked for beside the fleet paths and in the folders above them.
    public static let fileName = "fleetform.yaml"

    /// The file as found or given.
    public var path: String
    /// The folder the environments' globs are relative to: the file's own folder, absolute and standardized.
    public var folder: String
    public var environments: [Environment]
    /// Every problem in the file; while any is an error, nothing is sent.
    public var diagnostics: [Diagnostic]

    public init(path: String, folder: String, environments: [Environment], diagnostics: [Diagnostic] = []) {
        self.path = path
        self.folder = folder
        self.environments = environments
        self.diagnostics = diagnostics
    }

    /// The environments that govern the fleet file at `filePath` (relative to the working directory or
    /// absolute): those with a glob matching its path relative to `folder`. More than one is an error the loader
    /// reports; a file outside `folder` is governed by none.
    public func environments(governing filePath: String) -> [Environment] {
        guard let relative = Self.relativePath(of: filePath, under: folder) else { return [] }
        return environments.filter { environment in environment.match.contains { $0.glob.matches(relative) } }
    }

    /// The environment named `name`.
    public func environment(named name: String) -> Environment? { environments.first { $0.name == name } }

    /// `path` relative to `folder`, `/`-separated; `nil` when it is not inside it.
    static func relativePath(of path: String, under folder: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        guard absolute.hasPrefix(base) else { return nil }
        return String(absolute.dropFirst(base.count))
    }
}

/// One environment of `fleetform.yaml`: a set of fleet files, the account their fleets must be in, how to reach
/// it, and its rules.
public struct Environment: Sendable, Hashable {
    /// Unique within the file; shown in plans and recorded in the JSON plan, the journal and the report.
    public var name: String
    /// Where the environment's entry is written.
    public var location: SourceLocation
    /// Globs relative to the settings file's folder; a fleet file matching any is governed by this environment.
    public var match: [MatchGlob]
    /// The 12-digit account every fleet of the environment must be in; `nil`: any.
    public var account: String?
    public var accountLocation: SourceLocation?
    /// The credentials the environment's fleets are read and written with.
    public var credentials: EnvironmentCredentials
    /// The region of its fleet files that name none (before the run's default region).
    public var region: String?
    public var rules: EnvironmentRules
    /// Rules `--override` cannot pass here, with where each is listed.
    public var locked: [RuleName: SourceLocation]

    public init(
        name: String, location: SourceLocation, match: [MatchGlob] = [], account: String? = nil,
        accountLocation: SourceLocation? = nil, credentials: EnvironmentCredentials = .runDefault,
        region: String? = nil, rules: EnvironmentRules = EnvironmentRules(), locked: [RuleName: SourceLocation] = [:]
    ) {
        self.name = name
        self.location = location
        self.match = match
        self.account = account
        self.accountLocation = accountLocation
        self.credentials = credentials
        self.region = region
        self.rules = rules
        self.locked = locked
    }
}

/// One of an environment's `match` globs, with where it is written.
public struct MatchGlob: Sendable, Hashable {
    public var glob: Glob
    public var location: SourceLocation

    public init(glob: Glob, location: SourceLocation) {
        self.glob = glob
        self.location = location
    }
}

/// How an environment's fleets are reached.
public enum EnvironmentCredentials: Sendable, Hashable {
    /// The run's own credentials (`--profile`, the environment, the default chain).
    case runDefault
    /// A profile of the AWS config files.
    case profile(String)
    /// A role assumed (STS `AssumeRole`) with the run's own credentials.
    case role(AssumedRole)
}
