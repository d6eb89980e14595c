import Foundation

/// Loads and validates fleet files: every file, every problem, one run. The entry point plan, apply and
/// validate all share.
public enum FleetLoader {
    /// Discovers the fleet files under `paths`, validates them (concurrently when there are several) and checks
    /// that no fleet is declared twice. Diagnostics come back sorted by location.
    public static func load(paths: [String], options: LoadOptions) -> FleetSet {
        let (files, discoveryProblems) = FileDiscovery.files(for: paths)
        let loader = FleetFileLoader(options: options)
        let results = ResultSlots<(documents: [FleetDocument], diagnostics: [Diagnostic])>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = loader.load(path: files[index])
        }
        let loaded = results.values
        let settingsProblems = options.settings?.diagnostics ?? []
        return assemble(
            documents: loaded.flatMap(\.documents),
            diagnostics: settingsProblems + discoveryProblems + loaded.flatMap(\.diagnostics), fileCount: files.count)
    }

    /// Validates fleet-file text that is not on disk (an editor buffer, a test, `import`'s output); `path`
    /// is used only for locations.
    public static func load(text: String, path: String, options: LoadOptions) -> FleetSet {
        let bytes = Array(text.utf8)
        let loader = FleetFileLoader(options: options)
        let result: (documents: [FleetDocument], diagnostics: [Diagnostic])
        if bytes.count > options.maxFileBytes {
            result = (
                [],
                [
                    Diagnostic(
                        .error, .fileTooLarge,
                        "the file is \(bytes.count) bytes; the limit is \(options.maxFileBytes) bytes",
                        hint: "split the fleets across several files",
                        at: SourceLocation(path: path, line: 1, column: 1))
                ]
            )
        } else {
            result = loader.load(bytes: bytes, path: path)
        }
        return assemble(documents: result.documents, diagnostics: result.diagnostics, fileCount: 1)
    }

    private static func assemble(documents: [FleetDocument], diagnostics: [Diagnostic], fileCount: Int) -> FleetSet {
        let documents = documents.sorted { $0.location < $1.location }
        let all = diagnostics + duplicateFleets(in: documents)
        return FleetSet(
            documents: documents, diagnostics: all.sorted(by: Diagnostic.readingOrder), fileCount: fileCount)
    }

    /// One error for each declaration of a fleet after its first, naming both places. A fleet id and an ARN
    /// that ends in the same id are the same fleet.
    static func duplicateFleets(in documents: [FleetDocument]) -> [Diagnostic] {
        // Where each fleet is first declared, not the whole document: at 10,000 fleets a table of documents was the
        // largest allocation of a load (docs/benchmarks.md, "Lean again").
        var first: [String: SourceLocation] = [:]
        first.reserveCapacity(documents.count)
        var diagnostics: [Diagnostic] = []
        for document in documents {
            guard let earlier = first[document.fleetId] else {
                first[document.fleetId] = document.location
                continue
            }
            diagnostics.append(
                Diagnostic(
                    .error, .duplicateFleet,
                    "fleet \(document.fleetId) is declared twice: here and at \(earlier)",
                    hint: "keep one declaration per fleet; an id and an ARN that ends in it are the same fleet",
                    at: document.location))
        }
        return diagnostics
    }

}

/// Fixed slots that concurrent workers fill, one slot each, so results keep the files' order.
private final class ResultSlots<Value>: @unchecked Sendable {
    // Each index is written by exactly one worker; the lock orders the writes with the final read.
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
