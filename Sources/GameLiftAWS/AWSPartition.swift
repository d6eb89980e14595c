import Foundation

/// An AWS partition: the DNS suffixes of its endpoints and the regions it holds. The table matches botocore's
/// `data/partitions.json` (see docs/aws.md, "Regions and partitions"); a region is placed by the explicit list
/// first, then by the partition's region pattern, else in `aws`, as botocore's endpoint rules do.
public struct AWSPartition: Sendable, Hashable {
    public var id: String
    public var dnsSuffix: String
    public var dualStackDnsSuffix: String
    public var supportsFIPS: Bool
    public var supportsDualStack: Bool
    /// The region pattern's shape: a fixed prefix and how many `-`-separated words follow before the number.
    var regionPrefix: String
    var regions: Set<String>

    /// The partition of `region`.
    public static func of(region: String) -> AWSPartition {
        if let known = all.first(where: { $0.regions.contains(region) }) { return known }
        if let matched = all.first(where: { $0.matchesPattern(region) }) { return matched }
        return all[0]
    }

    /// botocore's `regionRegex` for every partition has the form `^PREFIX\\w+\\-\\d+$`: a fixed prefix, one
    /// word, a dash and a number.
    func matchesPattern(_ region: String) -> Bool {
        if id == "aws" {
            let parts = region.split(separator: "-", omittingEmptySubsequences: false)
            let prefixes: Set<Substring> = ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"]
            return parts.count == 3 && prefixes.contains(parts[0]) && Self.isWord(parts[1]) && Self.isNumber(parts[2])
        }
        guard region.hasPrefix(regionPrefix) else { return false }
        let rest = region.dropFirst(regionPrefix.count).split(separator: "-", omittingEmptySubsequences: false)
        return rest.count == 2 && Self.isWord(rest[0]) && Self.isNumber(rest[1])
    }

    private static func isWord(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Every partition, `aws` first (the fallback).
    public static let all: [AWSPartition] = [
        AWSPartition(
            id: "aws", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "",
            regions: [
                "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
                "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
                "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "aws-global", "ca-central-1", "ca-west-1",
                "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
                "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1",
                "us-east-2", "us-west-1", "us-west-2",
            ]),
        AWSPartition(
            id: "aws-cn", dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "cn-",
            regions: ["aws-cn-global", "cn-north-1", "cn-northwest-1"]),
        AWSPartition(
            id: "aws-eusc", dnsSuffix: "amazonaws.eu", dualStackDnsSuffix: "api.amazonwebservices.eu",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "eusc-de-",
            regions: ["eusc-de-east-1"]),
        AWSPartition(
            id: "aws-iso", dnsSuffix: "c2s.ic.gov", dualStackDnsSuffix: "api.aws.ic.gov",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "us-iso-",
            regions: ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"]),
        AWSPartition(
            id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", dualStackDnsSuffix: "api.aws.scloud",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "us-isob-",
            regions: ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"]),
        AWSPartition(
            id: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", dualStackDnsSuffix: "api.cloud-aws.adc-e.uk",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "eu-isoe-",
            regions: ["aws-iso-e-global", "eu-isoe-west-1"]),
        AWSPartition(
            id: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", dualStackDnsSuffix: "api.aws.hci.ic.gov",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "us-isof-",
            regions: ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"]),
        AWSPartition(
            id: "aws-us-gov", dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws",
            supportsFIPS: true, supportsDualStack: true, regionPrefix: "us-gov-",
            regions: ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"]),
    ]
}
