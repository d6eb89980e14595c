import Foundation

/// An amount of memory as the command line writes it: `512MiB`, `1GiB`, `1.5GiB`, `2048` (MiB when no unit).
public struct MemorySize: Sendable, Hashable, CustomStringConvertible {
    public var mebibytes: Int

    public init(mebibytes: Int) { self.mebibytes = mebibytes }

    /// The largest amount accepted: a petabyte is far past any instance, and keeps every product in range.
    static let maximumMiB = 1 << 30

    /// Parses `512MiB`, `512M`, `1GiB`, `1G`, `1.5GiB` or a plain number of MiB; `nil` for anything else,
    /// including amounts below 1 MiB or past `maximumMiB`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("gib", 1024), ("gb", 1024), ("g", 1024), ("mib", 1), ("mb", 1), ("m", 1)]
        var number = trimmed.lowercased()
        var scale = 1.0
        for (suffix, factor) in units where number.hasSuffix(suffix) {
            number = String(number.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = factor
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(number),
            value.isFinite
        else { return nil }
        let mib = (value * scale).rounded()
        guard mib >= 1, mib <= Double(Self.maximumMiB) else { return nil }
        self.mebibytes = Int(mib)
    }

    /// `512 MiB`, `1 GiB`, `1.5 GiB`.
    public var description: String { Self.text(mebibytes: mebibytes) }

    /// Whole GiB or MiB, or GiB with up to two decimals when that is exact (`1.5 GiB`, `15.25 GiB`).
    public static func text(mebibytes mib: Int) -> String {
        if mib >= 1024 && mib % 1024 == 0 { return "\(mib / 1024) GiB" }
        if mib >= 1024, mib <= Int.max / 100, (mib * 100) % 1024 == 0 { return "\(Double(mib) / 1024) GiB" }
        return "\(mib) MiB"
    }
}
