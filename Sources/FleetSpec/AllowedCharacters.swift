/// The characters a regular-expression character class allows, read from its body (`A-Za-z0-9_\-`) so that
/// `GameLiftLimits` stays the one place the classes are written. Checking membership in a set is much
/// faster than running a regular expression on every launch path.
struct AllowedCharacters: Sendable {
    private var scalars: Set<Unicode.Scalar> = []

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
    }

    /// The first character of `text` that is not allowed, if any.
    func firstDisallowed(in text: String) -> Character? {
        for character in text where !character.unicodeScalars.allSatisfy(scalars.contains) {
            return character
        }
        return nil
    }

    /// Whether `scalar` is allowed.
    func contains(_ scalar: Unicode.Scalar) -> Bool { scalars.contains(scalar) }
}
