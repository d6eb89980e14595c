import FleetSpec
import ArgumentParser
import FleetformCore

/// Duration flags (`--watch 5m`, `--bake 15m`, `--hold-timeout 90s`), parsed once into seconds where the flag is
/// declared (`@Option(transform: DurationArgument.positive)`); the workflows take the seconds.
enum DurationArgument {
    /// A duration longer than zero.
    static func positive(_ text: String) throws -> Double {
        guard let seconds = DurationText.seconds(text), seconds > 0 else {
            throw Problem("not a positive duration (e.g. 90s, 5m, 1h)")
        }
        return seconds
    }

    /// A duration, zero included.
    static func nonNegative(_ text: String) throws -> Double {
        guard let seconds = DurationText.seconds(text) else { throw Problem("not a duration (e.g. 90s, 10m, 1h)") }
        return seconds
    }

    /// The help of a duration flag: `text`, the value shown as `<duration>`.
    static func help(_ text: String) -> ArgumentHelp { ArgumentHelp(text, valueName: "duration") }

    /// What is wrong with the text; ArgumentParser names the flag and the value before it.
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
