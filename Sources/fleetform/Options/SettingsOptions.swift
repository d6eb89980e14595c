import ArgumentParser
import FleetSpec
import FleetformCore

/// The repository's settings file (`fleetform.yaml`, docs/policy.md): found beside the fleet paths or above them,
/// or named with `--config`.
struct SettingsOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The settings file (environments, accounts, rules, change windows); default: fleetform.yaml beside the "
                + "fleet paths or in the nearest folder above them, up to the repository root.", valueName: "file"))
    var config: String?

    /// The settings that govern `paths`, or `nil` when there are none. Their problems travel with them (the loader
    /// reports them with the fleet files'); fleet paths under two settings files are an error here.
    func settings(for paths: [String], console: Console) throws -> RepositorySettings? {
        if let config { return SettingsFile.load(path: config) }
        switch SettingsFile.locate(for: paths) {
        case .success(let path): return path.map(SettingsFile.load(path:))
        case .failure(let problem):
            console.observer().notice(.diagnostics([problem.diagnostic(names: Words.names)], fileCount: 0))
            throw ExitCode(ExitStatus.error.rawValue)
        }
    }
}

/// `--override CODE --reason TEXT`: lets broken rules of `fleetform.yaml` pass for one run, recorded with the
/// reason (docs/policy.md, "Break glass").
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("override"),
        help: ArgumentHelp(
            "Let this broken rule of fleetform.yaml pass for this run: its code (FF643) or name (freeze); "
                + "repeatable. Needs --reason. A rule the environment locks cannot be overridden.",
            valueName: "code"))
    var overrides: [String] = []

    @Option(
        help: ArgumentHelp(
            "Why the overridden rules may pass; recorded in the journal and the report.", valueName: "text"))
    var reason: String?

    func validate() throws {
        for text in overrides where RuleName(codeOrKey: text) == nil {
            throw ValidationError(
                "--override '\(text)' names no rule; rules: "
                    + RuleName.allCases.map { "\($0.code) (\($0.rawValue))" }.joined(separator: ", "))
        }
        if !overrides.isEmpty {
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--override needs --reason TEXT: say why the rule may pass this once")
            }
            guard reason.count <= 1000 else { throw ValidationError("--reason is at most 1000 characters") }
        } else if reason != nil {
            throw ValidationError("--reason goes with --override")
        }
    }

    /// The overrides, each rule once.
    var rules: [RuleOverride] {
        var seen: Set<RuleName> = []
        return overrides.compactMap(RuleName.init(codeOrKey:)).filter { seen.insert($0).inserted }.map {
            RuleOverride(rule: $0, reason: reason ?? "")
        }
    }

    /// The run's policy over `settings`; `nil` without settings (then an override has nothing to pass).
    func policy(_ settings: RepositorySettings?, console: Console) throws -> RunPolicy? {
        guard let settings else {
            if !overrides.isEmpty {
                throw console.fail("--override: there is no fleetform.yaml, so there are no rules to let pass")
            }
            return nil
        }
        return RunPolicy(settings: settings, overrides: rules)
    }
}
