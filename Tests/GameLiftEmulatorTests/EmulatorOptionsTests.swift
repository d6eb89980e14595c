import Testing

@testable import GameLiftEmulator

@Suite("Emulator options")
struct EmulatorOptionsTests {
    @Test(
        "only loopback hosts count as loopback",
        arguments: [
            ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
            ("0.0.0.0", false), ("10.0.0.1", false), ("127.0.0.256", false), ("127.0.0", false),
            ("example.com", false), ("", false),
        ])
    func loopback(host: String, expected: Bool) {
        #expect(EmulatorOptions.isLoopback(host) == expected)
    }

    @Test(
        "access keys are ID:SECRET, the secret may contain colons",
        arguments: [
            ("AKID:secret", "AKID", "secret"), ("AKID:se:cr:et", "AKID", "se:cr:et"), ("AKID:", nil, nil),
            (":secret", nil, nil), ("AKID", nil, nil),
        ] as [(String, String?, String?)])
    func accessKey(text: String, id: String?, secret: String?) {
        let parsed = EmulatorOptions.parseAccessKey(text)
        #expect(parsed?.id == id)
        #expect(parsed?.secret == secret)
    }

    @Test(
        "the region is read from the credential scope",
        arguments: [
            (
                "AWS4-HMAC-SHA256 Credential=AKID/20261124/eu-west-1/gamelift/aws4_request, SignedHeaders=host",
                "eu-west-1"
            ),
            ("AWS4-HMAC-SHA256 Credential=AKID/20261124//gamelift/aws4_request, SignedHeaders=host", nil),
            ("AWS4-HMAC-SHA256 Credential=AKID/20261124/gamelift/aws4_request", nil), ("Bearer token", nil),
        ] as [(String, String?)])
    func scopeRegion(header: String, region: String?) {
        #expect(EmulatorResponder.scopeRegion(header) == region)
    }
}
