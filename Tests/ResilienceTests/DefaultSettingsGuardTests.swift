import Foundation
import Testing

/// Defaults under test: a test that runs a binary or resolves `AWSSettings` sets no retry or time-limit setting
/// unless that setting is what it tests. A release build once made no retries on the default settings while the
/// whole suite stayed green, because the tests set the attempts themselves. This test reads the test sources
/// (Tests/ and Sources/FleetformTesting) and fails on any such setting outside the allow-list below. A test that
/// wants a quick run makes its server answer the way it needs (the expected error at once, a code that is not
/// retried) instead, and gives a binary `plainEnvironment`.
@Suite("defaults under test")
struct DefaultSettingsGuardTests {
    /// The folders read, from the package root.
    static let folders = ["Tests", "Sources/FleetformTesting"]

    /// What sets a retry or time limit, matched without regard to case (variables and config keys alike; none
    /// is part of another). `RetryPolicy(maxAttempts:)` is not here: unit tests of the retry loop build one
    /// around a double with a virtual clock, and neither a binary nor `AWSSettings` is involved.
    static let settings = [
        "max_attempts",  // AWS_MAX_ATTEMPTS and the profile's key
        "retry_mode",  // AWS_RETRY_MODE and the profile's key
        "metadata_service_timeout",  // AWS_METADATA_SERVICE_TIMEOUT and the profile's key
        "metadata_service_num_attempts",  // AWS_METADATA_SERVICE_NUM_ATTEMPTS and the profile's key
        "--connect-timeout", "--read-timeout",  // the flags
        "connectTimeout:", "readTimeout:",  // the same limits given to AWSSettings.resolve or ConnectionSettings
        "containerTimeout:", "processTimeout:",  // the container and credential_process limits of the chain
    ]

    /// The files whose tests are about a setting, with the settings each may name. Keep it this small: a test
    /// that wants speed changes its server, not fleetform's settings. An entry whose file no longer names its
    /// setting fails the test too, so none outlives its reason.
    static let allowed: [String: Set<String>] = [
        // Resolves the settings themselves: their sources, order, defaults and bounds.
        "Tests/GameLiftAWSTests/SettingsTests.swift": [
            "max_attempts", "metadata_service_timeout", "metadata_service_num_attempts",
        ],
        // instanceMetadataAttempts: with metadata_service_num_attempts a failing role list is read again.
        "Tests/GameLiftAWSTests/CredentialChainTests.swift": ["metadata_service_num_attempts"],
        // The compiler bug's reduction: the field set only when AWS_MAX_ATTEMPTS is set is its subject.
        "Tests/CompilerBugs/AsyncIndirectReturn/Sources/Settings/Settings.swift": ["max_attempts"],
        "Tests/CompilerBugs/AsyncIndirectReturn/Sources/repro/main.swift": ["max_attempts"],
        // The conformance server's own self-test drives it with boto3, retries off, to see each injected error
        // as botocore parses it; fleetform itself runs there on the defaults.
        "Tests/Conformance/botocore_client.py": ["max_attempts"],
        // The `attempts` scenario: the default attempts with nothing set, then AWS_MAX_ATTEMPTS and max_attempts.
        "Tests/Conformance/scenarios.py": ["max_attempts"],
    ]

    /// The kinds of file read: sources, scripts and the configuration files tests write.
    static let extensions: Set<String> = ["swift", "py", "sh", "yaml", "yml", "json", "ini", "cfg", "conf"]

    @Test("no test sets a retry or time-limit setting other than the one it tests")
    func noRetryOrTimeoutSettings() {
        let thisFile = URL(fileURLWithPath: #filePath)
        let root = thisFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ownPath = "Tests/\(thisFile.deletingLastPathComponent().lastPathComponent)/\(thisFile.lastPathComponent)"
        var scanned = 0
        var named: Set<String> = []
        var offences: [String] = []
        for folder in Self.folders {
            let walker = FileManager.default.enumerator(atPath: root.path + "/" + folder)
            while let relative = walker?.nextObject() as? String {
                let path = folder + "/" + relative
                // Build folders (a nested package's .build) and other hidden folders hold no test sources.
                if relative.split(separator: "/").last?.hasPrefix(".") == true {
                    walker?.skipDescendants()
                    continue
                }
                var isDirectory: ObjCBool = false
                guard path != ownPath, Self.extensions.contains(URL(fileURLWithPath: path).pathExtension),
                    FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &isDirectory),
                    !isDirectory.boolValue, let data = FileManager.default.contents(atPath: root.path + "/" + path)
                else { continue }
                scanned += 1
                let text = String(decoding: data, as: UTF8.self)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let lowercased = line.lowercased()
                    for setting in Self.settings where lowercased.contains(setting.lowercased()) {
                        if Self.allowed[path]?.contains(setting) == true {
                            named.insert(path + " " + setting)
                        } else {
                            offences.append(
                                "\(path):\(index + 1): \(setting): \(line.trimmingCharacters(in: .whitespaces))")
                        }
                    }
                }
            }
        }

        #expect(
            offences.isEmpty,
            Comment(
                rawValue: "retry or time-limit settings in tests that are not about them; give a binary "
                    + "plainEnvironment(home:endpoint:accessKey:), and where a run should be quick make its server "
                    + "answer faster; a test of the setting itself goes in DefaultSettingsGuardTests.allowed:\n"
                    + offences.joined(separator: "\n")))
        // The scan read what it should: so many files, and every allowed setting where the allow-list says.
        #expect(scanned >= 50, "only \(scanned) files read under \(root.path)")
        for (path, names) in Self.allowed {
            for setting in names.sorted() where !named.contains(path + " " + setting) {
                Issue.record("\(path) no longer names \(setting): take it out of DefaultSettingsGuardTests.allowed")
            }
        }
    }
}
