import FleetSpec
import Foundation
import GameLiftAPI

/// Which fleets a selector names (`--target`: README "Commands"; docs/verify.md, "Working on a subset"): a fleet file or
/// a folder of them, a fleet id or fleet ARN, or `region:NAME`. A target that names a fleet by id matches it in
/// every region; an ARN only in its own.
public enum FleetSelector: Sendable, Hashable, CustomStringConvertible {
    case path(String)
    case fleet(FleetIdentifier)
    case region(String)

    /// Parses one selector (a `--target` value). `fleet-…`, `containerfleet-…` and `arn:…` are fleets,
    /// `region:NAME` is a region, anything else is a path (which must exist, so a typo is not silently "nothing").
    public static func parse(
        _ text: String, fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) throws(SelectorError) -> FleetSelector {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.hasPrefix("region:") {
            let region = String(trimmed.dropFirst("region:".count))
            guard GameLiftLimits.isRegionShaped(region) else {
                throw .notARegion(text, region: region)
            }
            return .region(region)
        }
        if trimmed.hasPrefix("arn:") || trimmed.hasPrefix("fleet-") || trimmed.hasPrefix("containerfleet-") {
            guard let identifier = FleetIdentifier(trimmed) else { throw .notAFleet(text) }
            return .fleet(identifier)
        }
        if Int(trimmed) != nil || trimmed.hasSuffix("%") { throw .countOrPercentage(text) }
        guard fileExists(trimmed) else { throw .noSuchPath(text) }
        return .path(trimmed)
    }

    /// Parses a selector of a command that has no fleet files (`import`): a fleet id or ARN, or `region:NAME`.
    public static func parseWithoutFiles(_ text: String) throws(SelectorError) -> FleetSelector {
        guard let selector = try? parse(text, fileExists: { _ in false }) else { throw .notAFleetOrRegion(text) }
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

/// A selector that cannot be used; the caller says so naming the option that gave it (on the command line,
/// `--target` or `--wave`).
public enum SelectorError: Error, Equatable, Sendable {
    case empty
    case notARegion(String, region: String)
    case notAFleet(String)
    /// A count or percentage, which only a wave can take.
    case countOrPercentage(String)
    case noSuchPath(String)
    /// Not a fleet id, ARN or region, where there are no fleet files to name.
    case notAFleetOrRegion(String)
    case percentageOutOfRange(String)
    case countBelowOne(String)
    /// The selector names none of the fleets at hand.
    case namesNoFleet(FleetSelector)

}

extension FleetInput {
    /// Only the fleets some selector names; every selector must name at least one fleet of the files. With no
    /// selectors, the input as it is.
    public func targeting(_ selectors: [FleetSelector]) throws(SelectorError) -> FleetInput {
        guard !selectors.isEmpty else { return self }
        for selector in selectors where !fleets.documents.contains(where: selector.matches) {
            throw .namesNoFleet(selector)
        }
        var set = fleets
        set.documents = fleets.documents.filter { document in selectors.contains { $0.matches(document) } }
        // A broken rule of fleetform.yaml, or a file in no environment, concerns its file: outside the target it
        // neither shows nor stops the run, as the file's fleets are not worked on.
        let files = Set(set.documents.map(\.location.path))
        let perFile = Set(RuleName.allCases.map(\.code) + [.fleetOutsideEnvironments])
        set.diagnostics = fleets.diagnostics.filter { d in
            guard perFile.contains(d.code), let path = d.location?.path else { return true }
            return files.contains(path)
        }
        return FleetInput(fleets: set, manifest: manifest)
    }
}
