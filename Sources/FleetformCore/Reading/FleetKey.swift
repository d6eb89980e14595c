import FleetSpec
import GameLiftAPI

/// Identifies a fleet across regions (as a wave of a saved plan lists its fleets: `fleetId` and `region`).
public struct FleetKey: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var region: String
    public var fleetId: String
    public init(region: String, fleetId: String) {
        self.region = region
        self.fleetId = fleetId
    }
    public init(_ document: FleetDocument) { self.init(region: document.region, fleetId: document.fleetId) }
    public static func < (a: Self, b: Self) -> Bool { (a.region, a.fleetId) < (b.region, b.fleetId) }
    public var description: String { "\(fleetId) (\(region))" }
}

/// A value that names one fleet in one Region (a plan, a wave's member, a rollback or watch target): its `key`
/// is what reads are keyed by, so no caller builds one by hand.
public protocol NamesFleet {
    var region: String { get }
    var fleetId: String { get }
}

extension NamesFleet {
    /// The fleet's region and id, as reads are keyed.
    public var key: FleetKey { FleetKey(region: region, fleetId: fleetId) }
}

extension FleetKey {
    /// The fleet an argument names: an ARN carries its region (which must agree with `explicitRegion`, the
    /// region option given, if any); a plain id takes `explicitRegion`, else `defaultRegion` (the connection's,
    /// from the environment or the profile).
    public init(argument: String, explicitRegion: String?, defaultRegion: String?) throws(FleetArgumentError) {
        guard let identifier = FleetIdentifier(argument) else {
            throw argument.hasPrefix("arn:") ? .notAnARN(argument) : .notAFleet(argument)
        }
        guard identifier.isARN else {
            guard let region = explicitRegion ?? defaultRegion else { throw .noRegion(argument) }
            self.init(region: region, fleetId: identifier.fleetId)
            return
        }
        guard let region = identifier.arnRegion else { throw .notAnARN(argument) }
        if let explicitRegion, explicitRegion != region {
            throw .regionDisagrees(argument: argument, arnRegion: region, region: explicitRegion)
        }
        self.init(region: region, fleetId: identifier.fleetId)
    }
}

/// A fleet named in an argument that cannot be resolved to a fleet and region; the command line words it.
public enum FleetArgumentError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnARN(String)
    case notAFleet(String)
    /// A plain fleet id, and no region to find it in.
    case noRegion(String)
    /// The fleet's ARN and the region option name different regions.
    case regionDisagrees(argument: String, arnRegion: String, region: String)

    /// The error for a Swift caller, naming no flag (the command line words it with its flags instead).
    public var description: String {
        switch self {
        case .notAnARN(let text), .notAFleet(let text): "'\(text)' names no fleet"
        case .noRegion(let text): "no region for \(text): give one, or the fleet's ARN"
        case .regionDisagrees(let argument, let arnRegion, let region):
            "the ARN '\(argument)' is in \(arnRegion), not \(region)"
        }
    }

}
