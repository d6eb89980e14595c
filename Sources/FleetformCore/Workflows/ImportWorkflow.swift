import FleetSpec
import Foundation
import GameLiftAPI

/// `fleetform import`: reads live fleets (those named, or every fleet of a region) and writes one fleet file
/// per fleet, each validated the way `plan` will read it. Existing files are refused as a whole unless
/// `force`, so a refused import leaves the folder as it was. Never writes to GameLift.
public struct ImportWorkflow: Sendable {
    /// Which fleets to import.
    public enum Fleets: Sendable, Hashable {
        /// These fleets (`FleetImporter.keys` resolves ids and ARNs to them).
        case named([FleetKey])
        /// Every fleet of the region (`ListFleets`, every page).
        case all(region: String)
    }

    public struct Options: Sendable {
        public var fleets: Fleets
        /// The folder the files are written to.
        public var directory: String
        /// Overwrite files that exist.
        public var force: Bool
        /// Fleets read at once.
        public var parallelism: Int
        /// Import only the fleets these name (fleet ids or ARNs, `region:NAME`).
        public var targets: [FleetSelector] = []

        public init(fleets: Fleets, directory: String = "fleets", force: Bool = false, parallelism: Int = 8) {
            self.fleets = fleets
            self.directory = directory
            self.force = force
            self.parallelism = parallelism
        }
    }

    public struct Result: Sendable {
        /// Every fleet, as a file or a failure; empty when the import was refused before reading.
        public var results: [ImportResult]
        /// How many files were written.
        public var written: Int
        public var status: ExitStatus
    }

    public let context: WorkflowContext
    public let options: Options

    public init(context: WorkflowContext, options: Options) {
        self.context = context
        self.options = options
    }

    /// Resolves the fleets, reads them, and writes their files — all or, when any exists (without `force`),
    /// none.
    public func run() async -> Result {
        let refused = Result(results: [], written: 0, status: .error)
        var keys: [FleetKey]
        switch options.fleets {
        case .named(let named): keys = named
        case .all(let region):
            do {
                keys = try await FleetImporter(reader: LiveFleetReader(gameLift: context.gameLift)).listFleets(
                    region: region)
            } catch {
                context.observer.notice(.failed("\(error)"))
                return refused
            }
        }
        if !options.targets.isEmpty {
            for selector in options.targets
            where !keys.contains(where: { selector.matches(fleetId: $0.fleetId, region: $0.region) }) {
                context.observer.notice(
                    .failed("\(context.names[.target]) \(selector) names none of the fleets to import"))
                return refused
            }
            keys = keys.filter { key in
                options.targets.contains { $0.matches(fleetId: key.fleetId, region: key.region) }
            }
        }
        context.observer.notice(.progressStarted(label: "Reading fleets", total: keys.count))
        let importer = FleetImporter(
            reader: LiveFleetReader(
                gameLift: context.gameLift, parallelism: options.parallelism,
                onFleetRead: { context.observer.notice(.progressAdvanced) }))
        let writer = FleetFileWriter(schemaReference: ImportedFiles.schemaReference(forFilesIn: options.directory))
        let results = await importer.read(keys, writer: writer)
        context.observer.notice(.progressFinished)
        return write(results)
    }

    private func path(_ result: ImportResult) -> String {
        (options.directory as NSString).appendingPathComponent(result.fileName)
    }

    private func write(_ results: [ImportResult]) -> Result {
        let files = results.compactMap { r in r.text.map { (path: path(r), text: $0) } }
        let existing = ImportedFiles.existing(files.map(\.path))
        if !options.force && !existing.isEmpty {
            context.observer.notice(
                .failed(
                    "refusing to overwrite existing files (pass \(context.names[.force]) to replace them); nothing was written:\n"
                        + existing.map { "  \($0)" }.joined(separator: "\n")))
            return Result(results: results, written: 0, status: .error)
        }
        do {
            try ImportedFiles.write(files)
        } catch {
            context.observer.notice(.failed("\(error)"))
            return Result(results: results, written: 0, status: .error)
        }
        for result in results { context.observer.notice(.fleetImported(result, path: path(result))) }
        let failed = results.count { $0.failure != nil }
        let skipped = results.count { $0.skipped != nil }
        context.observer.notice(.importFinished(written: files.count, failed: failed, skipped: skipped))
        return Result(results: results, written: files.count, status: failed > 0 ? .error : .success)
    }
}
