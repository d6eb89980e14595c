import ArgumentParser
import FleetSpec
import FleetformCore
import Foundation

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what apply would change: read each fleet's live runtime configuration and diff it.",
        discussion: """
            Never writes to GameLift. Exit codes: 0 no changes (or, without --detailed-exitcode, success), \
            1 error, 2 changes pending (with --detailed-exitcode).

            Examples:
              fleetform plan fleets/
              fleetform plan fleets/ --out plan.json --format markdown > plan.md
              fleetform plan fleets/ --detailed-exitcode     # nightly drift check
              fleetform plan examples/fleets --local --local-seed examples/local/seed.json
            """)

    @Argument(help: "Fleet files, or folders searched for *.yaml and *.yml.")
    var paths: [String]

    @Option(help: "Output format: text, json or markdown.")
    var format: PlanFormat = .text

    @Option(help: "Save the plan to this file (JSON), for `apply --plan`.")
    var out: String?

    @Flag(help: "Exit 2 when there are changes, 0 when there are none.")
    var detailedExitcode = false

    @OptionGroup var fleets: FleetOptions
    @OptionGroup var gameLift: GameLiftOptions
    @OptionGroup var color: ColorOptions

    func run() async throws {
        let console = Console(noColor: color.noColor)
        guard
            let input = FleetInput.load(
                paths: paths, options: fleets, defaultRegion: try gameLift.defaultRegion(), console: console)
        else { throw ExitCode(ExitStatus.error.rawValue) }
        let connection = try await gameLift.connect(console: console)
        let result = await connection.plan(input, options: fleets, console: console)
        await connection.close()
        guard let plan = result else { throw ExitCode(ExitStatus.error.rawValue) }
        if let out {
            try PlanFile.save(plan, to: out)
            console.err("Saved the plan to \(out).")
        }
        console.out(try PlanOutput.render(plan, format: format, style: console.style))
        throw ExitCode(ExitStatus.forPlan(plan, detailed: detailedExitcode).rawValue)
    }
}

/// Options naming the fleet files' context.
struct FleetOptions: ParsableArguments {
    @Option(
        name: .customLong("build-manifest"),
        help: "A build's file list (a folder or a text file): launch paths must be in it.")
    var buildManifest: String?

    @Option(help: "Fleets read at once.")
    var parallelism: Int = 8

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }
}

/// Renders plans in the chosen format.
enum PlanOutput {
    static func render(_ plan: PlanDocument, format: PlanFormat, style: TextStyle) throws -> String {
        switch format {
        case .text: PlanTextRenderer(style: style).render(plan)
        case .markdown: PlanMarkdownRenderer().render(plan)
        case .json: String(decoding: try ReportJSON.encoder().encode(plan), as: UTF8.self)
        }
    }
}
