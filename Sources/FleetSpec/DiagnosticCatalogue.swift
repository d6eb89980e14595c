// The stable diagnostic codes. FF1xx: files, YAML and structure; FF2xx: FleetId, Region and ComputeType;
// FF3xx: server processes; FF4xx: game session activation; FF5xx: a plan's impact on players and hardware
// (warnings about the live fleet a change meets); FF6xx: the settings file, fleetform.yaml (FF60x: the file
// itself; FF62x–FF64x: a broken rule of an environment). A code never changes meaning once published.
extension DiagnosticCode {
    public static let fileTooLarge: DiagnosticCode = "FF100"
    public static let nodeBudgetExceeded: DiagnosticCode = "FF101"
    public static let yamlSyntax: DiagnosticCode = "FF102"
    public static let unknownKey: DiagnosticCode = "FF103"
    public static let wrongType: DiagnosticCode = "FF104"
    public static let duplicateKey: DiagnosticCode = "FF105"
    public static let missingKey: DiagnosticCode = "FF106"
    public static let duplicateFleet: DiagnosticCode = "FF107"
    public static let noRegion: DiagnosticCode = "FF108"
    public static let noFleets: DiagnosticCode = "FF109"
    public static let unreadableFile: DiagnosticCode = "FF110"
    public static let integerOutOfRange: DiagnosticCode = "FF111"
    public static let unsupportedFormatVersion: DiagnosticCode = "FF112"
    public static let inconsistentPlan: DiagnosticCode = "FF113"

    public static let fleetIdFormat: DiagnosticCode = "FF201"
    public static let fleetIdLength: DiagnosticCode = "FF202"
    public static let arnRegionMismatch: DiagnosticCode = "FF203"
    public static let regionFormat: DiagnosticCode = "FF204"
    public static let computeTypeValue: DiagnosticCode = "FF205"
    public static let computeTypeMismatch: DiagnosticCode = "FF206"
    public static let containerFleet: DiagnosticCode = "FF207"

    public static let serverProcessCount: DiagnosticCode = "FF301"
    public static let duplicateServerProcess: DiagnosticCode = "FF302"
    public static let concurrentExecutionsMinimum: DiagnosticCode = "FF303"
    public static let processesPerInstance: DiagnosticCode = "FF304"
    public static let launchPathLength: DiagnosticCode = "FF305"
    public static let launchPathCharacters: DiagnosticCode = "FF306"
    public static let launchPathRoot: DiagnosticCode = "FF307"
    public static let launchPathSetupScript: DiagnosticCode = "FF308"
    public static let launchPathMixedSystems: DiagnosticCode = "FF309"
    public static let launchPathOperatingSystem: DiagnosticCode = "FF310"
    public static let launchPathNotInBuild: DiagnosticCode = "FF311"
    public static let parametersLength: DiagnosticCode = "FF312"
    public static let parametersCharacters: DiagnosticCode = "FF313"

    public static let activationTimeoutRange: DiagnosticCode = "FF401"
    public static let activationLimitRange: DiagnosticCode = "FF402"
    public static let activationLimitUnreachable: DiagnosticCode = "FF403"

    public static let capacityBelowGameSessions: DiagnosticCode = "FF501"
    public static let processMemoryBelowMinimum: DiagnosticCode = "FF502"
    public static let processesAboveVCPUs: DiagnosticCode = "FF503"

    public static let settingsGlob: DiagnosticCode = "FF601"
    public static let environmentsOverlap: DiagnosticCode = "FF602"
    public static let settingsWindow: DiagnosticCode = "FF603"
    public static let settingsFreeze: DiagnosticCode = "FF604"
    public static let duplicateEnvironment: DiagnosticCode = "FF605"
    public static let settingsValue: DiagnosticCode = "FF606"
    public static let fleetOutsideEnvironments: DiagnosticCode = "FF607"
    public static let settingsFilesDisagree: DiagnosticCode = "FF608"
    public static let fleetAccountMismatch: DiagnosticCode = "FF609"

    public static let ruleLaunchPathPrefixes: DiagnosticCode = "FF620"
    public static let ruleMinConcurrentExecutions: DiagnosticCode = "FF621"
    public static let ruleMaxConcurrentExecutions: DiagnosticCode = "FF622"
    public static let ruleMinActivationTimeout: DiagnosticCode = "FF623"
    public static let ruleMinSlotsPerLocation: DiagnosticCode = "FF630"
    public static let ruleMinSlots: DiagnosticCode = "FF631"
    public static let ruleMinProcessMemory: DiagnosticCode = "FF632"
    public static let ruleMaxProcessesPerVCPU: DiagnosticCode = "FF633"
    public static let ruleRequireWatch: DiagnosticCode = "FF640"
    public static let ruleRequireWaves: DiagnosticCode = "FF641"
    public static let ruleWindow: DiagnosticCode = "FF642"
    public static let ruleFreeze: DiagnosticCode = "FF643"
}

/// One entry of the catalogue of diagnostic codes: what the docs list for each code.
public struct DiagnosticCodeEntry: Sendable {
    public var code: DiagnosticCode
    public var severity: Diagnostic.Severity
    /// The title's words; where it names an option, the words before the option's name.
    private var words: String
    /// The option the title names, and the words after its name.
    private var option: (name: RunOption, then: String)?

    init(code: DiagnosticCode, severity: Diagnostic.Severity, title: String) {
        self.code = code
        self.severity = severity
        self.words = title
    }

    /// A title that names an option: `before`, the option's name, then `after`.
    init(
        code: DiagnosticCode, severity: Diagnostic.Severity, title before: String, _ option: RunOption, _ after: String
    ) {
        self.init(code: code, severity: severity, title: before)
        self.option = (option, after)
    }

    /// The one-line title, naming options as `names` does.
    public func title(_ names: RunOptionNames) -> String {
        guard let option else { return words }
        return words + names[option.name] + option.then
    }
}

/// Every diagnostic code fleetform can raise, with its default severity and a one-line title.
public enum DiagnosticCatalogue {
    /// All entries, in code order.
    public static let entries: [DiagnosticCodeEntry] = [
        .init(code: .fileTooLarge, severity: .error, title: "File is larger than the per-file size cap"),
        .init(code: .nodeBudgetExceeded, severity: .error, title: "YAML expands to more nodes than the node budget"),
        .init(code: .yamlSyntax, severity: .error, title: "YAML syntax error"),
        .init(code: .unknownKey, severity: .error, title: "Unknown key"),
        .init(code: .wrongType, severity: .error, title: "Value has the wrong type"),
        .init(code: .duplicateKey, severity: .error, title: "Key appears twice in one mapping"),
        .init(code: .missingKey, severity: .error, title: "Required key is missing"),
        .init(code: .duplicateFleet, severity: .error, title: "Fleet is declared more than once"),
        .init(code: .noRegion, severity: .error, title: "Fleet has no region"),
        .init(code: .noFleets, severity: .warning, title: "File declares no fleets"),
        .init(code: .unreadableFile, severity: .error, title: "File or directory cannot be read"),
        .init(code: .integerOutOfRange, severity: .error, title: "Integer does not fit in 64 bits"),
        .init(
            code: .unsupportedFormatVersion, severity: .error,
            title: "Saved plan has a format version this fleetform does not read"),
        .init(
            code: .inconsistentPlan, severity: .error,
            title: "Saved plan or journal entry contradicts itself (fleet, request, fingerprint)"),
        .init(code: .fleetIdFormat, severity: .error, title: "FleetId is neither a fleet id nor a fleet ARN"),
        .init(code: .fleetIdLength, severity: .error, title: "FleetId is too long"),
        .init(code: .arnRegionMismatch, severity: .error, title: "Fleet ARN's region disagrees with Region"),
        .init(code: .regionFormat, severity: .error, title: "Region is not an AWS region name"),
        .init(code: .computeTypeValue, severity: .error, title: "ComputeType is neither EC2 nor ANYWHERE"),
        .init(code: .computeTypeMismatch, severity: .error, title: "ComputeType disagrees with the live fleet"),
        .init(
            code: .containerFleet, severity: .error,
            title: "Fleet is a container fleet, which has no runtime configuration"),
        .init(code: .serverProcessCount, severity: .error, title: "Too few or too many server processes"),
        .init(
            code: .duplicateServerProcess, severity: .error,
            title: "Two server processes share LaunchPath and Parameters"),
        .init(code: .concurrentExecutionsMinimum, severity: .error, title: "ConcurrentExecutions is below the minimum"),
        .init(
            code: .processesPerInstance, severity: .error,
            title: "Total ConcurrentExecutions exceeds the per-instance limit"),
        .init(code: .launchPathLength, severity: .error, title: "LaunchPath is empty or too long"),
        .init(
            code: .launchPathCharacters, severity: .error, title: "LaunchPath has characters GameLift does not allow"),
        .init(code: .launchPathRoot, severity: .error, title: "LaunchPath is outside the game install folder"),
        .init(
            code: .launchPathSetupScript, severity: .warning,
            title: "LaunchPath is a setup script, not the server executable"),
        .init(code: .launchPathMixedSystems, severity: .error, title: "Fleet mixes Linux and Windows launch paths"),
        .init(
            code: .launchPathOperatingSystem, severity: .error,
            title: "LaunchPath does not match the fleet's operating system"),
        .init(code: .launchPathNotInBuild, severity: .error, title: "LaunchPath is not a file of the fleet's build"),
        .init(code: .parametersLength, severity: .error, title: "Parameters is empty or too long"),
        .init(
            code: .parametersCharacters, severity: .error, title: "Parameters has characters GameLift does not allow"),
        .init(
            code: .activationTimeoutRange, severity: .error,
            title: "GameSessionActivationTimeoutSeconds is out of range"),
        .init(
            code: .activationLimitRange, severity: .error, title: "MaxConcurrentGameSessionActivations is out of range"
        ),
        .init(
            code: .activationLimitUnreachable, severity: .warning,
            title: "MaxConcurrentGameSessionActivations exceeds the process count and can never bind"),
        .init(
            code: .capacityBelowGameSessions, severity: .warning,
            title: "Change leaves fewer game-session slots than game sessions running now"),
        .init(
            code: .processMemoryBelowMinimum, severity: .warning,
            title: "Change leaves each server process less memory than ", .minProcessMemory, ""),
        .init(
            code: .processesAboveVCPUs, severity: .warning,
            title: "Change runs more server processes per instance than ", .maxProcessesPerVCPU, " allows"),
        .init(code: .settingsGlob, severity: .error, title: "Settings file: a match glob is malformed"),
        .init(code: .environmentsOverlap, severity: .error, title: "Two environments match the same fleet file"),
        .init(
            code: .settingsWindow, severity: .error,
            title: "Settings file: a change window is malformed or names an unknown time zone"),
        .init(
            code: .settingsFreeze, severity: .error,
            title: "Settings file: a freeze is malformed or ends before it starts"),
        .init(code: .duplicateEnvironment, severity: .error, title: "Settings file: two environments share a name"),
        .init(
            code: .settingsValue, severity: .error,
            title: "Settings file: a value is out of range or contradicts another"),
        .init(code: .fleetOutsideEnvironments, severity: .warning, title: "Fleet file is in no environment"),
        .init(
            code: .settingsFilesDisagree, severity: .error,
            title: "Fleet paths lie under different settings files"),
        .init(
            code: .fleetAccountMismatch, severity: .error, title: "Fleet ARN names another account than its environment"
        ),
        .init(
            code: .ruleLaunchPathPrefixes, severity: .warning, title: "Rule: LaunchPath outside the allowed prefixes"),
        .init(
            code: .ruleMinConcurrentExecutions, severity: .warning,
            title: "Rule: ConcurrentExecutions below the least allowed"),
        .init(
            code: .ruleMaxConcurrentExecutions, severity: .warning,
            title: "Rule: ConcurrentExecutions above the most allowed"),
        .init(
            code: .ruleMinActivationTimeout, severity: .warning,
            title: "Rule: activation timeout below the least allowed"),
        .init(
            code: .ruleMinSlotsPerLocation, severity: .warning,
            title: "Rule: change leaves a location too few game-session slots"),
        .init(
            code: .ruleMinSlots, severity: .warning, title: "Rule: change leaves the fleet too few game-session slots"),
        .init(
            code: .ruleMinProcessMemory, severity: .warning,
            title: "Rule: change leaves each server process too little memory"),
        .init(
            code: .ruleMaxProcessesPerVCPU, severity: .warning,
            title: "Rule: change runs too many server processes per vCPU"),
        .init(code: .ruleRequireWatch, severity: .warning, title: "Rule: apply does not watch long enough"),
        .init(code: .ruleRequireWaves, severity: .warning, title: "Rule: apply does not roll out in waves"),
        .init(code: .ruleWindow, severity: .warning, title: "Rule: apply outside every change window"),
        .init(code: .ruleFreeze, severity: .warning, title: "Rule: apply inside a freeze"),
    ]

    /// The entry for `code`, if it is a published code.
    public static func entry(for code: DiagnosticCode) -> DiagnosticCodeEntry? {
        entries.first { $0.code == code }
    }
}
