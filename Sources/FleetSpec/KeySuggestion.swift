/// "Did you mean …?" for misspelt keys: the closest allowed key by edit distance, ignoring case.
public enum KeySuggestion {
    /// The allowed key closest to `key`, if it is close enough to be a plausible typo.
    public static func closest(to key: String, among allowed: [String]) -> String? {
        // Bytes, not Characters: keys and zone names are ASCII, and a byte compares many times faster.
        let typed = Array(key.lowercased().utf8)
        var best: (key: String, distance: Int)?
        for candidate in allowed {
            // The lengths' difference is a lower bound of the distance: a candidate that cannot beat the best is
            // not measured (hundreds of time zone names per unknown zone, in a hostile settings file).
            if let best, abs(candidate.utf8.count - typed.count) >= best.distance { continue }
            let distance = editDistance(typed, Array(candidate.lowercased().utf8))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // A third of the longer word, at least two edits: "FleetID", "Regoin", "LaunchPth" qualify; "Name" does not.
        let tolerance = max(2, max(typed.count, best.key.utf8.count) / 3)
        return best.distance <= tolerance ? best.key : nil
    }

    /// Levenshtein distance (insertions, deletions, substitutions), two rows of memory.
    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
