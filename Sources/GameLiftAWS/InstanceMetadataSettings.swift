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

    static func resolve(_ values: SettingValues) throws -> InstanceMetadataSettings {
        var settings = InstanceMetadataSettings()
        settings.v1Disabled = try values.resolve(SettingTable.metadataV1Disabled) ?? false
        settings.timeout = try values.resolve(SettingTable.metadataTimeout) ?? settings.timeout
        settings.attempts = try values.resolve(SettingTable.metadataAttempts) ?? settings.attempts
        settings.endpoint = try values.resolve(SettingTable.metadataEndpoint)
        settings.useIPv6 = try values.resolve(SettingTable.metadataUsesIPv6) ?? settings.useIPv6
        return settings
    }

    /// The service's base URL: the configured endpoint, else the IPv6 or IPv4 address of `endpoints`.
    func baseURL(_ endpoints: CredentialEndpoints) -> String {
        var base = endpoint?.absoluteString ?? (useIPv6 ? endpoints.instanceMetadataIPv6 : endpoints.instanceMetadata)
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
