import FleetSpec

/// A saved plan that cannot be applied: why, and every located problem (`path#/json/pointer: error: …`).
public struct PlanFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var diagnostics: [Diagnostic]

    public init(path: String, reason: String, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.reason = reason
        self.diagnostics = diagnostics
    }

    public var description: String {
        (["\(path): \(reason)"] + diagnostics.map { d in d.description + (d.hint.map { " (\($0))" } ?? "") })
            .joined(separator: "\n")
    }
}
