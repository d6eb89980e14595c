import FleetSpec
import Foundation
import GameLiftSimulation
import Testing

/// Hostile settings files (docs/policy.md): mutations of the example `fleetform.yaml` and of hand-written hostile
/// ones — globs built to backtrack, windows and freezes at the edges of the calendar, unknown zones, huge numbers,
/// alias bombs — must give located diagnostics with known codes and never trap; every environment that loads is
/// then asked to place paths and every schedule for its next opening. Deterministic under the seed;
/// FLEETFORM_FUZZ_COUNT sets how many inputs (default 10,000, as for fleet files).
@Suite("settings fuzzing")
struct SettingsFuzzTests {
    static let hostile = [
        "environments:\n  - name: p\n    match: \"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\"\n",
        "environments:\n  - name: p\n    match: \"\(String(repeating: "**/", count: 40))x\"\n",
        "environments:\n  - name: p\n    match: \"\(String(repeating: "{a,", count: 70))\"\n",
        "environments:\n  - name: p\n    match: \"[\(String(repeating: "a-", count: 300))]\"\n",
        "environments:\n  - name: p\n    match: x\n    rules:\n      window: [\"Mon-Sun 00:00-24:00 Pacific/Kiritimati\", \"Sun 23:59-00:00 Pacific/Pago_Pago\"]\n      freeze: [\"0001-01-01..9999-12-31\", \"9999-12-31\", \"1970-01-01..1970-01-01 Asia/Kathmandu\"]\n",
        "environments:\n  - name: p\n    match: x\n    rules:\n      window: [\"Fri-Thu 25:61-99:99\", \"Mon 9:00-9:00\", \"\u{0663}\u{0660}:00-10:00\", \"Mon-Fri 09:00-17:00 \(String(repeating: "A/", count: 100))\"]\n",
        "environments:\n  - name: p\n    match: x\n    duration_seconds: 99999999999999999999999\n    rules:\n      minSlots: -1\n      maxProcessesPerVCPU: 9223372036854775807\n      minProcessMemory: 1e400GiB\n      requireWatch: 1e308h\n",
        "a0: &a0 [x, x, x, x, x, x, x, x, x]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
            + "a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\na3: [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
            + "environments: *a3\n",
        "environments: [" + String(repeating: "{name: e, match: x},", count: 300) + "]\n",
        "environments:\n  - name: \"\u{202E}prod\"\n    match: \"\u{0}\"\n    account: \"١٢٣٤٥٦٧٨٩٠١٢\"\n    role_arn: \"arn:aws:iam::\u{FF11}11122223333:role/x\"\n",
    ]

    static let tokens =
        Mutator.tokens + [
            "environments:", "  - name: ", "    match: ", "**", "*", "?", "[!a-", "{a,b}", "\\", "../", "/",
            "account: ",
            "\"000000000000\"", "role_arn: ", "arn:aws:iam::111122223333:role/r", "profile: ", "rules:",
            "      window: ", "Mon-Fri 09:00-17:00 Europe/Berlin", "Sun 22:00-02:00", "24:00", "Mars/Phobos",
            "      freeze: ", "2026-12-20..2027-01-05", "2027-02-29", "9999-12-31..0001-01-01", "locked: [", "freeze]",
            "minSlotsPerLocation: ", "minProcessMemory: ", "1GiB", "requireWatch: ", "10m", "requireWaves: ", "yes",
        ]

    @Test("mutated and hostile settings never trap; every diagnostic is located and known")
    func fuzz() throws {
        let example = try String(
            contentsOf: YAMLFuzzTests.repository.appendingPathComponent("examples/fleetform.yaml"), encoding: .utf8)
        let corpus = [example] + Self.hostile
        var random = SeededGenerator(seed: 0x5E77_1265)
        let known = Set(DiagnosticCatalogue.entries.map(\.code))
        var failures: [String] = []
        var located = 0
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        for i in 0..<(YAMLFuzzTests.count + corpus.count) {
            var text = corpus[i % corpus.count]
            if i >= corpus.count {
                for _ in 0...(random.next() % 4) { text = Mutator.mutate(text, &random, tokens: Self.tokens) }
            }
            let path = "fuzz/\(i)/fleetform.yaml"
            let settings = SettingsFile.load(bytes: Array(text.utf8), path: path, folder: "/fuzz/\(i)")
            located += settings.diagnostics.count
            failures += YAMLFuzzTests.misplaced(settings.diagnostics, in: path, known: known).map {
                "input \(i): unlocated or unknown diagnostic \($0)\n--- input ---\n\(text)"
            }
            for environment in settings.environments {
                _ = settings.environments(governing: "/fuzz/\(i)/prod/arena.yaml")
                _ = settings.environments(governing: "/fuzz/\(i)/" + String(repeating: "a/", count: 200) + "b.yaml")
                _ = Schedule.closed(at: now, windows: environment.rules.windows, freezes: environment.rules.freezes)
                _ = Schedule.nextOpening(
                    after: now, windows: environment.rules.windows, freezes: environment.rules.freezes)
            }
            if failures.count >= 5 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(located > 0, "the mutations should produce diagnostics")
    }
}
