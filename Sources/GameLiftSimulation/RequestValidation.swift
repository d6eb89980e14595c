import Foundation
import GameLiftAPI

/// How a fleet was named in a request: by id or by ARN (whose region and account must match the fleet's).
struct FleetReference: Hashable {
    var fleetId: String
    var arnRegion: String?
    var arnAccount: String?

    /// Splits `arn:aws:gamelift:<region>:<account>:fleet/<id>`; an id passes through.
    init(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if text.hasPrefix("arn:"), parts.count == 6, let slash = parts[5].firstIndex(of: "/") {
            fleetId = String(parts[5][parts[5].index(after: slash)...])
            arnRegion = String(parts[3])
            arnAccount = String(parts[4])
        } else {
            fleetId = text
        }
    }
}

/// GameLift's server-side request validation, with its messages: first the service model's constraints
/// (lengths, patterns, ranges; reported together, as AWS does), then its semantic rules. Numbers come from
/// `GameLiftLimits` only.
enum RequestValidation {
    // Regex is not marked Sendable, but these are never mutated and its lazily compiled program is built
    // with an atomic exchange, so sharing them between threads is safe.
    nonisolated(unsafe) static let fleetIdRegex = compile(GameLiftLimits.fleetIdPattern)
    nonisolated(unsafe) static let fleetArnRegex = compile(GameLiftLimits.fleetArnPattern)
    nonisolated(unsafe) static let launchPathRegex = compile("^[\(GameLiftLimits.launchPathCharacters)]+$")
    nonisolated(unsafe) static let parametersRegex = compile("^[\(GameLiftLimits.parametersCharacters)]+$")

    /// A pattern from the limits table. Should one ever fail to compile, nothing matches, so every request
    /// is rejected loudly rather than accepted unchecked.
    private static func compile(_ pattern: String) -> Regex<AnyRegexOutput> {
        (try? Regex(pattern)) ?? Regex(/(?!)/)
    }

    /// The whole message for a list of constraint violations, as AWS words it.
    static func message(_ violations: [String]) -> String {
        let noun = violations.count == 1 ? "error" : "errors"
        return "\(violations.count) validation \(noun) detected: " + violations.joined(separator: "; ")
    }

    static func violation(_ value: String, at member: String, _ constraint: String) -> String {
        "Value '\(value)' at '\(member)' failed to satisfy constraint: Member must \(constraint)"
    }

    static func fleetIdOrArn(_ value: String, member: String) -> [String] {
        let length = GameLiftLimits.fleetIdOrArnLength
        if value.count < length.lowerBound {
            return [violation(value, at: member, "have length greater than or equal to \(length.lowerBound)")]
        }
        if value.count > length.upperBound {
            return [violation(value, at: member, "have length less than or equal to \(length.upperBound)")]
        }
        if value.wholeMatch(of: fleetIdRegex) == nil && value.wholeMatch(of: fleetArnRegex) == nil {
            let pattern = "\(GameLiftLimits.fleetIdPattern)|\(GameLiftLimits.fleetArnPattern)"
            return [violation(value, at: member, "satisfy regular expression pattern: \(pattern)")]
        }
        return []
    }

    static func limit(_ value: Int?, member: String = "limit") -> [String] {
        range(value, 1...GameLiftLimits.wireInteger.upperBound, at: member)
    }

    static func nextToken(_ value: String?, member: String = "nextToken") -> [String] {
        guard let value else { return [] }
        let length = GameLiftLimits.nextTokenLength
        if value.count < length.lowerBound {
            return [violation(value, at: member, "have length greater than or equal to \(length.lowerBound)")]
        }
        if value.count > length.upperBound {
            return [violation(value, at: member, "have length less than or equal to \(length.upperBound)")]
        }
        return []
    }

    /// `Locations` of DescribeFleetLocationAttributes: 1–100 names of 1–64 characters.
    static func locations(_ values: [String], member: String = "locations") -> [String] {
        let count = GameLiftLimits.locationsPerRequest
        var found: [String] = []
        if values.count < count.lowerBound {
            found.append(violation("[]", at: member, "have length greater than or equal to \(count.lowerBound)"))
        } else if values.count > count.upperBound {
            found.append(
                violation(
                    "[\(values.count) items]", at: member, "have length less than or equal to \(count.upperBound)"))
        }
        let length = GameLiftLimits.locationLength
        for (offset, value) in values.enumerated() where !length.contains(value.count) {
            found.append(
                violation(
                    value, at: "\(member).\(offset + 1).member",
                    "have length between \(length.lowerBound) and \(length.upperBound)"))
        }
        return found
    }

    /// The service model's constraints on a `RuntimeConfiguration`.
    static func shape(of configuration: RuntimeConfiguration) -> [String] {
        var found: [String] = []
        let root = "runtimeConfiguration"
        let processes = configuration.serverProcesses ?? []
        let count = GameLiftLimits.serverProcessCount
        if processes.count < count.lowerBound {
            found.append(
                violation(
                    "[]", at: "\(root).serverProcesses", "have length greater than or equal to \(count.lowerBound)"))
        } else if processes.count > count.upperBound {
            found.append(
                violation(
                    "[\(processes.count) items]", at: "\(root).serverProcesses",
                    "have length less than or equal to \(count.upperBound)"))
        }
        for (offset, process) in processes.enumerated() {
            let member = "\(root).serverProcesses.\(offset + 1).member"
            found += string(
                process.launchPath, at: "\(member).launchPath", length: GameLiftLimits.launchPathLength,
                regex: launchPathRegex, pattern: "[\(GameLiftLimits.launchPathCharacters)]+")
            if let parameters = process.parameters {
                found += string(
                    parameters, at: "\(member).parameters", length: GameLiftLimits.parametersLength,
                    regex: parametersRegex, pattern: "[\(GameLiftLimits.parametersCharacters)]+")
            }
            // PositiveInteger: at least the minimum, and a 32-bit integer like every integer of the model.
            found += range(
                process.concurrentExecutions,
                GameLiftLimits.concurrentExecutionsMinimum...GameLiftLimits.wireInteger.upperBound,
                at: "\(member).concurrentExecutions")
        }
        found += range(
            configuration.maxConcurrentGameSessionActivations, GameLiftLimits.maxConcurrentGameSessionActivations,
            at: "\(root).maxConcurrentGameSessionActivations")
        found += range(
            configuration.gameSessionActivationTimeoutSeconds, GameLiftLimits.gameSessionActivationTimeoutSeconds,
            at: "\(root).gameSessionActivationTimeoutSeconds")
        return found
    }

    /// GameLift's rules beyond the model: the per-instance process limit and, on EC2 fleets, the install root
    /// of the OS (Anywhere fleets run paths on the studio's own hardware).
    static func semantics(
        of configuration: RuntimeConfiguration, operatingSystem: OperatingSystem, computeType: ComputeType = .ec2
    ) -> String? {
        // Saturating: the shape check bounds each value, but this rule must not trap whatever it is given.
        let total = configuration.totalConcurrentExecutions
        if total > GameLiftLimits.processesPerInstance {
            let launches = total == Int.max ? "more than \(Int.max - 1)" : String(total)
            return "The runtime configuration launches \(launches) concurrent server processes per instance; "
                + "the total of ConcurrentExecutions must not exceed \(GameLiftLimits.processesPerInstance)."
        }
        for process in configuration.serverProcesses ?? []
        where computeType.hasInstallRoot
            && BuildLayout.relativePath(of: process.launchPath, on: operatingSystem) == nil
        {
            let root = BuildLayout.root(of: operatingSystem)
            return "Invalid launch path '\(process.launchPath)': on a fleet with operating system "
                + "\(operatingSystem) a server process launch path must begin with \(root)."
        }
        return nil
    }

    private static func string(
        _ value: String, at member: String, length: ClosedRange<Int>, regex: Regex<AnyRegexOutput>, pattern: String
    ) -> [String] {
        if value.count < length.lowerBound {
            return [violation(value, at: member, "have length greater than or equal to \(length.lowerBound)")]
        }
        if value.count > length.upperBound {
            return [violation(value, at: member, "have length less than or equal to \(length.upperBound)")]
        }
        if value.wholeMatch(of: regex) == nil {
            return [violation(value, at: member, "satisfy regular expression pattern: \(pattern)")]
        }
        return []
    }

    private static func range(_ value: Int?, _ range: ClosedRange<Int>, at member: String) -> [String] {
        guard let value else { return [] }
        if value < range.lowerBound {
            return [violation(String(value), at: member, "have value greater than or equal to \(range.lowerBound)")]
        }
        if value > range.upperBound {
            return [violation(String(value), at: member, "have value less than or equal to \(range.upperBound)")]
        }
        return []
    }
}

/// Where a fleet's build is installed, and how a launch path maps to a file of the build.
enum BuildLayout {
    static func root(of os: OperatingSystem) -> String {
        os.isWindows ? GameLiftLimits.windowsLaunchPathRoot : GameLiftLimits.linuxLaunchPathRoot
    }

    /// The launch path relative to the install root with `/` separators, or nil when it lies outside the root
    /// of `os`. The root rule is `LaunchPathRoot`'s, the validator's own; below the root, Windows paths compare
    /// case-insensitively, as the file system does.
    static func relativePath(of launchPath: String, on os: OperatingSystem) -> String? {
        guard let style = LaunchPathRoot.style(of: launchPath), (style == .windows) == os.isWindows,
            let relative = LaunchPathRoot.relativePath(of: launchPath)
        else { return nil }
        return os.isWindows ? relative.replacingOccurrences(of: "\\", with: "/").lowercased() : relative
    }

    /// Whether the build contains the launch path's file; unknown file lists accept every path.
    static func contains(_ launchPath: String, fleet: SimulatedFleet) -> Bool {
        // Anywhere fleets run files on the studio's hardware, which the simulation cannot see.
        guard fleet.effectiveComputeType.hasInstallRoot, let files = fleet.buildFiles else { return true }
        guard let relative = relativePath(of: launchPath, on: fleet.operatingSystem) else { return false }
        let normalized = files.map { file -> String in
            let path = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
            return fleet.operatingSystem.isWindows
                ? path.replacingOccurrences(of: "\\", with: "/").lowercased() : path
        }
        return normalized.contains(relative)
    }
}
