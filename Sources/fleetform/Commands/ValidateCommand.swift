import ArgumentParser
import FleetSpec
import FleetformCore
import GameLiftConnection

extension DiagnosticFormat: ExpressibleByArgument {}

/// `fleetform validate PATH…`: check fleet files without touching GameLift.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check fleet files against GameLift's rules, offline.",
        discussion: """
            Exits 0 when no file has an error, 1 otherwise.

            Examples:
              fleetform validate fleets/
              fleetform validate fleets/ --strict --build-manifest build/
              fleetform validate fleets/ --format github                  # annotations in GitHub Actions
              fleetform validate fleets/ --format sarif > fleetform.sarif  # for code scanning
            """)

    @Argument(help: "Fleet files, or folders searched recursively for *.yaml and *.yml.")
    var paths: [String]

    @Option(help: "Output format: text, json, github or sarif.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Never colour the output (NO_COLOR is respected too).")
    var noColor = false

    @Option(help: "Region for fleets whose file names none (default: AWS_REGION, then AWS_DEFAULT_REGION).")
    var region: String?

    @Option(help: "A build folder, or a file listing the build's files, that every LaunchPath must be in.")
    var buildManifest: String?

    @Option(help: "Largest fleet file accepted, in bytes.")
    var maxFileBytes = LoadOptions.defaultMaxFileBytes

    @OptionGroup var settings: SettingsOptions

    func validate() throws {
        guard maxFileBytes > 0 else { throw ValidationError("--max-file-bytes must be positive") }
    }

    func run() async throws {
        let console = Console(noColor: noColor)
        let manifest = try console.require { try buildManifest.map(BuildManifest.init(contentsOf:)) }
        let options = LoadOptions(
            defaultRegion: ConnectionSettings(region: region).regionWithoutFiles, maxFileBytes: maxFileBytes,
            buildManifest: manifest, settings: try settings.settings(for: paths, console: console), names: Words.names)
        let fleets = FleetLoader.load(paths: paths, options: options)
        let diagnostics = strict ? fleets.diagnostics.warningsAsErrors() : fleets.diagnostics
        console.write(
            DiagnosticRenderer(format: format, style: console.style, names: Words.names).render(
                diagnostics, fileCount: fleets.fileCount))
        if diagnostics.hasErrors { throw ExitCode(ExitStatus.error.rawValue) }
    }
}
