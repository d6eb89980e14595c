/// How a fleet's computes are provided (`ComputeType`): managed EC2 instances or the studio's own hardware
/// (Anywhere). A struct, not an enum, so values AWS adds later pass through as they come.
public struct ComputeType: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let ec2: ComputeType = "EC2"
    public static let anywhere: ComputeType = "ANYWHERE"

    /// The values the service model lists, the ones a fleet file may declare.
    public static let known: [ComputeType] = GameLiftLimits.computeTypes.map(ComputeType.init(rawValue:))

    /// Whether GameLift installs the fleet's build under its own root (`/local/game/` or `C:\game\`), so launch
    /// paths must lie there. Anywhere fleets run paths on the studio's own hardware.
    public var hasInstallRoot: Bool { self != .anywhere }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
