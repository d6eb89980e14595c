import ArgumentParser

/// How plans and reports are printed.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, markdown
}

struct ColorOptions: ParsableArguments {
    @Flag(help: "Never colour the output (also: the NO_COLOR environment variable).")
    var noColor = false
}
