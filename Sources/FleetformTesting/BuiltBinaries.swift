import Foundation

/// The package's built executables, for the tests (and the benchmark) that run the real binaries, and the
/// one rule for when such a test runs: always in CI, where a missing binary must fail loudly; elsewhere only
/// once the binaries are built, saying why it was skipped otherwise.
public enum BuiltBinaries {
    /// The package root: two folders above this file's folder (Sources/FleetformTesting).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable `name`: next to the test bundle (the products folder of this build), else in
    /// `.build/debug`; `nil` when it has not been built. `swift test` builds every product first.
    public static func url(_ name: String) -> URL? {
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.appendingPathComponent(name), bundle.deletingLastPathComponent().appendingPathComponent(name),
            packageRoot.appendingPathComponent(".build/debug/\(name)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Whether tests that need these binaries run: in CI always (`CI` set), elsewhere when all are built.
    /// Use as `.enabled(if: BuiltBinaries.available("fleetform"), Comment(rawValue: BuiltBinaries.notBuilt("fleetform")))`.
    public static func available(
        _ names: String..., environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Bool
    {
        environment["CI"] != nil || names.allSatisfy { url($0) != nil }
    }

    /// Why a test was skipped, or why it failed to find a binary.
    public static func notBuilt(_ names: String...) -> String {
        let list = names.joined(separator: " and ")
        return "\(list) not built: run `swift build` (swift test builds every product) and test again"
    }

    /// The built executable `name`, or an error saying how to build it.
    public static func require(_ name: String) throws -> URL {
        guard let url = url(name) else { throw SetupFailure(notBuilt(name)) }
        return url
    }
}
