/// A place in a fleet file: 1-based line and column; or, in a JSON file (a saved plan, a journal line), the
/// JSON pointer of the value.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// The value's JSON pointer (RFC 6901), e.g. `/fleets/0/request/FleetId`, for places in JSON files.
    public var pointer: String?

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// The value at `pointer` in the JSON file `path` (on `line` for JSON Lines files).
    public init(path: String, line: Int = 1, pointer: String) {
        self.init(path: path, line: line, column: 1)
        self.pointer = pointer
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.path, a.line, a.column, a.pointer ?? "") < (b.path, b.line, b.column, b.pointer ?? "")
    }

    /// `path:line:column`, or `path#pointer` (`path:line#pointer` past a JSON file's first line).
    public var description: String {
        guard let pointer else { return "\(path):\(line):\(column)" }
        return line > 1 ? "\(path):\(line)#\(pointer)" : "\(path)#\(pointer)"
    }

    /// "line 3" in a fleet file, the pointer in a JSON file: how one message refers to another place.
    public var place: String { pointer ?? "line \(line)" }
}

/// A stable diagnostic code such as `FF301`. Codes never change meaning once published; the README lists them.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// Every user-facing problem with the fleet files: what, where, how bad, and how to fix it.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var hint: String?
    public var location: SourceLocation?
    /// A second place the diagnostic concerns: for a broken rule of `fleetform.yaml`, where the rule is written
    /// (the fleet is `location`).
    public var related: SourceLocation?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, hint: String? = nil,
        at location: SourceLocation?
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// `path:line:column: error: [CODE] message`
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): [\(code)] \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// The same diagnostics with every warning raised to an error (`--strict`).
    public func warningsAsErrors() -> [Diagnostic] {
        map { d in
            var copy = d
            copy.severity = .error
            return copy
        }
    }
}

extension Diagnostic {
    /// The order diagnostics are shown in everywhere: by file, then by line and column as numbers (so
    /// `f.yaml:9` comes before `f.yaml:10`); diagnostics without a place first (they concern arguments), then
    /// by code and message.
    public static func readingOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (let x?, let y?) where x != y: return x < y
        default: return (a.code.rawValue, a.message) < (b.code.rawValue, b.message)
        }
    }
}
