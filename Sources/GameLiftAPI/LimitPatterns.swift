/// `GameLiftLimits`' patterns as plain scans of the UTF-8 bytes, for the validator and the command line.
/// A compiled `NSRegularExpression` is ICU's regex engine: building one maps in ICU's code and data, a couple
/// of megabytes of every run's memory, for three fixed shapes. Each function here is the whole match of its
/// pattern read as the service model means it (ECMA-262: `$` is the end of the text, `[a-z]` ASCII);
/// `LimitPatternTests` checks them against the patterns themselves, compiled as `Regex`.
extension GameLiftLimits {
    /// Whether `text` matches `fleetIdPattern` (`fleet-…`, `containerfleet-…`).
    public static func isFleetIdShaped(_ text: String) -> Bool {
        isFleetId(Substring(text).utf8)
    }

    /// Whether `text` matches `fleetArnPattern` (`arn:…:fleet/fleet-…`).
    public static func isFleetArnShaped(_ text: String) -> Bool {
        let bytes = Substring(text).utf8
        guard bytes.starts(with: "arn:".utf8), let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else {
            return false
        }
        // The id after the last `/` (the id has none); before it `:[a-z]*fleet`, whose `:` is the last one before
        // the `/` and may not be the `:` of `arn:` itself.
        guard isFleetId(bytes[bytes.index(after: slash)...]) else { return false }
        let resource = bytes[bytes.index(bytes.startIndex, offsetBy: 4)..<slash]
        guard let colon = resource.lastIndex(of: UInt8(ascii: ":")) else { return false }
        return !hasLineTerminator(resource[..<colon]) && isKind(resource[resource.index(after: colon)...])
    }

    /// Whether `text` matches `regionPattern` (`us-west-2`, `us-gov-west-1`).
    public static func isRegionShaped(_ text: String) -> Bool {
        let parts = Substring(text).utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].count == 2, parts[0].allSatisfy(isLowercase), let number = parts.last,
            !number.isEmpty, number.allSatisfy(isDigit)
        else { return false }
        return parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(isLowercase) }
    }

    /// `[a-z]*fleet-[a-zA-Z0-9\-]+`: the first `-` ends the kind, which has none.
    private static func isFleetId(_ bytes: Substring.UTF8View) -> Bool {
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), isKind(bytes[..<dash]) else { return false }
        let rest = bytes[bytes.index(after: dash)...]
        return !rest.isEmpty && rest.allSatisfy { isLowercase($0) || isUppercase($0) || isDigit($0) || $0 == 0x2D }
    }

    /// Whether `bytes` holds what ECMA-262's `.` does not match: LF, CR, U+2028 or U+2029 (E2 80 A8, E2 80 A9).
    private static func hasLineTerminator(_ bytes: Substring.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D { return true }
            if previous == (0xE2, 0x80), byte == 0xA8 || byte == 0xA9 { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// `[a-z]*fleet`.
    private static func isKind(_ bytes: Substring.UTF8View) -> Bool {
        bytes.allSatisfy(isLowercase) && bytes.reversed().starts(with: "fleet".utf8.reversed())
    }

    private static func isLowercase(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) }
    private static func isUppercase(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
