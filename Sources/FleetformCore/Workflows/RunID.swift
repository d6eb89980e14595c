import Foundation

/// Identifies one apply or rollback run in the journal: sortable by time, unique enough across machines.
public enum RunID {
    public static func make(date: Date = Date(), random: UInt32 = UInt32.random(in: 0...UInt32.max)) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "run-\(f.string(from: date))-\(String(random, radix: 16))"
    }
}
