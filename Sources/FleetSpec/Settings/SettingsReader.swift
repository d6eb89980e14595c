import Foundation
import GameLiftAPI
import Yams

/// Reads `fleetform.yaml` (docs/policy.md) into `RepositorySettings`: every problem located and reported in one
/// run, with the fleet files' codes for the file's structure (FF1xx: unknown keys with suggestions, wrong types,
/// missing keys) and FF60x for what only settings have (globs, windows, freezes, names, accounts).
struct SettingsReader {
    static let topKeys = ["environments"]
    static let environmentKeys = [
        "name", "match", "account", "profile", "role_arn", "external_id", "role_session_name", "duration_seconds",
        "region", "rules", "locked",
    ]
    static let ruleKeys = RuleName.allCases.map(\.rawValue)
    /// Most environments and globs per environment: far past any studio's, and cheap to check.
    static let maxEnvironments = 256
    static let maxListEntries = 256

    private var nodes: YAMLNodeReader
    var diagnostics: [Diagnostic] { nodes.diagnostics }
    private var extra: [Diagnostic] = []
    /// Windows and freezes read so far: past `maxZoneSuggestions`, an unknown zone's error suggests none, so a file
    /// of thousands of bad zones stays cheap to reject.
    private var schedulesRead = 0
    static let maxZoneSuggestions = 32

    init(path: String, lineOffset: Int = 0) {
        nodes = YAMLNodeReader(path: path, lineOffset: lineOffset)
    }

    /// Every problem found, the structural ones and the settings' own.
    var problems: [Diagnostic] { nodes.diagnostics + extra }

    mutating func read(_ root: Node) -> [Environment] {
        guard let top = nodes.mapping(root, named: "the settings file", allowed: Self.topKeys) else { return [] }
        guard let list = top["environments"] else {
            _ = nodes.required("environments", in: top, of: root)
            return []
        }
        guard case .sequence(let entries) = list else {
            nodes.wrongType(list, key: "environments", expected: .list)
            return []
        }
        if entries.count > Self.maxEnvironments {
            report(.settingsValue, "\(entries.count) environments; at most \(Self.maxEnvironments) are read", at: list)
            return []
        }
        var environments: [Environment] = []
        var names: [String: SourceLocation] = [:]
        for entry in entries {
            guard let environment = environment(entry) else { continue }
            if let first = names[environment.name] {
                report(
                    .duplicateEnvironment,
                    "environment '\(environment.name)' is defined twice (first at line \(first.line))",
                    hint: "give each environment its own name", at: entry)
                continue
            }
            names[environment.name] = environment.location
            environments.append(environment)
        }
        return environments
    }

    private mutating func environment(_ entry: Node) -> Environment? {
        guard let fields = nodes.mapping(entry, named: "an environment", allowed: Self.environmentKeys) else {
            return nil
        }
        guard let name = nodes.requiredString("name", in: fields, of: entry) else { return nil }
        var environment = Environment(name: name.value, location: name.location)
        if name.value.isEmpty || name.value.count > 64
            || !name.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        {
            report(
                .settingsValue,
                "environment name '\(YAMLNodeReader.excerpt(name.value))' is not 1 to 64 letters, "
                    + "digits, '-', '_' or '.'", at: name.location)
        }
        if let match = nodes.required("match", in: fields, of: entry) {
            for pattern in strings(match, key: "match") {
                do {
                    environment.match.append(MatchGlob(glob: try Glob(pattern.value), location: pattern.location))
                } catch {
                    var at = pattern.location
                    if let offset = error.offset, offset >= 0, offset < 10_000 { at.column += offset }
                    extra.append(
                        Diagnostic(
                            .error, .settingsGlob,
                            "match '\(YAMLNodeReader.excerpt(pattern.value))': \(error.message)", hint: error.hint,
                            at: at))
                }
            }
        }
        if let account = fields["account"].flatMap({ nodes.string($0, key: "account") }) {
            if isAccountId(account.value) {
                environment.account = account.value
                environment.accountLocation = account.location
            } else {
                report(
                    .settingsValue,
                    "account '\(YAMLNodeReader.excerpt(account.value))' is not a 12-digit AWS account id",
                    hint: "quote it so YAML keeps its leading zeros: account: \"012345678901\"", at: account.location)
            }
        }
        environment.credentials = credentials(fields, entry: entry, account: environment.account)
        if let region = fields["region"].flatMap({ nodes.string($0, key: "region") }) {
            if GameLiftLimits.isRegionShaped(region.value) {
                environment.region = region.value
            } else {
                report(
                    .settingsValue, "region '\(YAMLNodeReader.excerpt(region.value))' is not an AWS region name",
                    hint: "e.g. us-west-2", at: region.location)
            }
        }
        if let rules = fields["rules"] { environment.rules = self.rules(rules) }
        if let locked = fields["locked"] {
            for key in strings(locked, key: "locked") {
                guard let rule = RuleName(rawValue: key.value) else {
                    let hint = KeySuggestion.closest(to: key.value, among: Self.ruleKeys).map {
                        "did you mean '\($0)'?"
                    }
                    extra.append(
                        Diagnostic(
                            .error, .unknownKey,
                            "locked names '\(YAMLNodeReader.excerpt(key.value))', which is not a rule",
                            hint: hint ?? "rules: \(Self.ruleKeys.joined(separator: ", "))", at: key.location))
                    continue
                }
                environment.locked[rule] = key.location
            }
        }
        return environment
    }

    private mutating func credentials(_ fields: [String: Node], entry: Node, account: String?) -> EnvironmentCredentials
    {
        let profile = fields["profile"].flatMap { nodes.string($0, key: "profile") }
        let roleARN = fields["role_arn"].flatMap { nodes.string($0, key: "role_arn") }
        let externalID = fields["external_id"].flatMap { nodes.string($0, key: "external_id") }
        let sessionName = fields["role_session_name"].flatMap { nodes.string($0, key: "role_session_name") }
        let duration = fields["duration_seconds"].flatMap {
            bounded($0, key: "duration_seconds", AssumedRole.durationRange, allowedBy: "STS")
        }
        if let profile, let roleARN {
            extra.append(
                Diagnostic(
                    .error, .settingsValue, "an environment gives both profile and role_arn",
                    hint: "keep one: a profile can itself assume a role (role_arn in ~/.aws/config)",
                    at: roleARN.location))
            _ = profile
            return .runDefault
        }
        if let profile {
            for (key, value) in [("external_id", externalID), ("role_session_name", sessionName)] where value != nil {
                report(
                    .settingsValue, "\(key) goes with role_arn, not profile", at: value?.location ?? profile.location)
            }
            return .profile(profile.value)
        }
        guard let roleARN else {
            for (key, value) in [
                ("external_id", externalID?.location), ("role_session_name", sessionName?.location),
                ("duration_seconds", duration?.location),
            ] {
                if let value { report(.settingsValue, "\(key) goes with role_arn, which is missing", at: value) }
            }
            return .runDefault
        }
        let role = AssumedRole(
            roleARN: roleARN.value, externalID: externalID?.value, sessionName: sessionName?.value,
            durationSeconds: duration?.value)
        let fieldsOfARN = roleARN.value.split(separator: ":", omittingEmptySubsequences: false)
        guard fieldsOfARN.count == 6, fieldsOfARN[0] == "arn", fieldsOfARN[2] == "iam", let roleAccount = role.account,
            isAccountId(roleAccount), fieldsOfARN[5].hasPrefix("role/"), roleARN.value.count <= 2048
        else {
            report(
                .settingsValue, "role_arn '\(YAMLNodeReader.excerpt(roleARN.value))' is not an IAM role ARN",
                hint: "arn:aws:iam::111122223333:role/NAME", at: roleARN.location)
            return .runDefault
        }
        if let account, roleAccount != account {
            report(
                .settingsValue, "role_arn is in account \(roleAccount), but the environment's account is \(account)",
                hint: "assume a role in the environment's account", at: roleARN.location)
        }
        if let sessionName, !Self.isSessionName(sessionName.value) {
            report(
                .settingsValue, "role_session_name must be 2 to 64 of letters, digits and =,.@-_",
                at: sessionName.location)
        }
        return .role(role)
    }

    private mutating func rules(_ node: Node) -> EnvironmentRules {
        var rules = EnvironmentRules()
        guard let fields = nodes.mapping(node, named: "rules", allowed: Self.ruleKeys) else { return rules }
        let executions = GameLiftLimits.concurrentExecutionsMinimum...GameLiftLimits.processesPerInstance
        let slots = 0...Int(Int32.max)
        for (key, value) in fields {
            guard let rule = RuleName(rawValue: key) else { continue }
            let at = nodes.location(of: value)
            switch rule {
            case .launchPathPrefixes:
                let prefixes = strings(value, key: key).map(\.value)
                if prefixes.contains(where: \.isEmpty) {
                    report(.settingsValue, "a launch path prefix is empty, which every path starts with", at: value)
                }
                rules.launchPathPrefixes = prefixes
            case .minConcurrentExecutions:
                rules.minConcurrentExecutions = bounded(value, key: key, executions, allowedBy: "GameLift")?.value
            case .maxConcurrentExecutions:
                rules.maxConcurrentExecutions = bounded(value, key: key, executions, allowedBy: "GameLift")?.value
            case .minActivationTimeoutSeconds:
                rules.minActivationTimeoutSeconds =
                    bounded(value, key: key, GameLiftLimits.gameSessionActivationTimeoutSeconds, allowedBy: "GameLift")?
                    .value
            case .minSlotsPerLocation:
                rules.minSlotsPerLocation = bounded(value, key: key, slots, allowedBy: "fleetform")?.value
            case .minSlots:
                rules.minSlots = bounded(value, key: key, slots, allowedBy: "fleetform")?.value
            case .minProcessMemory:
                guard let text = scalar(value, key: key) else { continue }
                guard let size = MemorySize(parsing: text) else {
                    report(
                        .settingsValue, "minProcessMemory '\(YAMLNodeReader.excerpt(text))' is not an amount of memory",
                        hint: "e.g. 512MiB or 1GiB", at: value)
                    continue
                }
                rules.minProcessMemory = size
            case .maxProcessesPerVCPU:
                rules.maxProcessesPerVCPU =
                    bounded(value, key: key, 1...GameLiftLimits.processesPerInstance, allowedBy: "GameLift")?.value
            case .requireWatch:
                guard let text = scalar(value, key: key) else { continue }
                guard let seconds = DurationText.seconds(text), seconds > 0 else {
                    report(
                        .settingsValue, "requireWatch '\(YAMLNodeReader.excerpt(text))' is not a positive duration",
                        hint: "e.g. 10m or 1h", at: value)
                    continue
                }
                rules.requireWatchSeconds = seconds
            case .requireWaves:
                guard YAMLKind(of: value) == .boolean, let text = value.scalarText else {
                    nodes.wrongType(value, key: key, expected: .boolean)
                    continue
                }
                rules.requireWaves = ["true", "True", "TRUE"].contains(text)
            case .window:
                for text in strings(value, key: key) {
                    do {
                        schedulesRead += 1
                        rules.windows.append(
                            try ChangeWindow(text.value, suggestingZones: schedulesRead <= Self.maxZoneSuggestions))
                    } catch {
                        extra.append(
                            Diagnostic(
                                .error, .settingsWindow,
                                "window '\(YAMLNodeReader.excerpt(text.value))': \(error.message)",
                                hint: error.hint ?? "e.g. \"Tue-Thu 09:00-17:00 Europe/Berlin\"", at: text.location))
                    }
                }
            case .freeze:
                for text in strings(value, key: key) {
                    do {
                        schedulesRead += 1
                        rules.freezes.append(
                            try FreezePeriod(text.value, suggestingZones: schedulesRead <= Self.maxZoneSuggestions))
                    } catch {
                        extra.append(
                            Diagnostic(
                                .error, .settingsFreeze,
                                "freeze '\(YAMLNodeReader.excerpt(text.value))': \(error.message)",
                                hint: error.hint ?? "e.g. \"2026-12-20..2027-01-05\"", at: text.location))
                    }
                }
            }
            rules.locations[rule] = at
        }
        if let least = rules.minConcurrentExecutions, let most = rules.maxConcurrentExecutions, least > most {
            extra.append(
                Diagnostic(
                    .error, .settingsValue,
                    "minConcurrentExecutions (\(least)) is above maxConcurrentExecutions (\(most)): no fleet can pass",
                    at: rules.locations[.minConcurrentExecutions]))
        }
        return rules
    }

    /// An integer within `range`; outside it, an error (FF606) naming the range, and no value.
    private mutating func bounded(_ node: Node, key: String, _ range: ClosedRange<Int>, allowedBy owner: String)
        -> Located<Int>?
    {
        guard let value = nodes.integer(node, key: key, range: range, allowedBy: owner) else { return nil }
        guard range.contains(value.value) else {
            extra.append(
                Diagnostic(
                    .error, .settingsValue,
                    "\(key) is \(value.value); \(owner) allows \(FleetRules.describe(range))", at: value.location))
            return nil
        }
        return value
    }

    /// A string, or a list of strings (each located).
    private mutating func strings(_ node: Node, key: String) -> [Located<String>] {
        if case .sequence(let items) = node {
            guard items.count <= Self.maxListEntries else {
                report(
                    .settingsValue, "\(key) has \(items.count) entries; at most \(Self.maxListEntries) are read",
                    at: node)
                return []
            }
            if items.isEmpty { report(.settingsValue, "\(key) is an empty list", at: node) }
            return items.compactMap { nodes.string($0, key: key) }
        }
        return nodes.string(node, key: key).map { [$0] } ?? []
    }

    /// A scalar's text whatever YAML would type it as (`1GiB`, `10m`), or a wrong-type error.
    private mutating func scalar(_ node: Node, key: String) -> String? {
        guard let text = node.scalarText, YAMLKind(of: node) != .null else {
            nodes.wrongType(node, key: key, expected: .string)
            return nil
        }
        return text
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, hint: String? = nil, at node: Node) {
        extra.append(Diagnostic(.error, code, message, hint: hint, at: nodes.location(of: node)))
    }

    private mutating func report(
        _ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation
    ) {
        extra.append(Diagnostic(.error, code, message, hint: hint, at: location))
    }

    private func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func isSessionName(_ text: String) -> Bool {
        (2...64).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "=,.@-_".contains($0)) }
    }
}
