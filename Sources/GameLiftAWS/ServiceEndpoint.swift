import Foundation

/// The standard endpoints of the AWS services fleetform calls, built from the partition table the way the
/// services' endpoint rules build them (see docs/aws.md, "Endpoints").
public enum ServiceEndpoint {
    /// A service fleetform calls besides GameLift.
    public enum Service: Sendable, Hashable {
        case sts, sso, ssoOIDC

        /// Its key in a `[services …]` section and the suffix of its `AWS_ENDPOINT_URL_*` variable.
        public var configKey: String {
            switch self {
            case .sts: "sts"
            case .sso: "sso"
            case .ssoOIDC: "sso_oidc"
            }
        }

        /// The host name's first label(s), as in the service model's `endpointPrefix`.
        var endpointPrefix: String {
            switch self {
            case .sts: "sts"
            case .sso: "portal.sso"
            case .ssoOIDC: "oidc"
            }
        }
    }

    /// `https://PREFIX[-fips].REGION.SUFFIX/`, the dual-stack suffix when asked for.
    /// - Throws: `AWSConfigurationError` when `region` is not a region name or the partition lacks the variant.
    public static func standard(prefix: String, region: String, fips: Bool, dualStack: Bool) throws -> URL {
        guard AWSSettings.isValidRegion(region) else {
            throw AWSConfigurationError("'\(region)' is not a region name (like us-west-2)")
        }
        let partition = AWSPartition.of(region: region)
        if fips, !partition.supportsFIPS {
            throw AWSConfigurationError("partition \(partition.id) (region \(region)) has no FIPS endpoints")
        }
        if dualStack, !partition.supportsDualStack {
            throw AWSConfigurationError("partition \(partition.id) (region \(region)) has no dual-stack endpoints")
        }
        // STS in GovCloud is FIPS-validated at its usual name (botocore's endpoints.json names these hosts).
        let fipsLabel = fips && !(prefix == "sts" && partition.id == "aws-us-gov" && !dualStack) ? "-fips" : ""
        let suffix = dualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix
        guard let url = URL(string: "https://\(prefix)\(fipsLabel).\(region).\(suffix)/") else {
            throw AWSConfigurationError("'\(region)' does not make a valid host name")
        }
        return url
    }
}
