import Testing

@testable import FleetSpec

/// The globs of `fleetform.yaml`: anchored at the settings file's folder, matching a file or a folder that holds it
/// (as `.gitignore` does), refusing malformed and hostile patterns with the place of the problem, and matching in
/// time linear in the path whatever the pattern.
@Suite struct GlobTests {
    @Test(
        "a pattern matches the path itself or a folder that contains it",
        arguments: [
            ("prod", "prod/a.yaml", true), ("prod/", "prod/a.yaml", true), ("prod/**", "prod/a.yaml", true),
            ("prod/**", "prod/eu/a.yaml", true), ("prod", "prod", true), ("prod/", "prod", false),
            ("prod/", "prod/", true), ("prod", "production/a.yaml", false), ("prod/**", "staging/prod/a.yaml", false),
            ("prod/*", "prod", false), ("prod/a.yaml", "prod//a.yaml", true), ("**", "", false),
            ("*.yaml", "a.yaml", true), ("*.yaml", "prod/a.yaml", false), ("*/*.yaml", "prod/a.yaml", true),
            ("*", "prod/eu/a.yaml", true), ("a*b", "a/b", false), ("a*", "a", true),
        ])
    func folders(_ pattern: String, _ path: String, _ expected: Bool) throws {
        let glob = try Glob(pattern)
        #expect(glob.matches(path) == expected)
    }

    @Test(
        "'**' stands for any number of folders, none included",
        arguments: [
            ("**/arena.yaml", "arena.yaml", true), ("**/arena.yaml", "a/b/arena.yaml", true),
            ("**/arena.yaml", "a/b/arena.yml", false), ("**/arena.yaml", "a/xarena.yaml", false),
            ("a/**/b.yaml", "a/b.yaml", true), ("a/**/b.yaml", "a/x/y/b.yaml", true),
            ("a/**/b.yaml", "a/xb.yaml", false), ("a/**/b.yaml", "b.yaml", false),
            ("**", "any/depth/at/all.yaml", true),
            ("a/**/**/b", "a/b", true), ("a/**/**/b", "a/x/y/b", true), ("**/eu/**", "prod/eu/a.yaml", true),
            ("**/eu/**", "prod/us/a.yaml", false), ("a/**", "a", true), ("a/**", "ab/c", false),
        ])
    func globstars(_ pattern: String, _ path: String, _ expected: Bool) throws {
        let glob = try Glob(pattern)
        #expect(glob.matches(path) == expected)
    }

    @Test(
        "'?', classes, alternatives and escapes",
        arguments: [
            ("fleet-?.yaml", "fleet-1.yaml", true), ("fleet-?.yaml", "fleet-10.yaml", false), ("a?b", "a/b", false),
            ("fleet-[0-9].yaml", "fleet-7.yaml", true), ("fleet-[0-9].yaml", "fleet-x.yaml", false),
            ("fleet-[!0-9].yaml", "fleet-x.yaml", true), ("fleet-[^0-9].yaml", "fleet-7.yaml", false),
            ("[abc]", "b/x.yaml", true), ("[a-]", "-", true), ("[\\]]", "]", true), ("a[!b]c", "a/c", false),
            ("{prod,staging}/**", "staging/a.yaml", true), ("{prod,staging}/**", "dev/a.yaml", false),
            ("*.{yaml,yml}", "a.yml", true), ("a{,-eu}.yaml", "a.yaml", true), ("a{,-eu}.yaml", "a-eu.yaml", true),
            ("{*-eu,eu-*}", "x-eu", true), ("\\*.yaml", "*.yaml", true), ("\\*.yaml", "a.yaml", false),
            ("a\\[1].yaml", "a[1].yaml", true), ("a]b}", "a]b}", true), ("é?", "été", false), ("é*", "été", true),
        ])
    func wildcards(_ pattern: String, _ path: String, _ expected: Bool) throws {
        let glob = try Glob(pattern)
        #expect(glob.matches(path) == expected)
    }

    @Test(
        "a malformed pattern is an error that says where",
        arguments: [
            ("", "the pattern is empty", nil), ("/prod/**", "the pattern starts with '/'", 0),
            ("a**b", "'**' must be a whole segment", 1), ("prod/**x", "'**' must be a whole segment", 5),
            ("***", "'**' must be a whole segment", 0), ("{a,**}", "'**' must be a whole segment", 3),
            ("x[abc", "'[' is never closed", 1), ("x[]", "the class '[]' is empty", 1),
            ("[!]", "the class '[]' is empty", 0), ("a[z-a]", "the range 'z-a' runs backwards", 2),
            ("[a/b]", "a class cannot contain '/'", 2), ("[a/b", "'[' is never closed", 0),
            ("{a,b", "'{' is never closed", 0), ("{a/b}", "alternatives cannot contain '/'", 2),
            ("{a/b", "'{' is never closed", 0), ("{a,{b}}", "alternatives cannot be nested", 3),
            ("{}", "'{}' has no alternatives", 0), ("a\\", "the pattern ends with '\\'", 1),
            ("a\\/b", "'/' cannot be escaped", 1), ("../a", "the pattern has a '..' segment", 0),
            ("a/./b", "the pattern has a '.' segment", 2), ("a/\\.\\.", "the pattern has a '..' segment", 2),
            ("{..,a}/b", "the pattern has a '..' segment", 0), ("a//b", "the pattern has an empty segment ('//')", 2),
            ("a/b//", "the pattern has an empty segment ('//')", 4),
        ] as [(String, String, Int?)])
    func errors(_ pattern: String, _ message: String, _ offset: Int?) {
        let error = Self.error(pattern)
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test("errors say how to fix the pattern")
    func hints() {
        #expect(Self.error("[abc")?.hint == "close the class with ']' or escape it as '\\['")
        #expect(Self.error("{a,b")?.hint == "close the alternatives with '}' or escape it as '\\{'")
        #expect(Self.error("a**")?.hint == "use '*' within a name, or '**' between slashes, as in 'a/**/b.yaml'")
        #expect(Self.error("[z-a]")?.hint == "write it as 'a-z'")
    }

    @Test("the limits on length, '**' and alternatives hold exactly")
    func limits() throws {
        _ = try Glob(String(repeating: "a", count: 1024))
        #expect(
            Self.error(String(repeating: "a", count: 1025))?.message == "the pattern is longer than 1024 characters")
        _ = try Glob(Array(repeating: "**/a", count: 16).joined(separator: "/"))
        let seventeen = Array(repeating: "**/a", count: 17).joined(separator: "/")
        #expect(Self.error(seventeen)?.message == "the pattern has more than 16 '**'")
        #expect(Self.error(seventeen)?.offset == 80)
        let letters = (0..<65).map { "a\($0)" }
        _ = try Glob("{" + letters.dropLast().joined(separator: ",") + "}")
        #expect(
            Self.error("{" + letters.joined(separator: ",") + "}")?.message
                == "the pattern has more than 64 alternatives")
        // Counted across groups: the 33rd pair is one too many.
        let pairs = String(repeating: "{a,b}", count: 33)
        #expect(Self.error(pairs)?.offset == 160)
        #expect(Self.error(String(repeating: "{a,b}", count: 32)) == nil)
    }

    @Test("hostile patterns match in time linear in the path")
    func linearTime() throws {
        let clock = ContinuousClock()
        let name = String(repeating: "a", count: 10_000)
        let stars = try Glob("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b")
        let deep = Array(repeating: "a", count: 2_000).joined(separator: "/")
        let folders = try Glob(Array(repeating: "**/a", count: 16).joined(separator: "/") + "/b")
        let options = try Glob("{*a,*b,*c,*d,*e,*f,*g,*h}{*a,*b,*c,*d,*e,*f,*g,*h}{*a,*b,*c,*d,*e,*f,*g,*h}x")
        let elapsed = clock.measure {
            #expect(!stars.matches(name))
            #expect(stars.matches(name + "b"))
            #expect(!folders.matches(deep))
            #expect(folders.matches(deep + "/b"))
            #expect(!options.matches(name))
        }
        // Backtracking would take longer than the age of the universe; the automaton takes milliseconds.
        #expect(elapsed < .seconds(5))
    }

    @Test("a glob is its pattern: equal, hashed and printed by it")
    func identity() throws {
        let glob = try Glob("prod/**")
        let same = try Glob("prod/**")
        let folder = try Glob("prod/")
        #expect(glob == same)
        #expect(glob != folder)
        #expect(Set([glob, same, folder]).count == 2)
        #expect(glob.description == "prod/**")
    }

    @Test("random patterns and paths never trap, and an error's offset is inside the pattern")
    func fuzz() {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet = Array("ab*?[]{},/\\!-^.é")
        func text(_ length: Int) -> String { String((0..<length).map { _ in alphabet[random.below(alphabet.count)] }) }
        for _ in 0..<5_000 {
            let pattern = text(random.below(24))
            do {
                let glob = try Glob(pattern)
                #expect(glob.pattern == pattern)
                for _ in 0..<4 { _ = glob.matches(text(random.below(32))) }
            } catch {
                #expect(error.offset.map { (0..<pattern.count).contains($0) } ?? true)
            }
        }
    }

    private static func error(_ pattern: String) -> GlobError? {
        do {
            _ = try Glob(pattern)
            return nil
        } catch {
            return error
        }
    }
}

/// A seeded generator, so the fuzz test tries the same patterns on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}
