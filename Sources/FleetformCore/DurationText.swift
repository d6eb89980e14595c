import Foundation

/// Parses durations as people write them on a command line: `90`, `90s`, `5m`, `1h30m`, `250ms`.
public enum DurationText {
    /// The longest duration accepted, about 31 years: anything longer is a typo, and every duration must
    /// convert to whole seconds and nanoseconds without trapping.
    public static let maxSeconds = 1_000_000_000.0

    /// Seconds, or `nil` when the text is not a duration (negative, `inf`, `nan`, or past `maxSeconds`).
    public static func seconds(_ text: String) -> Double? {
        guard let total = parse(text), total >= 0, total <= maxSeconds else { return nil }
        return total
    }

    private static func parse(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !s.isEmpty else { return nil }
        if let plain = Double(s) { return plain.isFinite ? plain : nil }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() -> Bool {
            guard let value = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return false
            }
            total += value * scale
            number = ""
            unit = ""
            return true
        }
        for ch in s {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(ch)
            } else {
                return nil
            }
        }
        guard !number.isEmpty, flush() else { return nil }
        return total
    }
}
