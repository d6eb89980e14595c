import Foundation

/// A recurring window in which apply may run, written `DAYS HH:MM-HH:MM [ZONE]`:
/// `Tue-Thu 09:00-17:00 Europe/Berlin`.
///
/// Days and times are read on the wall clock of the window's zone (UTC when it names none), so a window keeps its
/// local hours across daylight saving changes. Without days it opens every day. An end before the start runs past
/// midnight: `Fri 22:00-02:00` is open from Friday 22:00 to Saturday 02:00, the days naming the day it opens.
public struct ChangeWindow: Sendable, Hashable, CustomStringConvertible {
    /// The window as written.
    public let text: String
    /// The days it opens on, one bit per day from Monday (bit 0) to Sunday (bit 6).
    private let days: UInt8
    /// Minutes after midnight when it opens and closes; it closes on the next day when `end < start`.
    private let start: Int
    private let end: Int
    private let zone: TimeZone

    private static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let example = "write a window as 'Tue-Thu 09:00-17:00 Europe/Berlin'"

    /// Parses `text`, or says what is wrong with it. `suggestingZones`: an unknown zone's error names the closest
    /// known one (a search of the zone database, which a reader of many bad windows stops asking for).
    public init(_ text: String, suggestingZones: Bool = true) throws(ScheduleError) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let timesIndex = words.firstIndex(where: { $0.contains(":") }) else {
            throw ScheduleError(
                message: words.isEmpty ? "the window is empty" : "the window has no times", hint: Self.example)
        }
        let zoneWords = words[(timesIndex + 1)...]
        if zoneWords.contains(where: { $0.hasPrefix("-") || $0.contains(":") }) {
            throw ScheduleError(
                message: "the times have spaces in them", hint: "write them as HH:MM-HH:MM, as in 09:00-17:00")
        }
        if zoneWords.count > 1 {
            throw ScheduleError(
                message: "unexpected '\(brief(zoneWords[timesIndex + 2]))' after the time zone", hint: Self.example)
        }
        // "Mon, Wed 09:00-17:00": spaces after commas are harmless.
        let dayList = words[..<timesIndex].joined()
        let days = dayList.isEmpty ? 0b111_1111 : try Self.days(dayList)
        let (start, end) = try Self.times(words[timesIndex])
        self.zone = try TimeZone.named(zoneWords.first, suggesting: suggestingZones)
        self.text = text
        self.days = days
        self.start = start
        self.end = end
    }

    public var description: String { text }

    /// Whether the window is open at `date`: from its start, inclusive, to its end, exclusive.
    public func contains(_ date: Date) -> Bool {
        guard let wall = wallClock(date) else { return false }
        let day = (wall / 86_400).rounded(.down)
        let second = wall - day * 86_400
        let weekday = Self.weekday(ofDay: Int(day))
        let opens = Double(start * 60)
        let closes = Double(end * 60)
        if start < end { return opensOn(weekday) && second >= opens && second < closes }
        return (opensOn(weekday) && second >= opens) || (opensOn((weekday + 6) % 7) && second < closes)
    }

    /// The instants from `first` through `last` at which the window opens: its start on each of its days (twice
    /// when the clock repeats that hour), and the zone's clock changes, which open it when the clock skips its
    /// start. Every instant at which the window goes from closed to open is among them.
    func openings(from first: Date, through last: Date) -> [Date] {
        guard let firstWall = wallClock(first), let lastWall = wallClock(last) else { return [] }
        var openings: [Date] = []
        let firstDay = Int((firstWall / 86_400).rounded(.down)) - 1
        let lastDay = Int((lastWall / 86_400).rounded(.down)) + 1
        for day in firstDay...lastDay where opensOn(Self.weekday(ofDay: day)) {
            let wall = Double(day * 86_400 + start * 60)
            // The offsets on either side of that wall-clock time; an instant counts only where its own offset
            // puts it at exactly that time.
            let offsets = Set(
                [-86_400.0, 86_400].map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + $0)) })
            for offset in offsets {
                let instant = Date(timeIntervalSince1970: wall - Double(offset))
                if zone.secondsFromGMT(for: instant) == offset && first <= instant && instant <= last {
                    openings.append(instant)
                }
            }
        }
        var moment = first
        while let change = zone.nextDaylightSavingTimeTransition(after: moment), change > moment, change <= last {
            openings.append(change)
            moment = change
        }
        return openings
    }

    /// `date` as seconds since 1970-01-01 00:00 on the zone's wall clock: the instant plus the zone's offset at
    /// that instant, which is what a Gregorian calendar set to the zone reads. Working on it directly finds both
    /// instants of a repeated hour. Nil for instants too far from now to mean anything.
    private func wallClock(_ date: Date) -> Double? {
        let seconds = date.timeIntervalSince1970
        guard Schedule.meaningfulSeconds.contains(seconds) else { return nil }
        return seconds + Double(zone.secondsFromGMT(for: date))
    }

    private func opensOn(_ weekday: Int) -> Bool { days & (1 << weekday) != 0 }

    /// Monday 0 to Sunday 6 of the `day`th day after 1970-01-01, a Thursday.
    private static func weekday(ofDay day: Int) -> Int { ((day % 7) + 7 + 3) % 7 }

    /// `Mon,Wed,Fri-Sat` as a set of days; a range may wrap past Sunday.
    private static func days(_ text: String) throws(ScheduleError) -> UInt8 {
        var days: UInt8 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard !item.isEmpty, ends.count <= 2, let first = ends.first, let last = ends.last else {
                throw ScheduleError(
                    message: item.isEmpty ? "the days have an empty entry" : "'\(brief(item))' is not a day or a range",
                    hint: "list days and ranges with commas, as in 'Mon,Wed,Fri-Sat'")
            }
            var day = try Self.day(first)
            let lastDay = try Self.day(last)
            days |= 1 << day
            while day != lastDay {
                day = (day + 1) % 7
                days |= 1 << day
            }
        }
        return days
    }

    private static func day(_ name: Substring) throws(ScheduleError) -> Int {
        guard let day = dayNames.firstIndex(of: name.lowercased()) else {
            throw ScheduleError(
                message: "unknown day '\(brief(name))'",
                hint: "use three-letter day names: Mon, Tue, Wed, Thu, Fri, Sat, Sun")
        }
        return day
    }

    /// `09:00-17:00` as minutes after midnight.
    private static func times(_ text: String) throws(ScheduleError) -> (start: Int, end: Int) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2 else {
            throw ScheduleError(
                message: "'\(brief(text))' is not a time range",
                hint: "write the start and end as HH:MM-HH:MM, as in 09:00-17:00")
        }
        func notATime(_ text: Substring) -> ScheduleError {
            ScheduleError(message: "'\(brief(text))' is not a time", hint: "write times as HH:MM, from 00:00 to 24:00")
        }
        guard let start = minutes(of: ends[0]) else { throw notATime(ends[0]) }
        guard let end = minutes(of: ends[1]) else { throw notATime(ends[1]) }
        guard start < 24 * 60 else {
            throw ScheduleError(message: "the window starts at 24:00", hint: "start it at 00:00")
        }
        guard start != end else {
            throw ScheduleError(
                message: "the window starts and ends at \(ends[0])",
                hint: "give it an end after its start; for a whole day write 00:00-24:00")
        }
        return (start, end)
    }

    /// `HH:MM` (or `H:MM`), 00:00 to 24:00, in ASCII digits, as minutes after midnight.
    private static func minutes(of text: Substring) -> Int? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].utf8.count <= 2, fields[1].utf8.count == 2,
            let hour = asciiNumber(fields[0]), let minute = asciiNumber(fields[1]),
            hour < 24 && minute < 60 || hour == 24 && minute == 0
        else { return nil }
        return hour * 60 + minute
    }
}

/// A period in which apply may not run: `2026-12-20..2027-01-05` or a single day `2026-12-24`, optionally with a
/// time zone (UTC when it names none). Both days are included, midnight to midnight in that zone.
public struct FreezePeriod: Sendable, Hashable, CustomStringConvertible {
    /// The freeze as written.
    public let text: String
    /// The first instant of the first day.
    public let start: Date
    /// The instant after the last day ends (exclusive).
    public let end: Date

    private static let example = "write a freeze as '2026-12-20..2027-01-05', or one day as '2026-12-24'"

    /// Parses `text`, or says what is wrong with it. `suggestingZones`: an unknown zone's error names the closest
    /// known one (a search of the zone database, which a reader of many bad windows stops asking for).
    public init(_ text: String, suggestingZones: Bool = true) throws(ScheduleError) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let range = words.first else { throw ScheduleError(message: "the freeze is empty", hint: Self.example) }
        guard words.count <= 2 else {
            throw ScheduleError(message: "unexpected '\(brief(words[2]))' after the time zone", hint: Self.example)
        }
        let days = range.components(separatedBy: "..")
        guard days.count <= 2, let firstText = days.first, let lastText = days.last else {
            throw ScheduleError(message: "'\(brief(range))' is not a day or a range of days", hint: Self.example)
        }
        let first = try CalendarDay(firstText)
        let last = try CalendarDay(lastText)
        guard first <= last else {
            throw ScheduleError(
                message: "the freeze ends (\(lastText)) before it starts (\(firstText))",
                hint: "write the earlier day first")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try TimeZone.named(words.count == 2 ? words[1] : nil, suggesting: suggestingZones)
        // Midnight may not exist on a day the clock changes; the calendar then gives the day's first instant.
        guard let start = calendar.date(from: first.components), let lastStart = calendar.date(from: last.components),
            let next = calendar.date(byAdding: .day, value: 1, to: lastStart)
        else { throw ScheduleError(message: "'\(brief(range))' is out of range", hint: "use years from 1970 to 9999") }
        self.text = text
        self.start = start
        self.end = calendar.startOfDay(for: next)
    }

    public var description: String { text }

    /// Whether `date` falls in the freeze.
    public func contains(_ date: Date) -> Bool { start <= date && date < end }
}

/// Why a window or a freeze could not be read, in the repository's plain words.
public struct ScheduleError: Error, Sendable, Equatable {
    public var message: String
    public var hint: String?

    public init(message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// When apply may run, given an environment's windows and freezes.
public enum Schedule {
    /// Why applying is not allowed at some instant.
    public enum Closure: Sendable, Equatable {
        case frozen(FreezePeriod)
        case outsideWindows
    }

    /// How far `nextOpening` looks: past a year, so a yearly freeze and the window after it are always found.
    static let horizon: TimeInterval = 400 * 86_400
    /// Seconds since 1970 that name a plausible instant (about 9,500 years either way, past the freezes' year
    /// 9999); anything else, infinities and NaN included, is never inside a window.
    static let meaningfulSeconds: ClosedRange<Double> = -3e11...3e11

    /// Why applying at `date` is not allowed: the freeze that contains it, or (when `windows` is non-empty) that no
    /// window contains it; nil when allowed.
    public static func closed(at date: Date, windows: [ChangeWindow], freezes: [FreezePeriod]) -> Closure? {
        if let freeze = freezes.first(where: { $0.contains(date) }) { return .frozen(freeze) }
        if !windows.isEmpty && !windows.contains(where: { $0.contains(date) }) { return .outsideWindows }
        return nil
    }

    /// The first instant at or after `date` when applying is allowed (inside some window if there are any, outside
    /// every freeze); nil if none within 400 days.
    ///
    /// Applying becomes allowed only when a window opens or a freeze ends, so only `date` and those instants are
    /// tried, in order.
    public static func nextOpening(after date: Date, windows: [ChangeWindow], freezes: [FreezePeriod]) -> Date? {
        guard meaningfulSeconds.contains(date.timeIntervalSince1970) else { return nil }
        let limit = date.addingTimeInterval(horizon)
        var candidates = [date] + freezes.map(\.end).filter { date < $0 && $0 <= limit }
        for window in windows { candidates += window.openings(from: date, through: limit) }
        return candidates.sorted().first { closed(at: $0, windows: windows, freezes: freezes) == nil }
    }
}

/// A day written `YYYY-MM-DD`, checked to exist.
private struct CalendarDay: Comparable {
    var year: Int
    var month: Int
    var day: Int

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    init(_ text: String) throws(ScheduleError) {
        let bytes = Array(text.utf8)
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bytes.count == 10, fields.count == 3, let year = asciiNumber(fields[0]),
            let month = asciiNumber(fields[1]), let day = asciiNumber(fields[2]), bytes[4] == 0x2D, bytes[7] == 0x2D
        else {
            throw ScheduleError(
                message: text.isEmpty ? "a day is missing" : "'\(brief(text))' is not a date",
                hint: "write days as YYYY-MM-DD, as in 2026-12-20")
        }
        guard (1970...9999).contains(year) else {
            throw ScheduleError(message: "'\(text)' is out of range", hint: "use years from 1970 to 9999")
        }
        guard (1...12).contains(month) else {
            throw ScheduleError(message: "'\(text)' is not a date", hint: "months run from 01 to 12")
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...length).contains(day) else {
            throw ScheduleError(
                message: "'\(text)' is not a date", hint: "\(Self.monthNames[month - 1]) \(year) has \(length) days")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    var components: DateComponents { DateComponents(year: year, month: month, day: day) }

    static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

extension TimeZone {
    /// The zone an IANA identifier names (or `UTC`); UTC when there is none. An unknown name is an error that
    /// suggests the closest known one.
    fileprivate static func named(_ name: String?, suggesting: Bool) throws(ScheduleError) -> TimeZone {
        guard let name else { return .gmt }
        // Only what identifiers are made of (no '.', so no '..'), so that nothing odd reaches the zone database.
        let plain =
            name.utf8.count <= 64
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_-+".contains($0)) }
        if plain, let zone = TimeZone(identifier: name) { return zone }
        let closest = plain && suggesting ? KeySuggestion.closest(to: name, among: ZoneNames.known) : nil
        throw ScheduleError(
            message: "unknown time zone '\(brief(name))'",
            hint: closest.map { "did you mean '\($0)'?" } ?? "use an IANA time zone such as Europe/Berlin or UTC")
    }
}

/// A number written in 1 to 4 ASCII digits; other digits (Arabic-Indic, full-width…) are not numbers here.
private func asciiNumber(_ text: Substring) -> Int? {
    guard (1...4).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return text.utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) }
}

/// At most 40 characters of what was written, for quoting it in a message.
private func brief<Text: StringProtocol>(_ text: Text) -> String {
    text.count <= 40 ? String(text) : text.prefix(40) + "…"
}

/// The zone database's names, asked for once: a settings file may name many unknown zones.
private enum ZoneNames {
    static let known = TimeZone.knownTimeZoneIdentifiers + ["UTC"]
}
