import Foundation

/// Values that break parsers and arithmetic: integers at and past the 32- and 64-bit limits, negative zero,
/// huge exponents, long strings, Unicode that renders oddly (combining marks, right-to-left overrides, NUL,
/// byte-order marks), deep nesting. The structure-aware fuzzers put them where values belong.
enum HostileValues {
    /// Number literals, valid in both JSON and YAML.
    static let numbers = [
        "0", "-0", "1", "-1", "50", "51", "600", "601", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "4294967295", "4294967296", "9223372036854775806", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "99999999999999999999", "-99999999999999999999", "123456789012345678901234567890123456789", "1.5", "-0.0",
        "0.0", "1e2", "1E308", "1e309", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308",
    ]

    /// YAML-only number spellings: infinities, not-a-number, other bases.
    static let yamlNumbers = [
        ".inf", "-.inf", "+.inf", ".nan", ".NaN", "0x7FFFFFFF", "0xFFFFFFFFFFFFFFFFFF", "0o777", "+1",
    ]

    /// Strings that are long, or short and strange.
    static let strings: [String] = [
        "", " ", String(repeating: "a", count: 1025), String(repeating: "/local/game/", count: 400),
        String(repeating: "x", count: 70_000), "e\u{301}" + String(repeating: "\u{301}", count: 2_000),
        "/local/game/\u{202E}revreS", "\u{202E}fleet-1234", "fleet-\u{0}1234", "/local/game/bin\u{0}/x",
        "\u{FEFF}/local/game/bin/Server", "\u{FEFF}fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc", "🎮/local/game/👾",
        "/local/game/../../etc/passwd", "C:\\game\\bin\\Server.exe", "c:\\GAME\\x", "\\\\server\\share",
        "arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc",
        "arn:aws:gamelift:eu-west-1:000000000000:fleet/fleet-1", "us-west-2\u{0}", "us-west-2/../../x", "-port 7777",
        "'\"[]{},?;=@", "\u{D7FF}\u{E000}\u{FFFD}", "\r\n", "\t", "%00", "${HOME}", "$(reboot)",
    ]

    /// Nesting deeper than any parser's limit ought to allow.
    static func deepArray(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }
    static func deepObject(_ depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
    }

    /// Raw JSON fragments for any value position.
    static let jsonFragments: [String] =
        numbers + strings.map(jsonString) + [
            "null", "true", "false", "[]", "{}", "[1,2,3]", #"{"":0}"#, deepArray(100), deepArray(600),
            deepArray(20_000), deepObject(100), deepObject(600), #""\ud800""#, #""\udfff\ud800""#, #""\u0000""#,
        ]

    /// A Swift string as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
