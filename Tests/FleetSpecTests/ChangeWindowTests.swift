import Foundation
import Testing

@testable import FleetSpec

/// Change windows and freezes: read on the wall clock of their zone (so daylight saving changes move them with the
/// clock), strict about what they accept, and searched for the next opening without missing one that a freeze,
/// a skipped hour or a repeated hour hides.
@Suite struct ChangeWindowTests {
    @Test(
        "a window is open from its start on its days to its end",
        arguments: [
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-13T09:00:00+01:00", true),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-13T08:59:59+01:00", false),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-13T16:59:59+01:00", true),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-13T17:00:00+01:00", false),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-12T12:00:00+01:00", false),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-15T12:00:00+01:00", true),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-01-16T12:00:00+01:00", false),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-07-14T16:30:00+02:00", true),
            ("Tue-Thu 09:00-17:00 Europe/Berlin", "2026-07-14T17:00:00+02:00", false),
            ("Fri 22:00-02:00", "2026-01-16T22:00:00Z", true), ("Fri 22:00-02:00", "2026-01-17T01:59:59Z", true),
            ("Fri 22:00-02:00", "2026-01-17T02:00:00Z", false), ("Fri 22:00-02:00", "2026-01-16T21:59:59Z", false),
            ("Fri 22:00-02:00", "2026-01-17T22:30:00Z", false), ("Fri 22:00-02:00", "2026-01-16T01:00:00Z", false),
            ("Sat 22:00-00:00", "2026-01-17T23:59:00Z", true), ("Sat 22:00-00:00", "2026-01-18T00:00:00Z", false),
            ("09:00-17:00 UTC", "2026-01-18T12:00:00Z", true), ("09:00-17:00 UTC", "2026-01-18T17:00:00Z", false),
            ("09:00-17:00", "2026-01-18T09:00:00Z", true), ("09:00-17:00", "2026-01-18T09:00:00+01:00", false),
            ("Fri-Mon 10:00-11:00", "2026-01-18T10:30:00Z", true),
            ("Fri-Mon 10:00-11:00", "2026-01-19T10:30:00Z", true),
            ("Fri-Mon 10:00-11:00", "2026-01-14T10:30:00Z", false),
            ("Fri-Mon 10:00-11:00", "2026-01-15T10:30:00Z", false),
            ("mon,WED,fri-sat 00:00-24:00", "2026-01-14T23:59:59Z", true),
            ("mon,WED,fri-sat 00:00-24:00", "2026-01-15T00:00:00Z", false),
            ("mon,WED,fri-sat 00:00-24:00", "2026-01-17T12:00:00Z", true),
            ("mon,WED,fri-sat 00:00-24:00", "2026-01-18T12:00:00Z", false),
            ("Mon, Wed 10:00-12:00", "2026-01-14T11:00:00Z", true),
            ("Sun 23:00-24:00 Asia/Tokyo", "2026-01-18T14:30:00Z", true),
            ("Sun 23:00-24:00 Asia/Tokyo", "2026-01-18T15:00:00Z", false),
            ("Mon 9:00-17:00 America/New_York", "2026-01-12T14:00:00Z", true),
        ])
    func contains(_ window: String, _ time: String, _ expected: Bool) throws {
        let window = try ChangeWindow(window)
        #expect(window.contains(try instant(time)) == expected)
    }

    @Test(
        "windows follow the clock across daylight saving changes, skipped and repeated hours included",
        arguments: [
            ("Sun 01:00-04:00 Europe/Berlin", "2026-03-29T00:30:00Z", true),
            ("Sun 01:00-04:00 Europe/Berlin", "2026-03-29T01:30:00Z", true),
            ("Sun 01:00-04:00 Europe/Berlin", "2026-03-29T02:00:00Z", false),
            ("Sun 01:00-04:00 Europe/Berlin", "2026-03-28T23:59:59Z", false),
            ("Mon-Fri 09:00-17:00 Europe/Berlin", "2026-03-27T08:00:00Z", true),
            ("Mon-Fri 09:00-17:00 Europe/Berlin", "2026-03-27T07:59:59Z", false),
            ("Mon-Fri 09:00-17:00 Europe/Berlin", "2026-03-30T07:00:00Z", true),
            ("Mon-Fri 09:00-17:00 Europe/Berlin", "2026-03-30T06:59:59Z", false),
            ("Mon-Fri 09:00-17:00 Europe/Berlin", "2026-03-30T15:00:00Z", false),
            ("Sun 02:30-05:00 Europe/Berlin", "2026-10-25T00:30:00Z", true),
            ("Sun 02:30-05:00 Europe/Berlin", "2026-10-25T01:10:00Z", false),
            ("Sun 02:30-05:00 Europe/Berlin", "2026-10-25T01:30:00Z", true),
        ])
    func daylightSaving(_ window: String, _ time: String, _ expected: Bool) throws {
        let window = try ChangeWindow(window)
        #expect(window.contains(try instant(time)) == expected)
    }

    @Test(
        "the next opening: now when open, else the first window opening or freeze end that is allowed",
        arguments: [
            (["Mon-Fri 09:00-17:00 Europe/Berlin"], [], "2026-03-27T18:00:00Z", "2026-03-30T07:00:00Z"),
            (["Mon-Fri 09:00-17:00 Europe/Berlin"], [], "2026-03-30T10:00:00Z", "2026-03-30T10:00:00Z"),
            (["Sun 02:30-04:00 Europe/Berlin"], [], "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"),
            (["Sun 02:30-05:00 Europe/Berlin"], [], "2026-10-25T01:10:00Z", "2026-10-25T01:30:00Z"),
            (["Tue-Thu 09:00-17:00"], ["2026-12-20..2027-01-05"], "2026-12-21T10:00:00Z", "2027-01-06T09:00:00Z"),
            (["Tue 20:00-04:00"], ["2027-01-05"], "2027-01-05T12:00:00Z", "2027-01-06T00:00:00Z"),
            ([], ["2026-12-20..2026-12-31"], "2026-12-25T00:00:00Z", "2027-01-01T00:00:00Z"),
            ([], ["2026-12-20..2026-12-31"], "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
            ([], [], "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z"),
            (
                [], ["2026-12-20..2026-12-31", "2026-12-28..2027-01-02"], "2026-12-21T00:00:00Z",
                "2027-01-03T00:00:00Z"
            ),
            (["Mon 09:00-10:00"], ["2026-01-01..2027-12-31"], "2026-06-01T00:00:00Z", nil),
            (["Sat 10:00-11:00"], [], "2026-01-18T12:00:00Z", "2026-01-24T10:00:00Z"),
            (
                ["Mon 09:00-10:00 Europe/Berlin", "Wed 09:00-10:00 UTC"], [], "2026-01-13T00:00:00Z",
                "2026-01-14T09:00:00Z"
            ),
            // 400 days ahead is the last instant tried.
            ([], ["2026-01-01..2027-02-04"], "2026-01-01T00:00:00Z", "2027-02-05T00:00:00Z"),
            ([], ["2026-01-01..2027-02-05"], "2026-01-01T00:00:00Z", nil),
        ] as [([String], [String], String, String?)])
    func nextOpening(_ windows: [String], _ freezes: [String], _ after: String, _ expected: String?) throws {
        let opening = Schedule.nextOpening(
            after: try instant(after),
            windows: try windows.map { text throws(ScheduleError) in try ChangeWindow(text) },
            freezes: try freezes.map { text throws(ScheduleError) in try FreezePeriod(text) })
        #expect(opening == (try expected.map(instant)))
    }

    @Test(
        "a freeze runs from midnight of its first day to midnight after its last, in its zone",
        arguments: [
            ("2026-12-20..2027-01-05", "2026-12-20T00:00:00Z", "2027-01-06T00:00:00Z"),
            ("2026-12-20..2027-01-05 UTC", "2026-12-20T00:00:00Z", "2027-01-06T00:00:00Z"),
            ("2026-12-24 Europe/Berlin", "2026-12-23T23:00:00Z", "2026-12-24T23:00:00Z"),
            ("2026-03-29 Europe/Berlin", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"),
            ("2026-03-08 America/Havana", "2026-03-08T01:00:00-04:00", "2026-03-09T00:00:00-04:00"),
            ("2024-02-29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"),
            ("2000-02-29..2000-02-29", "2000-02-29T00:00:00Z", "2000-03-01T00:00:00Z"),
            (" 1970-01-01 ", "1970-01-01T00:00:00Z", "1970-01-02T00:00:00Z"),
        ])
    func freeze(_ text: String, _ start: String, _ end: String) throws {
        let freeze = try FreezePeriod(text)
        #expect(freeze.start == (try instant(start)))
        #expect(freeze.end == (try instant(end)))
        #expect(freeze.contains(freeze.start))
        #expect(freeze.contains(freeze.end.addingTimeInterval(-0.001)))
        #expect(!freeze.contains(freeze.end))
        #expect(!freeze.contains(freeze.start.addingTimeInterval(-0.001)))
    }

    @Test("the last year a freeze may name ends with it")
    func lastYear() throws {
        let freeze = try FreezePeriod("9999-12-31")
        #expect(freeze.end.timeIntervalSince(freeze.start) == 86_400)
        #expect(freeze.end.timeIntervalSince1970 == 253_402_300_800)
    }

    @Test(
        "a malformed freeze is an error that says why",
        arguments: [
            ("", "the freeze is empty", "write a freeze as '2026-12-20..2027-01-05', or one day as '2026-12-24'"),
            ("2026-02-30", "'2026-02-30' is not a date", "February 2026 has 28 days"),
            ("2100-02-29", "'2100-02-29' is not a date", "February 2100 has 28 days"),
            ("2026-04-31", "'2026-04-31' is not a date", "April 2026 has 30 days"),
            ("2026-01-00", "'2026-01-00' is not a date", "January 2026 has 31 days"),
            ("2026-13-01", "'2026-13-01' is not a date", "months run from 01 to 12"),
            (
                "2026-12-20..2026-12-01", "the freeze ends (2026-12-01) before it starts (2026-12-20)",
                "write the earlier day first"
            ),
            ("1969-12-31", "'1969-12-31' is out of range", "use years from 1970 to 9999"),
            ("10000-01-01", "'10000-01-01' is not a date", "write days as YYYY-MM-DD, as in 2026-12-20"),
            ("2026-1-5", "'2026-1-5' is not a date", "write days as YYYY-MM-DD, as in 2026-12-20"),
            ("+026-12-20", "'+026-12-20' is not a date", "write days as YYYY-MM-DD, as in 2026-12-20"),
            ("٢٠٢٦-١٢-٢٠", "'٢٠٢٦-١٢-٢٠' is not a date", "write days as YYYY-MM-DD, as in 2026-12-20"),
            ("2026-12-20..", "a day is missing", "write days as YYYY-MM-DD, as in 2026-12-20"),
            (
                "99999999999999999999-01-01", "'99999999999999999999-01-01' is not a date",
                "write days as YYYY-MM-DD, as in 2026-12-20"
            ),
            (
                "2026-12-20..2026-12-21..2026-12-22",
                "'2026-12-20..2026-12-21..2026-12-22' is not a day or a range of days",
                "write a freeze as '2026-12-20..2027-01-05', or one day as '2026-12-24'"
            ),
            (
                "2026-12-20 UTC extra", "unexpected 'extra' after the time zone",
                "write a freeze as '2026-12-20..2027-01-05', or one day as '2026-12-24'"
            ),
            ("2026-12-20 Europe/Berlinn", "unknown time zone 'Europe/Berlinn'", "did you mean 'Europe/Berlin'?"),
            ("2026-12-20 europe/berlin", "unknown time zone 'europe/berlin'", "did you mean 'Europe/Berlin'?"),
            (
                "2026-12-20 Mars/Olympus_Mons", "unknown time zone 'Mars/Olympus_Mons'",
                "use an IANA time zone such as Europe/Berlin or UTC"
            ),
            (
                "2026-12-20 ../../etc/passwd", "unknown time zone '../../etc/passwd'",
                "use an IANA time zone such as Europe/Berlin or UTC"
            ),
        ])
    func freezeErrors(_ text: String, _ message: String, _ hint: String) {
        let error = Self.error { () throws(ScheduleError) in _ = try FreezePeriod(text) }
        #expect(error?.message == message)
        #expect(error?.hint == hint)
    }

    @Test(
        "a malformed window is an error that says why",
        arguments: [
            ("", "the window is empty", "write a window as 'Tue-Thu 09:00-17:00 Europe/Berlin'"),
            ("Mon-Fri", "the window has no times", "write a window as 'Tue-Thu 09:00-17:00 Europe/Berlin'"),
            ("Mnd 09:00-17:00", "unknown day 'Mnd'", "use three-letter day names: Mon, Tue, Wed, Thu, Fri, Sat, Sun"),
            (
                "Monday 09:00-17:00", "unknown day 'Monday'",
                "use three-letter day names: Mon, Tue, Wed, Thu, Fri, Sat, Sun"
            ),
            (
                "Mon,,Fri 09:00-17:00", "the days have an empty entry",
                "list days and ranges with commas, as in 'Mon,Wed,Fri-Sat'"
            ),
            (
                "Mon-Wed-Fri 09:00-17:00", "'Mon-Wed-Fri' is not a day or a range",
                "list days and ranges with commas, as in 'Mon,Wed,Fri-Sat'"
            ),
            ("Mon 09:00", "'09:00' is not a time range", "write the start and end as HH:MM-HH:MM, as in 09:00-17:00"),
            ("Mon 09:00 - 17:00", "the times have spaces in them", "write them as HH:MM-HH:MM, as in 09:00-17:00"),
            ("Mon 09:00 -17:00 UTC", "the times have spaces in them", "write them as HH:MM-HH:MM, as in 09:00-17:00"),
            ("Mon 25:00-26:00", "'25:00' is not a time", "write times as HH:MM, from 00:00 to 24:00"),
            ("Mon 09:60-10:00", "'09:60' is not a time", "write times as HH:MM, from 00:00 to 24:00"),
            ("Mon 10:00-24:30", "'24:30' is not a time", "write times as HH:MM, from 00:00 to 24:00"),
            ("Mon 10:00-1000", "'1000' is not a time", "write times as HH:MM, from 00:00 to 24:00"),
            ("Mon ٠٩:٠٠-١٧:٠٠", "'٠٩:٠٠' is not a time", "write times as HH:MM, from 00:00 to 24:00"),
            (
                "Mon 99999999999999999999:00-10:00", "'99999999999999999999:00' is not a time",
                "write times as HH:MM, from 00:00 to 24:00"
            ),
            ("Mon 24:00-10:00", "the window starts at 24:00", "start it at 00:00"),
            (
                "Mon 09:00-09:00", "the window starts and ends at 09:00",
                "give it an end after its start; for a whole day write 00:00-24:00"
            ),
            ("Mon 09:00-17:00 Europe/Berlinn", "unknown time zone 'Europe/Berlinn'", "did you mean 'Europe/Berlin'?"),
            (
                "Mon 09:00-17:00 Europe/Berlin extra", "unexpected 'extra' after the time zone",
                "write a window as 'Tue-Thu 09:00-17:00 Europe/Berlin'"
            ),
        ])
    func windowErrors(_ text: String, _ message: String, _ hint: String) {
        let error = Self.error { () throws(ScheduleError) in _ = try ChangeWindow(text) }
        #expect(error?.message == message)
        #expect(error?.hint == hint)
    }

    @Test("why applying is closed: the first freeze that holds the instant, else being outside every window")
    func closed() throws {
        let windows = [try ChangeWindow("Mon-Fri 09:00-17:00")]
        let holidays = try FreezePeriod("2026-12-20..2027-01-05")
        let christmas = try FreezePeriod("2026-12-24")
        let freezes = [holidays, christmas]
        let (monday, evening, eve) = (
            try instant("2026-12-14T10:00:00Z"), try instant("2026-12-14T18:00:00Z"),
            try instant("2026-12-24T10:00:00Z")
        )
        #expect(Schedule.closed(at: monday, windows: windows, freezes: freezes) == nil)
        #expect(Schedule.closed(at: evening, windows: windows, freezes: freezes) == .outsideWindows)
        #expect(Schedule.closed(at: eve, windows: windows, freezes: freezes) == .frozen(holidays))
        #expect(Schedule.closed(at: eve, windows: windows, freezes: [christmas, holidays]) == .frozen(christmas))
        #expect(Schedule.closed(at: evening, windows: [], freezes: freezes) == nil)
        #expect(Schedule.closed(at: eve, windows: [], freezes: freezes) == .frozen(holidays))
    }

    @Test("a window or freeze is its text: equal, hashed and printed by it")
    func identity() throws {
        let window = try ChangeWindow("Tue-Thu 09:00-17:00 Europe/Berlin")
        let same = try ChangeWindow("Tue-Thu 09:00-17:00 Europe/Berlin")
        #expect(window == same)
        #expect(Set([window, same]).count == 1)
        #expect(window.description == "Tue-Thu 09:00-17:00 Europe/Berlin")
        let freeze = try FreezePeriod("2026-12-24")
        #expect(freeze == (try FreezePeriod("2026-12-24")))
        #expect(freeze.description == "2026-12-24")
    }

    @Test("hostile instants and text neither trap nor hang")
    func hostile() throws {
        let window = try ChangeWindow("Mon-Fri 09:00-17:00 Europe/Berlin")
        let freeze = try FreezePeriod("2026-12-24")
        for seconds in [Double.nan, .infinity, -.infinity, 1e300, -1e300, .greatestFiniteMagnitude] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(!window.contains(date))
            #expect(!freeze.contains(date))
            #expect(Schedule.nextOpening(after: date, windows: [window], freezes: [freeze]) == nil)
        }
        #expect(Schedule.nextOpening(after: .distantFuture, windows: [window], freezes: []) != nil)
        let manyDays = try ChangeWindow(String(repeating: "Mon,", count: 50_000) + "Tue 09:00-10:00")
        #expect(manyDays.contains(try instant("2026-01-13T09:30:00Z")))
        let long = String(repeating: "x", count: 1_000_000)
        let error = Self.error { () throws(ScheduleError) in _ = try ChangeWindow(long + " 09:00-10:00 " + long) }
        #expect((error?.message.count ?? .max) < 100)
        #expect(Self.error { () throws(ScheduleError) in _ = try FreezePeriod("2026-12-20 " + long) } != nil)
    }

    @Test("the wall clock read from the zone's offset agrees with a Gregorian calendar set to the zone")
    func agreesWithCalendar() throws {
        // (window, its days as Calendar weekdays (Sunday 1), start and end in minutes, zone)
        let references: [(String, Set<Int>, Int, Int, String)] = [
            ("Tue-Thu 09:00-17:00 Europe/Berlin", [3, 4, 5], 540, 1020, "Europe/Berlin"),
            ("Fri 22:00-02:30 America/New_York", [6], 1320, 150, "America/New_York"),
            ("Sat-Mon 01:45-02:15 Australia/Lord_Howe", [7, 1, 2], 105, 135, "Australia/Lord_Howe"),
            ("02:00-03:00 Europe/Berlin", [1, 2, 3, 4, 5, 6, 7], 120, 180, "Europe/Berlin"),
            ("Sun 00:00-24:00 Asia/Kolkata", [1], 0, 1440, "Asia/Kolkata"),
        ]
        let periods = [
            (try instant("2026-03-01T00:00:00Z"), try instant("2026-04-10T00:00:00Z")),
            (try instant("2026-09-25T00:00:00Z"), try instant("2026-11-05T00:00:00Z")),
        ]
        for (text, days, start, end, zone) in references {
            let window = try ChangeWindow(text)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: zone))
            for (first, last) in periods {
                var date = first
                while date < last {
                    let clock = calendar.dateComponents([.weekday, .hour, .minute], from: date)
                    let weekday = clock.weekday ?? 0
                    let minute = (clock.hour ?? 0) * 60 + (clock.minute ?? 0)
                    let previous = weekday == 1 ? 7 : weekday - 1
                    let open =
                        start < end
                        ? days.contains(weekday) && start <= minute && minute < end
                        : days.contains(weekday) && minute >= start || days.contains(previous) && minute < end
                    #expect(window.contains(date) == open, "\(text) at \(date)")
                    date += 433
                }
            }
        }
    }

    @Test("the next opening is the first allowed minute, found by scanning quarter hours around clock changes")
    func agreesWithScan() throws {
        // Every start, end, clock change and freeze here falls on a quarter hour, so scanning quarter hours
        // finds the true next opening.
        let scenarios: [([String], [String], String)] = [
            (["Sun 02:30-04:00 Europe/Berlin"], [], "2026-03-27T00:00:00Z"),
            (
                ["Sun 02:30-05:00 Europe/Berlin", "Wed 10:00-10:30 UTC"], ["2026-10-28 Europe/Berlin"],
                "2026-10-23T00:00:00Z"
            ),
            (["Sat 23:30-02:30 Europe/Berlin"], ["2026-03-29 Europe/Berlin"], "2026-03-26T00:00:00Z"),
            (["Sat-Mon 01:45-02:15 Australia/Lord_Howe"], [], "2026-04-02T00:00:00Z"),
            (["Sat-Mon 01:45-02:15 Australia/Lord_Howe"], [], "2026-10-01T00:00:00Z"),
            (["Sun 01:30-02:15 America/New_York"], [], "2026-10-29T00:00:00Z"),
            ([], ["2026-03-29 Europe/Berlin", "2026-03-30..2026-03-31 UTC"], "2026-03-27T00:00:00Z"),
        ]
        for (windowTexts, freezeTexts, from) in scenarios {
            let windows = try windowTexts.map { text throws(ScheduleError) in try ChangeWindow(text) }
            let freezes = try freezeTexts.map { text throws(ScheduleError) in try FreezePeriod(text) }
            let first = try instant(from)
            for step in 0..<(6 * 24 * 4 / 7) {
                let after = first + Double(step * 7 * 15 * 60)
                var scanned: Date?
                var candidate = after
                while scanned == nil && candidate < after + 8 * 86_400 {
                    if Schedule.closed(at: candidate, windows: windows, freezes: freezes) == nil { scanned = candidate }
                    candidate += 15 * 60
                }
                let found = Schedule.nextOpening(after: after, windows: windows, freezes: freezes)
                #expect(scanned != nil)
                #expect(found == scanned, "\(windowTexts) \(freezeTexts) after \(after)")
            }
        }
    }

    private static func error(_ body: () throws(ScheduleError) -> Void) -> ScheduleError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}

private func instant(_ text: String) throws -> Date { try Date(text, strategy: .iso8601) }
