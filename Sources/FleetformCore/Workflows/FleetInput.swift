import FleetSpec
import Foundation

/// Fleet files loaded and validated before anything touches the network: while any file has an error, no
/// request is sent — not to GameLift, and not to a credential endpoint either. Plan and apply start from one.
public struct FleetInput: Sendable {
    public let fleets: FleetSet
    /// The build's file list launch paths are checked against, once the fleets' operating systems are known.
    public let manifest: BuildManifest?

    public init(fleets: FleetSet, manifest: BuildManifest? = nil) {
        self.fleets = fleets
        self.manifest = manifest
    }

    /// Loads and validates the files at `paths` (and the build manifest at `buildManifest`, if given).
    /// Throws `FleetInputError` when the manifest cannot be read or any file has an error. `names`: what the
    /// caller calls its options, for hints that name one.
    /// `settings`: the repository's `fleetform.yaml`, whose environments give each file its region and rules.
    public static func load(
        paths: [String], buildManifest: String?, defaultRegion: String?, settings: RepositorySettings? = nil,
        names: RunOptionNames = .swiftAPI
    ) throws(FleetInputError) -> FleetInput {
        var manifest: BuildManifest?
        if let path = buildManifest {
            do {
                manifest = try BuildManifest(contentsOf: path)
            } catch {
                throw .unreadableManifest(path: path, reason: "\(error)")
            }
        }
        let fleets = FleetLoader.load(
            paths: paths, options: LoadOptions(defaultRegion: defaultRegion, settings: settings, names: names))
        guard !fleets.diagnostics.hasErrors else { throw .invalidFiles(fleets) }
        return FleetInput(fleets: fleets, manifest: manifest)
    }
}

/// Why fleet files cannot be planned.
public enum FleetInputError: Error, CustomStringConvertible {
    case unreadableManifest(path: String, reason: String)
    /// At least one file has an error; the set carries every diagnostic.
    case invalidFiles(FleetSet)

    public var description: String {
        switch self {
        case let .unreadableManifest(path, reason): "build manifest \(path): \(reason)"
        case let .invalidFiles(fleets):
            "\(fleets.diagnostics.filter { $0.severity == .error }.count) error(s) in the fleet files"
        }
    }
}
