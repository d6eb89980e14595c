import Foundation

/// The instance metadata settings botocore reads (see docs/aws.md, "Instance metadata"): each from its
/// environment variable, else the profile.
public struct InstanceMetadataSettings: Sendable, Hashable {
    /// `AWS_METADATA_SERVICE_TIMEOUT` / `metadata_service_timeout`: seconds per request (botocore: 1).
    public var timeout: Int = 1
    /// `AWS_METADATA_SERVICE_NUM_ATTEMPTS` / `metadata_service_num_attempts`: tries per request (botocore: 1).
    public var attempts: Int = 1
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT` / `ec2_metadata_service_endpoint`.
    public var endpoint: URL?
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` / `ec2_metadata_service_endpoint_mode` is `IPv6`.
    public var useIPv6 = false
    /// `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`: no IMDSv1 fallback without a token.
    public var v1Disabled = false

    /// Upper bounds, so a hostile value cannot make a run wait for hours.
    static let maximumTimeout = 3600
    static let maximumAttempts = 100

    public init() {}

    static func resolve(
        environment env: (String) -> String?, profileValue: (String) -> String?, profileName: String,
        v1Disabled: Bool
    ) throws -> InstanceMetadataSettings {
        func value(_ variable: String, _ key: String) -> (source: String, value: String)? {
            if let value = env(variable) { return (variable, value) }
            return profileValue(key).map { ("profile \(profileName) \(key)", $0) }
        }
        func whole(_ variable: String, _ key: String, range: ClosedRange<Int>, unit: String) throws -> Int? {
            guard let (source, text) = value(variable, key) else { return nil }
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
                throw AWSConfigurationError(
                    "\(source): '\(text)' is not a whole number of \(unit) from \(range.lowerBound) to "
                        + "\(range.upperBound)")
            }
            return number
        }
        var settings = InstanceMetadataSettings()
        settings.v1Disabled = v1Disabled
        if let timeout = try whole(
            "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", range: 1...maximumTimeout, unit: "seconds")
        {
            settings.timeout = timeout
        }
        if let attempts = try whole(
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts", range: 1...maximumAttempts,
            unit: "attempts")
        {
            settings.attempts = attempts
        }
        if let (source, text) = value("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint") {
            settings.endpoint = try AWSSettings.parseEndpoint(text, source: source)
        }
        if let (source, text) = value(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode")
        {
            switch text.lowercased() {
            case "ipv4": settings.useIPv6 = false
            case "ipv6": settings.useIPv6 = true
            default: throw AWSConfigurationError("\(source): '\(text)' is neither IPv4 nor IPv6")
            }
        }
        return settings
    }

    /// The service's base URL: the configured endpoint, else the IPv6 or IPv4 address of `endpoints`.
    func baseURL(_ endpoints: CredentialEndpoints) -> String {
        var base = endpoint?.absoluteString ?? (useIPv6 ? endpoints.instanceMetadataIPv6 : endpoints.instanceMetadata)
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
