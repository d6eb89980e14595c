import ArgumentParser
import FleetformCore

/// Checks duration options (`--watch 5m`).
enum DurationOption {
    /// Rejects a value that is not a positive duration.
    static func validate(_ text: String, flag: String) throws {
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw ValidationError("\(flag) '\(text)' is not a positive duration (e.g. 90s, 5m, 1h)")
        }
    }
}
