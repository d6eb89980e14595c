import Foundation
import GameLiftAPI

/// Where and how fleetform talks to AWS, resolved once per run from flags, environment and the shared
/// config files, in the order AWS tools use (see docs/aws.md).
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

    /// Resolves settings. Flags win over environment, environment over the profile.
    /// - Throws: `AWSConfigurationError` for a named profile that exists nowhere, a malformed config file,
    ///   a region or endpoint that is not valid, or a non-numeric `max_attempts`.
    public static func resolve(
        profile: String? = nil, region: String? = nil, endpointURL: String? = nil, environment: [String: String],
        homeDirectory: String, connectTimeout: Double? = nil, readTimeout: Double? = nil,
        toolVersion: String = "0"
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

        // botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE; only the flag makes the profile explicit.
        let flagProfile = profile.flatMap { $0.isEmpty ? nil : $0 }
        let namedProfile = flagProfile ?? env("AWS_DEFAULT_PROFILE") ?? env("AWS_PROFILE")
        let profileName = namedProfile ?? "default"
        let section = configFile?.configProfile(profileName)
        if namedProfile != nil, section == nil, credentialsFile?.credentialsProfile(profileName) == nil {
            throw AWSConfigurationError(
                "profile '\(profileName)' is in neither \(configPath) nor \(credentialsPath)")
        }
        // As botocore merges them: the credentials file's values win over the config file's.
        let profileValues = (section?.values ?? [:]).merging(
            credentialsFile?.credentialsProfile(profileName)?.values ?? [:]
        ) { _, fromCredentials in fromCredentials }

        /// A true/false setting from the environment, else the profile.
        func flag(_ variable: String, _ key: String) throws -> Bool {
            let sources: [(String, String?)] = [
                (variable, env(variable)), ("profile \(profileName) \(key)", profileValues[key]),
            ]
            guard let (source, value) = sources.first(where: { $0.1 != nil }), let value else { return false }
            switch value.lowercased() {
            case "true": return true
            case "false": return false
            default: throw AWSConfigurationError("\(source): '\(value)' is neither true nor false")
            }
        }
        var settings = AWSSettings(
            profile: profileName, profileWasNamed: namedProfile != nil, profileIsExplicit: flagProfile != nil,
            defaultRegion: nil, endpointOverride: nil, serviceEndpointOverrides: [:], useFIPSEndpoint: false,
            useDualStackEndpoint: false,
            network: try NetworkSettings.resolve(
                environment: environment, profileValues: profileValues, toolVersion: toolVersion, home: home),
            configFilePath: configPath, configFile: configFile,
            credentialsFilePath: credentialsPath, credentialsFile: credentialsFile,
            ssoCacheDirectory: home + "/.aws/sso/cache",
            connectTimeout: try timeout(connectTimeout, flag: "--connect-timeout") ?? 10,
            readTimeout: try timeout(readTimeout, flag: "--read-timeout") ?? 60, requestTimeout: 60)
        settings.requestTimeout = max(settings.requestTimeout, settings.connectTimeout + settings.readTimeout)

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

        let ignoreConfigured = try flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls")
        /// botocore's order: the service's variable, `AWS_ENDPOINT_URL`, the service in the profile's
        /// `services` section, the profile's `endpoint_url`.
        func configuredEndpoint(service: String) throws -> (String, String)? {
            guard !ignoreConfigured else { return nil }
            let servicesName = profileValues["services"]
            let serviceEndpoint = servicesName.flatMap {
                configFile?.services($0)?.subsections[service]?["endpoint_url"]
            }
            let sources: [(String, String?)] = [
                ("AWS_ENDPOINT_URL_\(service.uppercased())", env("AWS_ENDPOINT_URL_\(service.uppercased())")),
                ("AWS_ENDPOINT_URL", env("AWS_ENDPOINT_URL")),
                ("services \(servicesName ?? "") \(service) endpoint_url", serviceEndpoint),
                ("profile \(profileName) endpoint_url", profileValues["endpoint_url"]),
            ]
            return sources.first(where: { $0.1 != nil }).flatMap { source in source.1.map { (source.0, $0) } }
        }
        if let flagURL = endpointURL.flatMap({ $0.isEmpty ? nil : $0 }) {
            settings.endpointOverride = try parseEndpoint(flagURL, source: "--endpoint-url")
        } else if let (source, value) = try configuredEndpoint(service: "gamelift") {
            settings.endpointOverride = try parseEndpoint(value, source: source)
        }
        for service in ["sts", "sso", "sso_oidc"] {
            if let (source, value) = try configuredEndpoint(service: service) {
                settings.serviceEndpointOverrides[service] = try parseEndpoint(value, source: source)
            }
        }
        settings.useFIPSEndpoint = try flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")
        settings.useDualStackEndpoint = try flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")
        let stsModeSources: [(String, String?)] = [
            ("AWS_STS_REGIONAL_ENDPOINTS", env("AWS_STS_REGIONAL_ENDPOINTS")),
            ("profile \(profileName) sts_regional_endpoints", profileValues["sts_regional_endpoints"]),
        ]
        if let (source, value) = stsModeSources.first(where: { $0.1 != nil }), let value {
            guard let mode = STSRegionalEndpoints(rawValue: value.lowercased()) else {
                throw AWSConfigurationError("\(source): '\(value)' is neither legacy nor regional")
            }
            settings.stsRegionalEndpoints = mode
        }

        let attemptSources: [(String, String?)] = [
            ("AWS_MAX_ATTEMPTS", env("AWS_MAX_ATTEMPTS")),
            ("profile \(profileName) max_attempts", profileValues["max_attempts"]),
        ]
        if let (source, value) = attemptSources.first(where: { $0.1 != nil }), let value {
            guard let n = Int(value), n >= 1 else {
                throw AWSConfigurationError("\(source): '\(value)' is not a whole number of attempts of at least 1")
            }
            settings.retryPolicy = RetryPolicy(maxAttempts: n)
        }
        settings.instanceMetadata = try InstanceMetadataSettings.resolve(
            environment: env, profileValue: { profileValues[$0] }, profileName: profileName,
            v1Disabled: try flag("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"))
        return settings
    }

    /// The GameLift endpoint for `region`: the override when set, else AWS's regional endpoint in the region's
    /// partition. GameLift publishes no FIPS or dual-stack endpoints, so asking for one is an error.
    public func endpoint(for region: String) throws -> URL {
        if let endpointOverride { return endpointOverride }
        if useFIPSEndpoint {
            throw AWSConfigurationError(
                "AWS_USE_FIPS_ENDPOINT / use_fips_endpoint is true, but GameLift has no FIPS endpoints; "
                    + "unset it or give the endpoint with --endpoint-url")
        }
        if useDualStackEndpoint {
            throw AWSConfigurationError(
                "AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint is true, but GameLift has no dual-stack "
                    + "endpoints; unset it or give the endpoint with --endpoint-url")
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

    static func timeout(_ value: Double?, flag: String) throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, value > 0, value <= 3600 else {
            throw AWSConfigurationError("\(flag): \(value) is not a number of seconds between 0 and 3600")
        }
        return value
    }

    /// A value of the profile in use, from either file (e.g. `role_arn`), for the credential providers.
    public func profileValue(_ key: String) -> String? { profileValues(profile)[key] }

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
