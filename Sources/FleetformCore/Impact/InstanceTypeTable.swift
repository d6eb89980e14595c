/// vCPUs and memory of an EC2 instance type.
public struct InstanceSize: Codable, Sendable, Hashable {
    public var vCPUs: Int
    public var memoryMiB: Int

}

/// GameLift's EC2 instance types and their sizes, generated from `scripts/instance-types/instance-types.csv`
/// (its README names the source and date). A type missing here is reported as unknown, never guessed.
public enum InstanceTypeTable {
    static let sizes: [String: InstanceSize] = Dictionary(
        generated.map { ($0.name, InstanceSize(vCPUs: $0.vCPUs, memoryMiB: $0.memoryMiB)) },
        uniquingKeysWith: { first, _ in first })

    /// The size of `instanceType` (`c5.large`), or `nil` when the table does not know it.
    public static func size(of instanceType: String) -> InstanceSize? { sizes[instanceType] }

    /// Every known instance type.
    public static var names: [String] { generated.map(\.name) }
}
