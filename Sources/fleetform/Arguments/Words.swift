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
        case .importAll: "--all"
        case .target: "--target"
        case .wave: "--wave"
        case .since: "--since"
        case .until: "--until"
        case .eventCode: "--code"
        case .planOut: "`--out`"
        case .savePlanThenApplyIt: "save a plan with `plan --out` and `apply --plan` it"
        case .rollOutSavedPlan: "`apply --plan … --bake DURATION`"
        case .rollOutSavedPlanBriefly: "`apply --plan … --bake`"
        case .makePlanFile: "`fleetform plan --out`"
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

    /// One line for an error a command reports before it does anything: typed errors worded with the flags'
    /// names, anything else as it describes itself.
    static func sentence(for error: any Error) -> String {
        switch error {
        case let error as OptionError: error.message(names)
        case let error as AWSConfigurationError: error.message(naming: flag)
        default: "\(error)"
        }
    }

    /// The error a command ends with, worded by `sentence(for:)`; ArgumentParser prints it as `Error: …`.
    struct Worded: Error, CustomStringConvertible {
        let description: String
        init(_ error: any Error) { description = Words.sentence(for: error) }
    }
}
