/// The environment for a test that runs a built binary against AWS or a stand-in for it. The rule is
/// "defaults under test": only `PATH`, `HOME`, `AWS_REGION`, `NO_COLOR`, instance metadata turned off, and,
/// when given, the endpoints and dummy keys. It never holds a retry or time-limit setting (attempts, retry mode,
/// connect, read or metadata time limits), so every run uses fleetform's defaults and a bug in them fails the
/// suite (DefaultSettingsGuardTests checks the test sources for them). A test that wants speed makes its server
/// answer faster; a test of one setting adds just that setting to this environment, and says so.
///
/// - Parameters:
///   - home: `HOME`: a folder of the test's own, so the only AWS files read are the ones the test writes there.
///   - endpoint: `AWS_ENDPOINT_URL_GAMELIFT` and `AWS_ENDPOINT_URL_STS` (a test merges in any other endpoint).
///   - accessKey: dummy `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.
///   - region: `AWS_REGION`.
public func plainEnvironment(
    home: String, endpoint: String? = nil, accessKey: (id: String, secret: String)? = nil,
    region: String = "us-west-2"
) -> [String: String] {
    var environment = [
        "PATH": "/usr/bin:/bin", "HOME": home, "AWS_REGION": region, "AWS_EC2_METADATA_DISABLED": "true",
        "NO_COLOR": "1",
    ]
    if let endpoint {
        environment["AWS_ENDPOINT_URL_GAMELIFT"] = endpoint
        environment["AWS_ENDPOINT_URL_STS"] = endpoint
    }
    if let accessKey {
        environment["AWS_ACCESS_KEY_ID"] = accessKey.id
        environment["AWS_SECRET_ACCESS_KEY"] = accessKey.secret
    }
    return environment
}
