import ArgumentParser

// Placeholder until the foundation work lands; replaced by the real `validate` command.
struct Validate: AsyncParsableCommand {
    func run() async throws {}
}
