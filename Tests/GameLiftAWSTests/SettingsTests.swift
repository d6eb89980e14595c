import Foundation
import GameLiftAPI
@testable import GameLiftAWS
import Testing

/// A temporary home directory with `.aws/config` and `.aws/credentials`, removed afterwards.
final class TempHome: Sendable {
    let path: String

    init(config: String? = nil, credentials: String? = nil) throws {
        path = NSTemporaryDirectory() + "fleetform-aws-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
        if let config { try config.write(toFile: path + "/.aws/config", atomically: true, encoding: .utf8) }
        if let credentials {
            try credentials.write(toFile: path + "/.aws/credentials", atomically: true, encoding: .utf8)
        }
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("AWS settings")
struct SettingsTests {
    static let config = """
        [default]
        region = eu-west-1

        [profile ci]
        region = us-east-2   # the CI account
        endpoint_url = https://gamelift.example.test/
        services = local-gamelift

        [services local-gamelift]
        gamelift =
          endpoint_url = http://127.0.0.1:9080

        [profile bare]
        output = json
        """

    @Test func regionOrder() throws {
        let home = try TempHome(config: Self.config)
        let env = ["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "sa-east-1"]
        #expect(
            try AWSSettings.resolve(region: "us-west-2", environment: env, homeDirectory: home.path).defaultRegion
                == "us-west-2")
        #expect(try AWSSettings.resolve(environment: env, homeDirectory: home.path).defaultRegion == "ap-south-1")
        #expect(
            try AWSSettings.resolve(environment: ["AWS_DEFAULT_REGION": "sa-east-1"], homeDirectory: home.path)
                .defaultRegion == "sa-east-1")
        #expect(try AWSSettings.resolve(environment: [:], homeDirectory: home.path).defaultRegion == "eu-west-1")
        #expect(
            try AWSSettings.resolve(profile: "ci", environment: [:], homeDirectory: home.path).defaultRegion
                == "us-east-2")
        #expect(
            try AWSSettings.resolve(profile: "bare", environment: [:], homeDirectory: home.path).defaultRegion == nil)
    }

    @Test func endpointOrder() throws {
        let home = try TempHome(config: Self.config)
        let env = ["AWS_ENDPOINT_URL_GAMELIFT": "http://127.0.0.1:1111", "AWS_ENDPOINT_URL": "http://127.0.0.1:2222"]
        func endpoint(_ flag: String?, _ env: [String: String], profile: String? = nil) throws -> String? {
            try AWSSettings.resolve(profile: profile, endpointURL: flag, environment: env, homeDirectory: home.path)
                .endpointOverride?.absoluteString
        }
        #expect(try endpoint("http://127.0.0.1:3333", env) == "http://127.0.0.1:3333")
        #expect(try endpoint(nil, env) == "http://127.0.0.1:1111")
        #expect(try endpoint(nil, ["AWS_ENDPOINT_URL": "http://127.0.0.1:2222"]) == "http://127.0.0.1:2222")
        #expect(try endpoint(nil, [:], profile: "ci") == "http://127.0.0.1:9080")
        #expect(try endpoint(nil, [:]) == nil)
        #expect(try endpoint(nil, ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], profile: "ci") == nil)
    }

    @Test func regionalEndpointWithoutOverride() throws {
        let settings = try AWSSettings.resolve(environment: [:], homeDirectory: "/nonexistent-home")
        #expect(try settings.endpoint(for: "us-west-2").absoluteString == "https://gamelift.us-west-2.amazonaws.com/")
        #expect(
            try settings.endpoint(for: "cn-north-1").absoluteString == "https://gamelift.cn-north-1.amazonaws.com.cn/")
        #expect(settings.defaultRegion == nil)
    }

    /// `max_attempts` is set only here, where it is the subject (see DefaultSettingsGuardTests).
    @Test func maxAttemptsBecomesTheRetryPolicy() throws {
        let home = try TempHome(config: "[default]\nmax_attempts = 4\n\n[profile bare]\noutput = json\n")
        let fromProfile = try AWSSettings.resolve(environment: [:], homeDirectory: home.path)
        #expect(fromProfile.retryPolicy.maxAttempts == 4)
        let fromEnv = try AWSSettings.resolve(environment: ["AWS_MAX_ATTEMPTS": "2"], homeDirectory: home.path)
        #expect(fromEnv.retryPolicy.maxAttempts == 2)
        #expect(fromEnv.retryPolicy.maxDelay == RetryPolicy.standard.maxDelay)
        let none = try AWSSettings.resolve(profile: "bare", environment: [:], homeDirectory: home.path)
        #expect(none.retryPolicy == .standard)
    }

    @Test(arguments: [
        (["AWS_MAX_ATTEMPTS": "zero"], "AWS_MAX_ATTEMPTS"), (["AWS_MAX_ATTEMPTS": "0"], "AWS_MAX_ATTEMPTS"),
        (["AWS_REGION": "us-west-2.evil.com/"], "AWS_REGION"), (["AWS_ENDPOINT_URL": "ftp://x"], "AWS_ENDPOINT_URL"),
        (["AWS_ENDPOINT_URL_GAMELIFT": "not a url"], "AWS_ENDPOINT_URL_GAMELIFT"),
        (["AWS_PROFILE": "missing"], "profile 'missing'"),
        (["AWS_METADATA_SERVICE_TIMEOUT": "0"], "AWS_METADATA_SERVICE_TIMEOUT"),
        (["AWS_METADATA_SERVICE_TIMEOUT": "1.5"], "AWS_METADATA_SERVICE_TIMEOUT"),
        (["AWS_METADATA_SERVICE_TIMEOUT": "99999999999999999999999"], "AWS_METADATA_SERVICE_TIMEOUT"),
        (["AWS_METADATA_SERVICE_NUM_ATTEMPTS": "-1"], "AWS_METADATA_SERVICE_NUM_ATTEMPTS"),
        (["AWS_METADATA_SERVICE_NUM_ATTEMPTS": "1000"], "AWS_METADATA_SERVICE_NUM_ATTEMPTS"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT": "169.254.169.254"], "AWS_EC2_METADATA_SERVICE_ENDPOINT"),
        (["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "ipv5"], "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"),
        (["AWS_EC2_METADATA_V1_DISABLED": "yes"], "AWS_EC2_METADATA_V1_DISABLED"),
    ])
    func badSettingsAreNamed(_ env: [String: String], _ mention: String) throws {
        let home = try TempHome(config: Self.config)
        let error = #expect(throws: AWSConfigurationError.self) {
            try AWSSettings.resolve(environment: env, homeDirectory: home.path)
        }
        #expect(error?.description.contains(mention) == true, "\(String(describing: error))")
    }

    @Test("instance metadata settings: environment over profile, botocore's defaults, the IPv6 address")
    func instanceMetadataSettings() throws {
        let home = try TempHome(
            config: """
                [default]
                metadata_service_timeout = 5
                metadata_service_num_attempts = 3
                ec2_metadata_service_endpoint_mode = IPv6
                ec2_metadata_v1_disabled = true

                [profile moved]
                ec2_metadata_service_endpoint = http://127.0.0.1:8111/
                """)
        let defaults = try AWSSettings.resolve(profile: "moved", environment: [:], homeDirectory: home.path)
        var expected = InstanceMetadataSettings()
        expected.endpoint = URL(string: "http://127.0.0.1:8111/")
        #expect(defaults.instanceMetadata == expected)
        #expect(defaults.instanceMetadata.timeout == 1 && defaults.instanceMetadata.attempts == 1)
        #expect(defaults.instanceMetadata.baseURL(.aws) == "http://127.0.0.1:8111")

        let profile = try AWSSettings.resolve(environment: [:], homeDirectory: home.path).instanceMetadata
        #expect(profile.timeout == 5 && profile.attempts == 3 && profile.useIPv6 && profile.v1Disabled)
        #expect(profile.endpoint == nil)
        #expect(profile.baseURL(.aws) == "http://[fd00:ec2::254]")

        let environment = try AWSSettings.resolve(
            environment: [
                "AWS_METADATA_SERVICE_TIMEOUT": "30", "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "2",
                "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "ipv4", "AWS_EC2_METADATA_V1_DISABLED": "false",
            ], homeDirectory: home.path
        ).instanceMetadata
        #expect(environment.timeout == 30 && environment.attempts == 2)
        #expect(!environment.useIPv6 && !environment.v1Disabled)
        #expect(environment.baseURL(.aws) == "http://169.254.169.254")

        let badProfile = try TempHome(config: "[default]\nmetadata_service_timeout = soon\n")
        let error = #expect(throws: AWSConfigurationError.self) {
            try AWSSettings.resolve(environment: [:], homeDirectory: badProfile.path)
        }
        #expect(error?.description.contains("profile default metadata_service_timeout: 'soon'") == true)
    }

    @Test func malformedConfigNamesFileAndLine() throws {
        let home = try TempHome(config: "[default]\nregion = us-east-1\nthis line is wrong\n")
        let error = #expect(throws: AWSConfigurationError.self) {
            try AWSSettings.resolve(environment: [:], homeDirectory: home.path)
        }
        #expect(error?.description.contains("/.aws/config:3:") == true)
    }

    @Test func configFileLocationsFromEnvironment() throws {
        let home = try TempHome()
        let config = try home.write("other-config", "[profile x]\nregion = us-west-1\n")
        let settings = try AWSSettings.resolve(
            environment: ["AWS_CONFIG_FILE": config, "AWS_PROFILE": "x"], homeDirectory: "/nowhere")
        #expect(settings.defaultRegion == "us-west-1")
        #expect(settings.profile == "x")
        #expect(settings.configFilePath == config)
    }
}
