import Foundation
import GameLiftAPI

/// Where and how fleetform talks to AWS, resolved once per run from flags, environment and the shared
/// config files, in the order AWS tools use (see docs/aws.md).
public struct AWSSettings: Sendable, Hashable {
    /// The profile in use (`--profile`, `AWS_PROFILE`, else `default`).
    public var profile: String
    /// True when the profile was named by a flag or `AWS_PROFILE` (then it must exist).
    public var profileWasNamed: Bool
    /// The region for fleets that do not name theirs (a fleet file's region or ARN wins; the caller decides).
    public var defaultRegion: String?
    /// Replaces `https://gamelift.<region>.amazonaws.com/` for every region, e.g. a local emulator.
    public var endpointOverride: URL?
    /// Where STS is reached for web identity (`AWS_ENDPOINT_URL_STS`), else the regional endpoint.
    public var stsEndpointOverride: URL?
    /// `AWS_MAX_ATTEMPTS` or the profile's `max_attempts`.
    public var maxAttempts: Int?
    /// The shared config file (`AWS_CONFIG_FILE`, else `~/.aws/config`) and its contents, when it exists.
    public var configFilePath: String
    public var configFile: AWSConfigFile?
    /// The shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`).
    public var credentialsFilePath: String
    public var credentialsFile: AWSConfigFile?
    /// Connection and whole-request time limits, in seconds.
    public var connectTimeout: Double
    public var requestTimeout: Double

    /// Resolves settings. Flags win over environment, environment over the profile.
    /// - Throws: `AWSConfigurationError` for a named profile that exists nowhere, a malformed config file,
    ///   a region or endpoint that is not valid, or a non-numeric `max_attempts`.
    public static func resolve(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, environment: [String: String],
        homeDirectory: String
    ) throws -> AWSSettings {
        func env(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                return nil
            }
            return value
        }
        let home = homeDirectory.hasSuffix("/") ? String(homeDirectory.dropLast()) : homeDirectory
        let configPath = expandHome(env("AWS_CONFIG_FILE") ?? "~/.aws/config", home: home)
        let credentialsPath = expandHome(env("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials", home: home)
        let configFile = try AWSConfigFile.load(path: configPath)
        let credentialsFile = try AWSConfigFile.load(path: credentialsPath)

        let namedProfile = profile.flatMap { $0.isEmpty ? nil : $0 } ?? env("AWS_PROFILE")
        let profileName = namedProfile ?? "default"
        let section = configFile?.configProfile(profileName)
        if namedProfile != nil, section == nil, credentialsFile?.credentialsProfile(profileName) == nil {
            throw AWSConfigurationError(
                "profile '\(profileName)' is in neither \(configPath) nor \(credentialsPath)")
        }
        let profileValues = section?.values ?? [:]

        var settings = AWSSettings(
            profile: profileName, profileWasNamed: namedProfile != nil, defaultRegion: nil, endpointOverride: nil,
            stsEndpointOverride: nil, maxAttempts: nil, configFilePath: configPath, configFile: configFile,
            credentialsFilePath: credentialsPath, credentialsFile: credentialsFile, connectTimeout: 10,
            requestTimeout: 60)

        let regionSources: [(String, String?)] = [
            ("--region", region.flatMap { $0.isEmpty ? nil : $0 }), ("AWS_REGION", env("AWS_REGION")),
            ("AWS_DEFAULT_REGION", env("AWS_DEFAULT_REGION")),
            ("profile \(profileName) region", profileValues["region"]),
        ]
        if let (source, value) = regionSources.first(where: { $0.1 != nil }), let value {
            guard isValidRegion(value) else {
                throw AWSConfigurationError("\(source): '\(value)' is not a region name (like us-west-2)")
            }
            settings.defaultRegion = value
        }

        let ignoreConfigured = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true"
        var endpointSources: [(String, String?)] = [("--endpoint-url", endpointURL.flatMap { $0.isEmpty ? nil : $0 })]
        if !ignoreConfigured {
            let servicesName = profileValues["services"]
            let serviceEndpoint = servicesName.flatMap {
                configFile?.services($0)?.subsections["gamelift"]?["endpoint_url"]
            }
            endpointSources += [
                ("AWS_ENDPOINT_URL_GAMELIFT", env("AWS_ENDPOINT_URL_GAMELIFT")),
                ("AWS_ENDPOINT_URL", env("AWS_ENDPOINT_URL")),
                ("services \(servicesName ?? "") gamelift endpoint_url", serviceEndpoint),
                ("profile \(profileName) endpoint_url", profileValues["endpoint_url"]),
            ]
        }
        if let (source, value) = endpointSources.first(where: { $0.1 != nil }), let value {
            settings.endpointOverride = try parseEndpoint(value, source: source)
        }
        if !ignoreConfigured, let sts = env("AWS_ENDPOINT_URL_STS") {
            settings.stsEndpointOverride = try parseEndpoint(sts, source: "AWS_ENDPOINT_URL_STS")
        }

        let attemptSources: [(String, String?)] = [
            ("AWS_MAX_ATTEMPTS", env("AWS_MAX_ATTEMPTS")),
            ("profile \(profileName) max_attempts", profileValues["max_attempts"]),
        ]
        if let (source, value) = attemptSources.first(where: { $0.1 != nil }), let value {
            guard let n = Int(value), n >= 1 else {
                throw AWSConfigurationError("\(source): '\(value)' is not a whole number of attempts of at least 1")
            }
            settings.maxAttempts = n
        }
        return settings
    }

    /// The GameLift endpoint for `region`: the override when set, else AWS's regional endpoint.
    public func endpoint(for region: String) -> URL {
        if let endpointOverride { return endpointOverride }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://gamelift.\(region).\(suffix)/") ?? URL(fileURLWithPath: "/")
    }

    /// The retry policy with `maxAttempts` applied over `base` (backoff, budget and caps stay as they are).
    public func retryPolicy(base: RetryPolicy = .standard) -> RetryPolicy {
        var policy = base
        if let maxAttempts { policy.maxAttempts = maxAttempts }
        return policy
    }

    /// A profile value from the config file (e.g. `role_arn`), for the credential providers.
    public func profileValue(_ key: String) -> String? { configFile?.configProfile(profile)?.values[key] }

    static func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 64
            && region.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static func parseEndpoint(_ text: String, source: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw AWSConfigurationError("\(source): '\(text)' is not an http:// or https:// URL with a host")
        }
        return url
    }

    static func expandHome(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}
