import FleetSpec
import GameLiftAPI

/// Identifies a fleet across regions.
public struct FleetKey: Hashable, Sendable, Comparable, CustomStringConvertible {
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
    /// The fleet a command-line argument names: an ARN carries its region (which must agree with
    /// `explicitRegion`, the `--region` given, if any); a plain id takes `explicitRegion`, else
    /// `defaultRegion` (the connection's, from the environment or the profile).
    public init(argument: String, explicitRegion: String?, defaultRegion: String?) throws(FleetArgumentError) {
        let notARN = "'\(argument)' is not a fleet ARN (arn:aws:gamelift:<region>:<account>:fleet/fleet-…)"
        guard let identifier = FleetIdentifier(argument) else {
            throw FleetArgumentError(
                argument.hasPrefix("arn:") ? notARN : "'\(argument)' is neither a fleet id (fleet-…) nor a fleet ARN")
        }
        guard identifier.isARN else {
            guard let region = explicitRegion ?? defaultRegion else {
                throw FleetArgumentError(
                    "no region for \(argument): pass --region, set AWS_REGION, or give the fleet's ARN")
            }
            self.init(region: region, fleetId: identifier.fleetId)
            return
        }
        guard let region = identifier.arnRegion else { throw FleetArgumentError(notARN) }
        if let explicitRegion, explicitRegion != region {
            throw FleetArgumentError("the ARN '\(argument)' is in \(region), but --region says \(explicitRegion)")
        }
        self.init(region: region, fleetId: identifier.fleetId)
    }
}

/// A fleet named on the command line that cannot be resolved to a fleet and region.
public struct FleetArgumentError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
