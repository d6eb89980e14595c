import Foundation

/// The package's built executables, for tests that run the real binaries.
enum Binaries {
    /// The package root (three levels above this file: Tests/ResilienceTests/Support).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built executable `name`: next to the test bundle (the products folder of this build), else in
    /// `.build/debug`; nil when it has not been built. `swift test` builds every product first.
    static func url(_ name: String) -> URL? {
        let bundle = Bundle.main.bundleURL
        let candidates = [
            bundle.appendingPathComponent(name), bundle.deletingLastPathComponent().appendingPathComponent(name),
            packageRoot.appendingPathComponent(".build/debug/\(name)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A message for `#require` when a binary is missing.
    static func missing(_ name: String) -> String {
        "\(name) is not built: run `swift build --product \(name)` (swift test builds it) and test again"
    }
}

/// A temporary folder removed by `remove()`.
struct Workspace {
    let url: URL
    var path: String { url.path }

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Waits, polling every `interval` seconds, until `condition` holds or `deadline` seconds pass; true when
/// it held. Polling a condition (not sleeping a fixed time) keeps tests fast and free of timing guesses.
func poll(deadline: Double, interval: Double = 0.02, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(deadline)
    while Date() < end {
        if condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return condition()
}
