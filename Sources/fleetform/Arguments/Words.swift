import FleetSpec
import FleetformCore
import GameLiftAWS

/// Every sentence of the command line that names a flag, and the flags' names for the libraries' messages.
/// The libraries refer to options by `RunOption` and throw typed errors; only this file spells them.
enum Words {
    /// The command line's name for each option the libraries refer to.
    static let names = RunOptionNames { option in
        switch option {
        case .region: "--region"
        case .maxFileBytes: "--max-file-bytes"
        case .minProcessMemory: "--min-process-memory"
        case .maxProcessesPerVCPU: "--max-processes-per-vcpu"
        case .autoApprove: "--auto-approve"
        case .failFast: "--fail-fast"
        case .force: "--force"
        case .rollbackOnFailure: "--rollback-on-failure"
        case .target: "--target"
        case .planOut: "`--out`"
        case .savePlanThenApplyIt: "save a plan with `plan --out` and `apply --plan` it"
        case .rollOutSavedPlan: "`apply --plan … --bake DURATION`"
        case .rollOutSavedPlanBriefly: "`apply --plan … --bake`"
        case .makePlanFile: "`fleetform plan --out`"
        case .overrideRule: "--override CODE --reason TEXT"
        case .settingsFile: "--config FILE"
        }
    }

    /// The flag that passes an AWS setting in.
    static func flag(_ setting: CallerSetting) -> String {
        switch setting {
        case .profile: "--profile"
        case .region: "--region"
        case .endpointURL: "--endpoint-url"
        case .connectTimeout: "--connect-timeout"
        case .readTimeout: "--read-timeout"
        }
    }

    /// One line for an error a command reports before it does anything: the libraries' typed errors worded with
    /// the flags' names, anything else as it describes itself.
    static func sentence(for error: any Error) -> String {
        switch error {
        case let error as FleetArgumentError: sentence(for: error)
        case let error as EventsOptionError: sentence(for: error)
        case let error as AWSConfigurationError: error.message(naming: flag)
        default: "\(error)"
        }
    }

    /// A selector that cannot be used, given with `flag` (`--target`, `--wave`).
    static func sentence(for error: SelectorError, flag: String) -> String {
        switch error {
        case .empty: "\(flag) needs a value"
        case .notARegion(let text, let region): "\(flag) '\(text)': '\(region)' is not a region name (like us-west-2)"
        case .notAFleet(let text): "\(flag) '\(text)' is neither a fleet id (fleet-…) nor a fleet ARN"
        case .countOrPercentage(let text):
            "\(flag) '\(text)': a count or a percentage would pick among the changed fleets, which means reading "
                + "them all; \(flag) takes a file or folder, a fleet id or ARN, or region:NAME"
        case .noSuchPath(let text): "\(flag) '\(text)': no such file or folder, fleet id, ARN or region:NAME"
        case .notAFleetOrRegion(let text): "\(flag) '\(text)': give a fleet id or ARN, or region:NAME"
        case .percentageOutOfRange(let text): "\(flag) '\(text)': a percentage is a whole number from 1% to 100%"
        case .countBelowOne(let text): "\(flag) '\(text)': a count is at least 1"
        case .namesNoFleet(let selector): "\(flag) \(selector) names no fleet in the fleet files given"
        }
    }

    static func sentence(for error: FleetArgumentError) -> String {
        switch error {
        case .notAnARN(let text): "'\(text)' is not a fleet ARN (arn:aws:gamelift:<region>:<account>:fleet/fleet-…)"
        case .notAFleet(let text): "'\(text)' is neither a fleet id (fleet-…) nor a fleet ARN"
        case .noRegion(let text): "no region for \(text): pass --region, set AWS_REGION, or give the fleet's ARN"
        case .regionDisagrees(let argument, let arnRegion, let region):
            "the ARN '\(argument)' is in \(arnRegion), but --region says \(region)"
        }
    }

    static func sentence(for error: EventsOptionError) -> String {
        switch error {
        case .notAFleet(let text): "'\(text)' is neither a fleet id (fleet-…) nor a fleet ARN"
        case .regionDisagrees(let arnRegion, let region): "the fleet ARN is in \(arnRegion) but --region says \(region)"
        case .notATime(let text, let isUntil):
            "\(isUntil ? "--until" : "--since") '\(text)' is neither an ISO 8601 time nor a duration (e.g. 2h, 30m)"
        case .sinceAfterUntil(let from, let to):
            "--since (\(EventTimeText.format(from))) is after --until (\(EventTimeText.format(to)))"
        case .notAnEventCode(let code): "--code '\(code)' is not an event code (e.g. SERVER_PROCESS_CRASHED)"
        }
    }

    /// The error a command ends with, worded by `sentence(for:)`; ArgumentParser prints it as `Error: …`.
    struct Worded: Error, CustomStringConvertible {
        let description: String
        init(_ error: any Error) { description = Words.sentence(for: error) }
    }
}
