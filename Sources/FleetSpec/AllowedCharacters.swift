/// The characters a regular-expression character class allows, read from its body (`A-Za-z0-9_\-`) so that
/// `GameLiftLimits` stays the one place the classes are written. Checking membership in a set is much
/// faster than running a regular expression on every launch path.
struct AllowedCharacters: Sendable {
    private var scalars: Set<Unicode.Scalar> = []
    /// The allowed ASCII characters as a bitmap (bit n of `low` is scalar n, of `high` scalar 64 + n): the
    /// common case, checked without hashing.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Parses ranges (`a-z`), backslash escapes (`\-`, `\\`, `\[`) and single characters.
    init(classBody: String) {
        var items: [Unicode.Scalar] = []
        var escaped: [Bool] = []
        var iterator = classBody.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\\", let next = iterator.next() {
                items.append(next)
                escaped.append(true)
            } else {
                items.append(scalar)
                escaped.append(false)
            }
        }
        var index = 0
        while index < items.count {
            let isRange = index + 2 < items.count && items[index + 1] == "-" && !escaped[index + 1]
            if isRange, items[index].value <= items[index + 2].value {
                for value in items[index].value...items[index + 2].value {
                    if let scalar = Unicode.Scalar(value) { scalars.insert(scalar) }
                }
                index += 3
            } else {
                scalars.insert(items[index])
                index += 1
            }
        }
        for scalar in scalars where scalar.isASCII {
            if scalar.value < 64 { low |= 1 << UInt64(scalar.value) } else { high |= 1 << UInt64(scalar.value - 64) }
        }
    }

    /// The first character of `text` that is not allowed, if any.
    func firstDisallowed(in text: String) -> Character? {
        for scalar in text.unicodeScalars where !contains(scalar) {
            return Character(scalar)
        }
        return nil
    }

    /// Whether `scalar` is allowed.
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<64: low & (1 << UInt64(scalar.value)) != 0
        case 64..<128: high & (1 << UInt64(scalar.value - 64)) != 0
        default: scalars.contains(scalar)
        }
    }
}
