import Foundation

/// Durations as people write them on a command line (`90`, `90s`, `5m`, `1h30m`, `250ms`) and read them
/// in reports (`5m 30s`).
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
        if let plain = Double(s) { return plain >= 0 && plain.isFinite ? plain : nil }
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
        return total.isFinite ? total : nil
    }

    /// `5m 30s`, `45s`, `2h`: a duration for people, to the second.
    public static func words(_ seconds: Double) -> String {
        // Clamped before converting: a duration read from outside must not trap.
        let total = seconds.isFinite ? Int(min(max(seconds, 0), Self.longest).rounded()) : 0
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60)
        var parts: [String] = []
        if h > 0 { parts.append("\(h)h") }
        if m > 0 { parts.append("\(m)m") }
        if s > 0 || parts.isEmpty { parts.append("\(s)s") }
        return parts.joined(separator: " ")
    }

    /// A century: longer than any wait fleetform will do.
    static let longest: Double = 100 * 365 * 24 * 3600
}
