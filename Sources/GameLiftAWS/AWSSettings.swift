import Foundation
import GameLiftAPI

/// Where and how fleetform talks to AWS, resolved once per run from what the caller passes in (the command
/// line's flags), the environment and the shared config files, in the order AWS tools use (see docs/aws.md).
public struct AWSSettings: Sendable, Hashable {
    /// The profile in use (`--profile`, `AWS_DEFAULT_PROFILE`, `AWS_PROFILE`, else `default`).
    public var profile: String
    /// True when the profile was named by a flag or an environment variable (then it must exist).
    public var profileWasNamed: Bool
    /// True when the profile was named by the `--profile` flag: then, as in the AWS CLI, credentials in the
    /// environment (keys and web identity) are not used.
    public var profileIsExplicit: Bool
    /// The region for fleets that do not name theirs (a fleet file's region or ARN wins; the caller decides).
    public var defaultRegion: String?
    /// Replaces `https://gamelift.<region>.amazonaws.com/` for every region, e.g. a local emulator.
    public var endpointOverride: URL?
    /// Configured endpoints of the other services fleetform calls (`sts`, `sso`, `sso_oidc`), found the way
    /// the GameLift one is (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's `services` section…).
    public var serviceEndpointOverrides: [String: URL]
    /// `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` and `AWS_USE_DUALSTACK_ENDPOINT` /
    /// `use_dualstack_endpoint`.
    public var useFIPSEndpoint: Bool
    public var useDualStackEndpoint: Bool
    /// `AWS_STS_REGIONAL_ENDPOINTS` / `sts_regional_endpoints`: `legacy` sends STS requests of the regions
    /// botocore lists to the global `sts.amazonaws.com`; `regional` (the AWS CLI v2 default) never does.
    public var stsRegionalEndpoints: STSRegionalEndpoints = .regional
    /// Proxies, extra trusted certificates and the User-Agent.
    public var network: NetworkSettings
    /// How the EC2 instance metadata service is reached: its endpoint, time limit, attempts and IMDSv1.
    public var instanceMetadata = InstanceMetadataSettings()
    /// How requests are retried: the standard policy, with `AWS_MAX_ATTEMPTS` or the profile's `max_attempts` as
    /// its attempts. Resolved whole, here, and never patched field by field later: a copy of `.standard` with one
    /// field overwritten under a condition lost that field in optimized builds (docs/architecture.md, "A compiler
    /// bug we work around").
    public var retryPolicy: RetryPolicy = .standard
    /// The shared config file (`AWS_CONFIG_FILE`, else `~/.aws/config`) and its contents, when it exists.
    public var configFilePath: String
    public var configFile: AWSConfigFile?
    /// The shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`).
    public var credentialsFilePath: String
    public var credentialsFile: AWSConfigFile?
    /// The AWS CLI's SSO token cache, `~/.aws/sso/cache`.
    public var ssoCacheDirectory: String
    /// Connection, read (between bytes of an answer) and whole-request time limits, in seconds.
    public var connectTimeout: Double
    public var readTimeout: Double
    public var requestTimeout: Double

    /// Resolves settings: each from the first of its sources that has a value, in the order AWS tools read them
    /// (`SettingTable`): what the caller passes in, then the environment, then the profile.
    /// - Throws: `AWSConfigurationError` for a named profile that exists nowhere, a malformed config file,
    ///   a region or endpoint that is not valid, or a non-numeric `max_attempts`.
    public static func resolve(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, environment: [String: String],
        homeDirectory: String, connectTimeout: Double? = nil, readTimeout: Double? = nil,
        toolVersion: String = "0"
    ) throws -> AWSSettings {
        let passed: [CallerSetting: String?] = [
            .profile: profile, .region: region, .endpointURL: endpointURL,
            .connectTimeout: connectTimeout.map { "\($0)" }, .readTimeout: readTimeout.map { "\($0)" },
        ]
        var values = SettingValues(
            caller: passed.compactMapValues { $0 }, environment: environment, profileName: "default")
        let home = homeDirectory.hasSuffix("/") ? String(homeDirectory.dropLast()) : homeDirectory
        let configPath = expandHome(values.value(.environment("AWS_CONFIG_FILE")) ?? "~/.aws/config", home: home)
        let credentialsPath = expandHome(
            values.value(.environment("AWS_SHARED_CREDENTIALS_FILE")) ?? "~/.aws/credentials", home: home)
        let configFile = try AWSConfigFile.load(path: configPath)
        let credentialsFile = try AWSConfigFile.load(path: credentialsPath)

        // Only the caller's profile makes it explicit (then, as in the AWS CLI, keys in the environment are unused).
        let named = values.first(SettingTable.profile.sources)
        let profileName = named?.text ?? "default"
        if named != nil, configFile?.configProfile(profileName) == nil,
            credentialsFile?.credentialsProfile(profileName) == nil
        {
            throw AWSConfigurationError("profile '\(profileName)' is in neither \(configPath) nor \(credentialsPath)")
        }
        values.profileName = profileName
        values.configFile = configFile
        var settings = AWSSettings(
            profile: profileName, profileWasNamed: named != nil, profileIsExplicit: named?.source == .caller(.profile),
            defaultRegion: nil, endpointOverride: nil, serviceEndpointOverrides: [:], useFIPSEndpoint: false,
            useDualStackEndpoint: false, network: .direct(),
            configFilePath: configPath, configFile: configFile,
            credentialsFilePath: credentialsPath, credentialsFile: credentialsFile,
            ssoCacheDirectory: home + "/.aws/sso/cache", connectTimeout: 10, readTimeout: 60, requestTimeout: 60)
        values.profile = settings.profileValues(profileName)

        settings.network = try NetworkSettings.resolve(values, toolVersion: toolVersion, home: home)
        settings.connectTimeout = try values.resolve(SettingTable.connectTimeout) ?? settings.connectTimeout
        settings.readTimeout = try values.resolve(SettingTable.readTimeout) ?? settings.readTimeout
        settings.requestTimeout = max(settings.requestTimeout, settings.connectTimeout + settings.readTimeout)
        settings.defaultRegion = try values.resolve(SettingTable.region)
        let ignoreConfigured = try values.resolve(SettingTable.ignoreConfiguredEndpoints) ?? false
        settings.endpointOverride = try values.resolve(
            SettingTable.endpoint(service: "gamelift", ignoreConfigured: ignoreConfigured))
        for service in ["sts", "sso", "sso_oidc"] {
            settings.serviceEndpointOverrides[service] = try values.resolve(
                SettingTable.endpoint(service: service, ignoreConfigured: ignoreConfigured))
        }
        settings.useFIPSEndpoint = try values.resolve(SettingTable.useFIPSEndpoint) ?? false
        settings.useDualStackEndpoint = try values.resolve(SettingTable.useDualStackEndpoint) ?? false
        settings.stsRegionalEndpoints = try values.resolve(SettingTable.stsRegionalEndpoints) ?? .regional
        if let attempts = try values.resolve(SettingTable.maxAttempts) {
            settings.retryPolicy = RetryPolicy(maxAttempts: attempts)
        }
        settings.instanceMetadata = try InstanceMetadataSettings.resolve(values)
        return settings
    }

    /// The GameLift endpoint for `region`: the override when set, else AWS's regional endpoint in the region's
    /// partition. GameLift publishes no FIPS or dual-stack endpoints, so asking for one is an error.
    public func endpoint(for region: String) throws -> URL {
        if let endpointOverride { return endpointOverride }
        if useFIPSEndpoint {
            throw AWSConfigurationError(
                "AWS_USE_FIPS_ENDPOINT / use_fips_endpoint is true, but GameLift has no FIPS endpoints; "
                    + "unset it or give GameLift an endpoint (AWS_ENDPOINT_URL_GAMELIFT)")
        }
        if useDualStackEndpoint {
            throw AWSConfigurationError(
                "AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint is true, but GameLift has no dual-stack "
                    + "endpoints; unset it or give GameLift an endpoint (AWS_ENDPOINT_URL_GAMELIFT)")
        }
        return try ServiceEndpoint.standard(prefix: "gamelift", region: region, fips: false, dualStack: false)
    }

    /// The endpoint of another service fleetform calls (`sts`, `sso`, `sso_oidc`) in `region`: the configured
    /// one, else the standard endpoint in the region's partition with the FIPS and dual-stack choices.
    public func serviceEndpoint(_ service: ServiceEndpoint.Service, region: String) throws -> URL {
        if let configured = serviceEndpointOverrides[service.configKey] { return configured }
        if usesGlobalSTS(service, region: region), let global = URL(string: "https://sts.amazonaws.com/") {
            return global
        }
        return try ServiceEndpoint.standard(
            prefix: service.endpointPrefix, region: region, fips: useFIPSEndpoint, dualStack: useDualStackEndpoint)
    }

    /// The region a request to `service` in `region` is signed for: us-east-1 for the global STS endpoint.
    public func signingRegion(_ service: ServiceEndpoint.Service, region: String) -> String {
        usesGlobalSTS(service, region: region) ? "us-east-1" : region
    }

    /// botocore's rule: `legacy` mode, no configured endpoint, no FIPS or dual-stack variant, and one of the
    /// regions whose STS requests went to the global endpoint before regional endpoints existed.
    private func usesGlobalSTS(_ service: ServiceEndpoint.Service, region: String) -> Bool {
        service == .sts && stsRegionalEndpoints == .legacy && serviceEndpointOverrides[service.configKey] == nil
            && !useFIPSEndpoint && !useDualStackEndpoint && STSRegionalEndpoints.legacyGlobalRegions.contains(region)
    }

    /// The profile's values, the credentials file's winning over the config file's (as botocore merges them).
    public func profileValues(_ name: String) -> [String: String] {
        (configFile?.configProfile(name)?.values ?? [:]).merging(
            credentialsFile?.credentialsProfile(name)?.values ?? [:]
        ) { _, fromCredentials in fromCredentials }
    }

    /// True when `name` is a profile in either file.
    public func profileExists(_ name: String) -> Bool {
        configFile?.configProfile(name) != nil || credentialsFile?.credentialsProfile(name) != nil
    }

    /// A value of the profile in use, from either file (e.g. `role_arn`), for the credential providers.
    public func profileValue(_ key: String) -> String? { profileValues(profile)[key] }

    static func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 64
            && region.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static func expandHome(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}

/// How STS endpoints are chosen (`AWS_STS_REGIONAL_ENDPOINTS`, `sts_regional_endpoints`).
public enum STSRegionalEndpoints: String, Sendable, Hashable {
    case legacy, regional

    /// The regions `legacy` sends to `sts.amazonaws.com`: botocore's `LEGACY_GLOBAL_STS_REGIONS`.
    public static let legacyGlobalRegions: Set<String> = [
        "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
        "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2",
        "us-west-1", "us-west-2",
    ]
}
