/// A fleet as GameLift's `FleetId` names it: a fleet id, or a fleet ARN, which also names a region and an
/// account. The one parser the fleet files, the commands and the importer share.
public struct FleetIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// As written; GameLift accepts either form in requests.
    public var text: String
    /// The plain `fleet-…` id.
    public var fleetId: String
    /// The ARN's region, when an ARN was written.
    public var arnRegion: String?
    /// The ARN's account, when an ARN was written.
    public var arnAccount: String?

    /// Parses text that has `FleetIdOrArn`'s length and matches one of its patterns (`GameLiftLimits`);
    /// `nil` otherwise.
    public init?(_ text: String) {
        guard GameLiftLimits.fleetIdOrArnLength.contains(text.count),
            GameLiftLimits.isFleetIdShaped(text) || GameLiftLimits.isFleetArnShaped(text)
        else { return nil }
        self.init(unchecked: text)
    }

    /// Splits without validating: an ARN into its parts, anything else taken as the id.
    public init(unchecked text: String) {
        self.text = text
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if text.hasPrefix("arn:"), parts.count == 6, let slash = parts[5].lastIndex(of: "/") {
            fleetId = String(parts[5][parts[5].index(after: slash)...])
            arnRegion = parts[3].isEmpty ? nil : String(parts[3])
            arnAccount = parts[4].isEmpty ? nil : String(parts[4])
        } else {
            fleetId = text
        }
    }

    public var isARN: Bool { text != fleetId }

    /// Whether the id is a container fleet's (`containerfleet-…`). Container fleets have no runtime
    /// configuration: they are managed through their container group definitions.
    public var isContainerFleet: Bool { fleetId.hasPrefix(Self.containerFleetPrefix) }

    /// The prefix of container fleet ids.
    public static let containerFleetPrefix = "containerfleet-"
    public var description: String { text }
}
