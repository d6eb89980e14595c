import ArgumentParser

struct ColorOptions: ParsableArguments {
    @Flag(help: "Never colour the output (also: the NO_COLOR environment variable).")
    var noColor = false
}
