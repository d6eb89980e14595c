import Foundation
import GameLiftAPI

/// A setting the caller passes in directly: on the command line, a flag. The library refers to it by this
/// name only; the caller words errors about it (`AWSConfigurationError.message(naming:)`).
public enum CallerSetting: String, Sendable, Hashable, CaseIterable {
    case profile, region, endpointURL, connectTimeout, readTimeout
}

/// Where a setting's value can come from (docs/aws.md, "Settings").
public enum SettingSource: Sendable, Hashable {
    /// What the caller passed in.
    case caller(CallerSetting)
    /// An environment variable (empty counts as unset).
    case environment(String)
    /// A key of the profile in use, the credentials file's values winning over the config file's.
    case profile(String)
    /// A service's `endpoint_url` in the `[services …]` section the profile names.
    case serviceEndpoint(String)
}

/// One row of the settings table: the sources of a setting in the order AWS tools read them, the parser of its
/// text, and what the text must be. `AWSSettings.resolve` walks the rows with `SettingValues.resolve`.
struct Setting<Value>: Sendable {
    let sources: [SettingSource]
    /// The value of the text, or nil when the text is not one.
    let parse: @Sendable (String) -> Value?
    /// What a text that does not parse is not, after its source and the text: "is not a region name (…)".
    let expected: String
}

/// The table: every setting `AWSSettings` resolves by first-source-wins, in one place.
enum SettingTable {
    static let profile = Setting<String>(
        // botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE.
        sources: [.caller(.profile), .environment("AWS_DEFAULT_PROFILE"), .environment("AWS_PROFILE")],
        parse: { $0 }, expected: "")
    static let region = Setting<String>(
        sources: [
            .caller(.region), .environment("AWS_REGION"), .environment("AWS_DEFAULT_REGION"), .profile("region"),
        ],
        parse: { AWSSettings.isValidRegion($0) ? $0 : nil }, expected: "is not a region name (like us-west-2)")
    static let connectTimeout = Setting<Double>(
        sources: [.caller(.connectTimeout)], parse: seconds,
        expected: "is not a number of seconds between 0 and 3600")
    static let readTimeout = Setting<Double>(
        sources: [.caller(.readTimeout)], parse: seconds, expected: connectTimeout.expected)
    static let maxAttempts = Setting<Int>(
        sources: [.environment("AWS_MAX_ATTEMPTS"), .profile("max_attempts")],
        parse: { Int($0).flatMap { $0 >= 1 ? $0 : nil } },
        expected: "is not a whole number of attempts of at least 1")
    static let stsRegionalEndpoints = Setting<STSRegionalEndpoints>(
        sources: [.environment("AWS_STS_REGIONAL_ENDPOINTS"), .profile("sts_regional_endpoints")],
        parse: { STSRegionalEndpoints(rawValue: $0.lowercased()) }, expected: "is neither legacy nor regional")
    static let ignoreConfiguredEndpoints = boolean(
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls")
    static let useFIPSEndpoint = boolean("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")
    static let useDualStackEndpoint = boolean("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")
    static let metadataV1Disabled = boolean("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")
    static let caBundle = Setting<String>(
        sources: [.environment("AWS_CA_BUNDLE"), .profile("ca_bundle")], parse: { $0 }, expected: "")
    static let appID = Setting<String>(
        sources: [.environment("AWS_SDK_UA_APP_ID"), .profile("sdk_ua_app_id")],
        parse: { id in id.count <= 50 && id.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "/" } ? id : nil },
        expected: "is not at most 50 printable ASCII characters without spaces or '/'")
    static let metadataTimeout = whole(
        "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", 1...InstanceMetadataSettings.maximumTimeout,
        "seconds")
    static let metadataAttempts = whole(
        "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts",
        1...InstanceMetadataSettings.maximumAttempts, "attempts")
    static let metadataEndpoint = Setting<URL>(
        sources: [.environment("AWS_EC2_METADATA_SERVICE_ENDPOINT"), .profile("ec2_metadata_service_endpoint")],
        parse: endpoint, expected: endpointExpected)
    static let metadataUsesIPv6 = Setting<Bool>(
        sources: [
            .environment("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"), .profile("ec2_metadata_service_endpoint_mode"),
        ],
        parse: { ["ipv4": false, "ipv6": true][$0.lowercased()] }, expected: "is neither IPv4 nor IPv6")

    /// A service's configured endpoint, in botocore's order: the caller's (GameLift only), the service's
    /// variable, `AWS_ENDPOINT_URL`, the service in the profile's `services` section, the profile's
    /// `endpoint_url`. With `ignoreConfigured`, only the caller's.
    static func endpoint(service: String, ignoreConfigured: Bool) -> Setting<URL> {
        let caller: [SettingSource] = service == "gamelift" ? [.caller(.endpointURL)] : []
        let configured: [SettingSource] = [
            .environment("AWS_ENDPOINT_URL_\(service.uppercased())"), .environment("AWS_ENDPOINT_URL"),
            .serviceEndpoint(service), .profile("endpoint_url"),
        ]
        return Setting(
            sources: caller + (ignoreConfigured ? [] : configured), parse: endpoint, expected: endpointExpected)
    }

    static let endpointExpected = "is not an http:// or https:// URL with a host"

    /// An http or https URL with a host.
    @Sendable static func endpoint(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return nil }
        return url
    }

    /// Seconds in (0, 3600].
    @Sendable static func seconds(_ text: String) -> Double? {
        Double(text).flatMap { $0.isFinite && $0 > 0 && $0 <= 3600 ? $0 : nil }
    }

    private static func boolean(_ variable: String, _ key: String) -> Setting<Bool> {
        Setting(
            sources: [.environment(variable), .profile(key)],
            parse: { ["true": true, "false": false][$0.lowercased()] },
            expected: "is neither true nor false")
    }

    private static func whole(_ variable: String, _ key: String, _ range: ClosedRange<Int>, _ unit: String)
        -> Setting<Int>
    {
        Setting(
            sources: [.environment(variable), .profile(key)],
            parse: { Int($0.trimmingCharacters(in: .whitespaces)).flatMap { range.contains($0) ? $0 : nil } },
            expected: "is not a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound)")
    }
}

/// The values one run's settings are read from: what the caller passed in, the environment, and the profile in
/// use with its `services` section.
struct SettingValues {
    var caller: [CallerSetting: String]
    var environment: [String: String]
    var profileName: String
    var profile: [String: String] = [:]
    var configFile: AWSConfigFile?

    /// The value of one source, nil when it has none (empty counts as none).
    func value(_ source: SettingSource) -> String? {
        let text: String? =
            switch source {
            case .caller(let setting): caller[setting]
            case .environment(let name): environment[name]
            case .profile(let key): profile[key]
            case .serviceEndpoint(let service):
                profile["services"].flatMap { configFile?.services($0)?.subsections[service]?["endpoint_url"] }
            }
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The first of `sources` with a value, and which it was.
    func first(_ sources: [SettingSource]) -> (source: SettingSource, text: String)? {
        for source in sources {
            if let text = value(source) { return (source, text) }
        }
        return nil
    }

    /// The setting's value from the first source that has one; nil when none has. A text that does not parse
    /// is an error naming its source, never skipped for the next.
    func resolve<Value>(_ setting: Setting<Value>) throws(AWSConfigurationError) -> Value? {
        guard let (source, text) = first(setting.sources) else { return nil }
        guard let value = setting.parse(text) else {
            throw AWSConfigurationError(source: source, value: text, problem: setting.expected, in: self)
        }
        return value
    }

    /// How an error names a source other than the caller: the variable, or the profile and key.
    func label(_ source: SettingSource) -> String {
        switch source {
        case .caller(let setting): "the \(setting.rawValue) passed in"
        case .environment(let name): name
        case .profile(let key): "profile \(profileName) \(key)"
        case .serviceEndpoint(let service): "services \(profile["services"] ?? "") \(service) endpoint_url"
        }
    }
}

extension AWSConfigurationError {
    /// A setting whose text is not what it must be, naming where it came from.
    init(source: SettingSource, value: String, problem: String, in values: SettingValues) {
        if case .caller(let setting) = source {
            self.init("'\(value)' \(problem)", callerSetting: setting)
        } else {
            self.init("\(values.label(source)): '\(value)' \(problem)")
        }
    }
}
