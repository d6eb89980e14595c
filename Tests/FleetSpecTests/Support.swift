import Foundation
import Testing

@testable import FleetSpec

/// Shared helpers for the fleet-spec tests.
enum Support {
    /// The repository root, found from this file's place (Tests/FleetSpecTests/Support.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The copied `Fixtures` folder.
    static var fixtures: URL {
        get throws { try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)) }
    }

    /// Diagnostics for `yaml` loaded as one file.
    static func diagnostics(_ yaml: String, region: String? = nil, options: LoadOptions = LoadOptions())
        -> [Diagnostic]
    {
        var options = options
        options.defaultRegion = region ?? options.defaultRegion
        return FleetLoader.load(text: yaml, path: "fleet.yaml", options: options).diagnostics
    }

    /// `line:column: severity: [CODE]`, the form `.expected` files use.
    static func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            let place = d.location.map { "\($0.line):\($0.column): " } ?? ""
            return "\(place)\(d.severity.rawValue): [\(d.code)]"
        }
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetspec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A valid fleet document, for tests that change one thing in it.
    static func fleet(
        id: String = "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc", region: String? = "us-west-2",
        processes: String = """
            - LaunchPath: /local/game/bin/ArenaServer
              Parameters: "-port 7777"
              ConcurrentExecutions: 8
        """,
        extra: String = ""
    ) -> String {
        var text = "FleetId: \(id)\n"
        if let region { text += "Region: \(region)\n" }
        text += "RuntimeConfiguration:\n  ServerProcesses:\n\(processes)\n"
        if !extra.isEmpty { text += extra + "\n" }
        return text
    }
}
