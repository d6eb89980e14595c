import FleetSpec
import Foundation
import GameLiftAPI

/// Reads live fleets for `fleetform import`: resolves the fleets named on the command line (or lists every
/// fleet of a region), reads their attributes and runtime configuration, and turns each into fleet-file text
/// that has been validated the way `plan` will read it. Never writes to GameLift or to disk.
public struct FleetImporter: Sendable {
    public let reader: LiveFleetReader

    public init(reader: LiveFleetReader) { self.reader = reader }

    /// The fleets `arguments` name (see `FleetKey.init(argument:explicitRegion:defaultRegion:)`), each kept
    /// once, in the order first given.
    public static func keys(for arguments: [String], explicitRegion: String?, defaultRegion: String?)
        throws(FleetArgumentError) -> [FleetKey]
    {
        var keys: [FleetKey] = []
        for argument in arguments {
            let key = try FleetKey(argument: argument, explicitRegion: explicitRegion, defaultRegion: defaultRegion)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// Every fleet in `region`, following `ListFleets`' `NextToken` to the last page, sorted by id. `pageSize`
    /// sets `Limit` (the service's default when `nil`).
    public func listFleets(region: String, pageSize: Int? = nil) async throws -> [FleetKey] {
        let gameLift = reader.gameLift
        let ids = try await Pagination.all(.listFleets, region: region) { token in
            let page = try await gameLift.send(ListFleetsInput(limit: pageSize, nextToken: token), region: region)
            return (page.fleetIds ?? [], page.nextToken)
        }
        return Set(ids).sorted().map { FleetKey(region: region, fleetId: $0) }
    }

    /// Reads each fleet and renders its file. Every fleet ends as a file or a failure, in the keys' order.
    public func read(_ keys: [FleetKey], writer: FleetFileWriter) async -> [ImportResult] {
        let observed = await reader.observe(keys)
        return keys.map { key in
            let unread = ObservedFleet(error: ServiceErrorInfo(code: "NotRead", message: "the fleet was not read"))
            return Self.result(for: key, observed: observed[key] ?? unread, writer: writer)
        }
    }

    /// The file for one observed fleet, or why there is none. Pure.
    public static func result(for key: FleetKey, observed: ObservedFleet, writer: FleetFileWriter) -> ImportResult {
        if FleetIdentifier(unchecked: key.fleetId).isContainerFleet {
            return ImportResult(
                key: key,
                skipped: "container fleet: it has no runtime configuration; manage it with its container group "
                    + "definition")
        }
        if let error = observed.error { return ImportResult(key: key, failure: error.description) }
        guard let configuration = observed.configuration, !(configuration.serverProcesses ?? []).isEmpty else {
            return ImportResult(key: key, failure: "the fleet has no server processes to import")
        }
        let fleet = ImportedFleet(key: key, attributes: observed.attributes, configuration: configuration)
        let text = writer.render(fleet)
        // Read the text back exactly as plan will: a file that would not validate is not written.
        let check = FleetLoader.load(text: text, path: "\(key.fleetId).yaml", options: LoadOptions())
        var diagnostics = check.diagnostics
        if let document = check.documents.first {
            diagnostics += LiveFleetRules.checkAgainstFleet(
                document, operatingSystem: observed.attributes?.operatingSystem, buildManifest: nil,
                computeType: observed.attributes?.computeType)
        }
        if diagnostics.hasErrors {
            let problems = diagnostics.filter { $0.severity == .error }.map { "[\($0.code)] \($0.message)" }
            return ImportResult(
                key: key, fleet: fleet,
                failure: "the live configuration does not pass validation: " + problems.joined(separator: "; "))
        }
        return ImportResult(key: key, fleet: fleet, text: text, warnings: diagnostics)
    }
}

/// What `import` made of one fleet: its file text, or a failure saying why there is none.
public struct ImportResult: Sendable, Hashable {
    public var key: FleetKey
    public var fleet: ImportedFleet?
    /// The fleet file; `nil` when the fleet failed.
    public var text: String?
    /// Warnings the file would raise in `validate` (it is written all the same).
    public var warnings: [Diagnostic]
    public var failure: String?
    /// Why the fleet was deliberately left out (a container fleet): a note, not a failure.
    public var skipped: String?

    public init(
        key: FleetKey, fleet: ImportedFleet? = nil, text: String? = nil, warnings: [Diagnostic] = [],
        failure: String? = nil, skipped: String? = nil
    ) {
        self.skipped = skipped
        self.key = key
        self.fleet = fleet
        self.text = text
        self.warnings = warnings
        self.failure = failure
    }

    /// The file name `import` gives the fleet: its id, which is unique.
    public var fileName: String { "\(key.fleetId).yaml" }
}

/// What `import` prints once it adopts fleets: the tool that created them must stop managing their runtime
/// configuration, or the two will undo each other (docs/coexistence.md).
public enum CoexistenceHint {
    public static let text =
        "If Terraform, CloudFormation or CDK created these fleets, stop it from managing their runtime "
        + "configuration (Terraform: lifecycle { ignore_changes = [runtime_configuration] }); see docs/coexistence.md."
}

/// A problem with what `import` was asked to do.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
