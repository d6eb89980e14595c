import Foundation

/// SigV4's date formats (`20150830T123600Z` and `20150830`), computed arithmetically in UTC so signing
/// stays pure and needs neither a locale nor a shared formatter.
public enum AmzDate {
    /// `YYYYMMDD'T'HHMMSS'Z'` for `X-Amz-Date`.
    public static func timestamp(_ date: Date) -> String {
        let c = components(date)
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2) + "Z"
    }

    /// `YYYYMMDD` for the credential scope.
    public static func day(_ date: Date) -> String { String(timestamp(date).prefix(8)) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, for human-readable output.
    public static func iso8601(_ date: Date) -> String {
        let c = components(date)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2) + "Z"
    }

    /// Parses `YYYYMMDD'T'HHMMSS'Z'`; nil when the text is not exactly that shape.
    public static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count == 16, chars[8] == UInt8(ascii: "T"), chars[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard chars[i] >= 48, chars[i] <= 57 else { return nil }
                n = n * 10 + Int(chars[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let mo = number(4..<6), let d = number(6..<8), let h = number(9..<11),
            let mi = number(11..<13), let s = number(13..<15), (1...12).contains(mo), (1...31).contains(d),
            h < 24, mi < 60, s < 61
        else { return nil }
        let days = daysFromCivil(year: y, month: mo, day: d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s))
    }

    private struct Civil {
        var year, month, day, hour, minute, second: Int
    }

    /// The years written with four digits, 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z, in seconds since 1970.
    /// A date outside them (a server can send any number of seconds) is written as the nearest end, never trapped on.
    private static let writable = -62_167_219_200.0...253_402_300_799.0

    private static func components(_ date: Date) -> Civil {
        let seconds = date.timeIntervalSince1970
        let total = Int(
            (seconds.isNaN ? 0 : min(max(seconds, writable.lowerBound), writable.upperBound)).rounded(.down))
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: year, month: month, day: day, hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60)
    }

    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
