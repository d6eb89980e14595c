import GameLiftAPI
import Testing

/// The plain scans of `GameLiftLimits`' patterns agree with the patterns themselves, compiled as `Regex`, on
/// every string the generator makes from the characters the patterns care about. (Swift's `.` also refuses
/// U+000B, U+000C and U+0085, which ECMA-262's matches; the scans follow ECMA-262, and the examples avoid them.)
struct LimitPatternTests {
    private static func regex(_ pattern: String) throws -> Regex<AnyRegexOutput> { try Regex(pattern) }

    private static let examples: [(String, id: Bool, arn: Bool, region: Bool)] = [
        ("fleet-2222-aaaa", true, false, false), ("containerfleet-a1", true, false, false),
        ("fleetfleet-A-9", true, false, false), ("fleet-", false, false, false), ("Fleet-a", false, false, false),
        ("xfleet-a\n", false, false, false), ("fleet-a_b", false, false, false),
        ("arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-1", false, true, false),
        ("arn::fleet/fleet-1", false, true, false), ("arn:fleet/fleet-1", false, false, false),
        ("arn:a:b/c:containerfleet/containerfleet-1", false, true, false),
        ("arn:aws:gamelift:us-west-2:1:fleet/fleet-1/", false, false, false),
        ("us-west-2", false, false, true), ("us-gov-west-1", false, false, true), ("us-2", false, false, false),
        ("usa-west-2", false, false, false), ("us--west-2", false, false, false), ("us-west-", false, false, false),
        ("us-West-2", false, false, false), ("us-west-2\n", false, false, false),
        // `.*` stops at line terminators.
        ("arn:aws:gamelift:us-west-2:1234\n5678:fleet/fleet-1", false, false, false),
        ("arn:aws:gamelift:us-west-2:1234\r5678:fleet/fleet-1", false, false, false),
        ("arn:aws:gamelift:us-west-2:1234\u{2028}5678:fleet/fleet-1", false, false, false),
        ("arn:aws:gamelift:us-west-2:1234\u{2029}5678:fleet/fleet-1", false, false, false),
        ("arn:aws:gamelift:us-west-2:1234\u{2027}é:fleet/fleet-1", false, true, false),
    ]

    @Test func examplesMatchAsThePatternsSay() throws {
        let id = try Self.regex(GameLiftLimits.fleetIdPattern)
        let arn = try Self.regex(GameLiftLimits.fleetArnPattern)
        let region = try Self.regex(GameLiftLimits.regionPattern)
        for example in Self.examples {
            #expect(GameLiftLimits.isFleetIdShaped(example.0) == example.id, "\(example.0)")
            #expect(GameLiftLimits.isFleetArnShaped(example.0) == example.arn, "\(example.0)")
            #expect(GameLiftLimits.isRegionShaped(example.0) == example.region, "\(example.0)")
            #expect((example.0.wholeMatch(of: id) != nil) == example.id, "\(example.0)")
            #expect((example.0.wholeMatch(of: arn) != nil) == example.arn, "\(example.0)")
            #expect((example.0.wholeMatch(of: region) != nil) == example.region, "\(example.0)")
        }
    }

    @Test func generatedStringsMatchAsThePatternsSay() throws {
        let checks: [(Regex<AnyRegexOutput>, (String) -> Bool, [String])] = [
            (
                try Self.regex(GameLiftLimits.fleetIdPattern), GameLiftLimits.isFleetIdShaped,
                ["fleet", "container", "-", "a", "Z", "9", "_", "é", "\n", ":", "/"]
            ),
            (
                try Self.regex(GameLiftLimits.fleetArnPattern), GameLiftLimits.isFleetArnShaped,
                ["arn:", ":", "/", "fleet", "fleet-", "container", "-", "a", "Z", "9", "\n", "\u{2028}", "é"]
            ),
            (
                try Self.regex(GameLiftLimits.regionPattern), GameLiftLimits.isRegionShaped,
                ["us", "-", "west", "gov", "a", "2", "10", "U", "é", "\n"]
            ),
        ]
        var generator = SystemRandomNumberGenerator()
        for (regex, scan, pieces) in checks {
            for _ in 0..<3_000 {
                let text = (0..<Int.random(in: 0...8, using: &generator))
                    .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }.joined()
                #expect(scan(text) == (text.wholeMatch(of: regex) != nil), "\(text.debugDescription)")
            }
        }
    }
}
