import FleetSpec
import Foundation
import GameLiftAPI

/// Which fleets a `--target` names (README "Commands"; docs/verify.md, "Working on a subset"): a fleet file or
/// a folder of them, a fleet id or fleet ARN, or `region:NAME`. A target that names a fleet by id matches it in
/// every region; an ARN only in its own.
public enum FleetSelector: Sendable, Hashable, CustomStringConvertible {
    case path(String)
    case fleet(FleetIdentifier)
    case region(String)

    /// Parses one `--target` value. `fleet-…`, `containerfleet-…` and `arn:…` are fleets, `region:NAME` is a
    /// region, anything else is a path (which must exist, so a typo is not silently "nothing").
    public static func parse(
        _ text: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    )
        throws(FleetSelectorError) -> FleetSelector
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw FleetSelectorError("--target needs a value") }
        if trimmed.hasPrefix("region:") {
            let region = String(trimmed.dropFirst("region:".count))
            guard region.range(of: GameLiftLimits.regionPattern, options: .regularExpression) != nil else {
                throw FleetSelectorError("--target '\(text)': '\(region)' is not a region name (like us-west-2)")
            }
            return .region(region)
        }
        if trimmed.hasPrefix("arn:") || trimmed.hasPrefix("fleet-") || trimmed.hasPrefix("containerfleet-") {
            guard let identifier = FleetIdentifier(trimmed) else {
                throw FleetSelectorError("--target '\(text)' is neither a fleet id (fleet-…) nor a fleet ARN")
            }
            return .fleet(identifier)
        }
        if Int(trimmed) != nil || trimmed.hasSuffix("%") {
            throw FleetSelectorError(
                "--target '\(text)': a count or a percentage would pick among the changed fleets, which means reading "
                    + "them all; --target takes a file or folder, a fleet id or ARN, or region:NAME")
        }
        guard fileExists(trimmed) else {
            throw FleetSelectorError("--target '\(text)': no such file or folder, fleet id, ARN or region:NAME")
        }
        return .path(trimmed)
    }

    /// Parses a `--target` of a command that has no fleet files (`import`): a fleet id or ARN, or
    /// `region:NAME`.
    public static func parseWithoutFiles(_ text: String) throws(FleetSelectorError) -> FleetSelector {
        guard let selector = try? parse(text, fileExists: { _ in false }) else {
            throw FleetSelectorError("--target '\(text)': give a fleet id or ARN, or region:NAME")
        }
        return selector
    }

    /// Whether the fleet `fleetId` in `region`, declared in `file` (`nil` when there is no file, as in an
    /// import), is one this selector names.
    public func matches(fleetId: String, region: String, file: String? = nil) -> Bool {
        switch self {
        case .path(let path): file.map { Self.isSameOrInside($0, path) } ?? false
        case .fleet(let identifier):
            identifier.fleetId == fleetId && (identifier.arnRegion.map { $0 == region } ?? true)
        case .region(let name): name == region
        }
    }

    /// Whether `document` is one of the fleets this selector names.
    public func matches(_ document: FleetDocument) -> Bool {
        matches(fleetId: document.fleetId, region: document.region, file: document.location.path)
    }

    public var description: String {
        switch self {
        case .path(let path): path
        case .fleet(let identifier): identifier.text
        case .region(let region): "region:\(region)"
        }
    }

    /// `file` is `path` itself or lies under the folder `path`, compared as standardized absolute paths.
    static func isSameOrInside(_ file: String, _ path: String) -> Bool {
        let file = absolute(file)
        let folder = absolute(path)
        return file == folder || file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    static func absolute(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: base).standardizedFileURL.path
    }
}

/// A `--target` that cannot be used, said in one line.
public struct FleetSelectorError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension FleetInput {
    /// Only the fleets some selector names; every selector must name at least one fleet of the files. With no
    /// selectors, the input as it is.
    public func targeting(_ selectors: [FleetSelector]) throws(FleetSelectorError) -> FleetInput {
        guard !selectors.isEmpty else { return self }
        for selector in selectors where !fleets.documents.contains(where: selector.matches) {
            throw FleetSelectorError("--target \(selector) names no fleet in the fleet files given")
        }
        var set = fleets
        set.documents = fleets.documents.filter { document in selectors.contains { $0.matches(document) } }
        return FleetInput(fleets: set, manifest: manifest)
    }
}
