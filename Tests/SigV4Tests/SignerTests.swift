import Foundation
import SigV4
import Testing

@Suite("SigV4 signer")
struct SignerTests {
    @Test("AWS test suite", arguments: Fixtures.suiteCaseNames())
    func suiteCase(_ name: String) throws {
        let request = try Fixtures.parseRequest(try #require(try Fixtures.suiteFile(name, "req")))
        var credentials = Fixtures.suiteCredentials
        credentials.sessionToken = request.value(of: "x-amz-security-token")
        let steps = SigV4Signer(service: "service", region: "us-east-1")
            .signingSteps(request, credentials: credentials, date: Fixtures.suiteDate)
        if let creq = try Fixtures.suiteFile(name, "creq") { #expect(steps.canonicalRequest == creq) }
        if let sts = try Fixtures.suiteFile(name, "sts") { #expect(steps.stringToSign == sts) }
        #expect(steps.authorization == (try Fixtures.suiteFile(name, "authz")))
        #expect(steps.signedRequest.value(of: "authorization") == steps.authorization)
    }

    @Test func suiteHasTheCasesTheBriefNames() {
        let names = Set(Fixtures.suiteCaseNames())
        for required in [
            "get-vanilla", "post-vanilla", "get-vanilla-query-order-key-case", "post-x-www-form-urlencoded",
            "get-header-value-trim", "post-sts-header-before",
        ] {
            #expect(names.contains(required), "missing fixture \(required)")
        }
    }

    @Test("GameLift requests match botocore", arguments: try BotocoreVector.all())
    func botocore(_ vector: BotocoreVector) throws {
        let date = try #require(AmzDate.parse(vector.date))
        let steps = SigV4Signer(service: vector.service, region: vector.region)
            .signingSteps(vector.request, credentials: vector.credentials, date: date)
        #expect(steps.canonicalRequest == vector.canonicalRequest)
        #expect(steps.stringToSign == vector.stringToSign)
        #expect(steps.authorization == vector.authorization)
    }

    @Test func sessionTokenIsAddedAndSigned() throws {
        let credentials = AWSCredentials(accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "tok en")
        let request = SigV4Request(method: "POST", path: "/", headers: [("Host", "gamelift.us-east-1.amazonaws.com")])
        let signed = SigV4Signer(service: "gamelift", region: "us-east-1")
            .sign(request, credentials: credentials, date: Fixtures.suiteDate)
        #expect(signed.value(of: "x-amz-security-token") == "tok en")
        #expect(signed.value(of: "x-amz-date") == "20150830T123600Z")
        let authorization = try #require(signed.value(of: "authorization"))
        #expect(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
    }

    @Test func resigningReplacesTheOldSignatureAndDate() throws {
        let signer = SigV4Signer(service: "gamelift", region: "us-east-1")
        let request = SigV4Request(method: "POST", path: "/", headers: [("Host", "h")], body: Array("{}".utf8))
        let first = signer.sign(request, credentials: Fixtures.suiteCredentials, date: Fixtures.suiteDate)
        let second = signer.sign(
            first, credentials: Fixtures.suiteCredentials, date: Fixtures.suiteDate.addingTimeInterval(1))
        #expect(second.values(of: "authorization").count == 1)
        #expect(second.values(of: "x-amz-date") == ["20150830T123601Z"])
        #expect(second.value(of: "authorization") != first.value(of: "authorization"))
    }

    @Test func payloadHashCoversTheExactBytes() {
        let signer = SigV4Signer(service: "gamelift", region: "us-east-1")
        let a = SigV4Request(method: "POST", path: "/", headers: [("Host", "h")], body: Array("{}".utf8))
        var b = a
        b.body = Array("{ }".utf8)
        let sa = signer.signingSteps(a, credentials: Fixtures.suiteCredentials, date: Fixtures.suiteDate)
        let sb = signer.signingSteps(b, credentials: Fixtures.suiteCredentials, date: Fixtures.suiteDate)
        #expect(sa.canonicalRequest.hasSuffix("\n" + sigV4PayloadHash(Array("{}".utf8))))
        #expect(sa.signature != sb.signature)
    }

    @Test func headerValuesAreTrimmedAndCollapsedAcrossLineBreaks() {
        let signer = SigV4Signer(service: "service", region: "us-east-1")
        let request = SigV4Request(
            method: "GET", path: "/", headers: [("Host", "h"), ("My-Header", " a \r\n  b\t\tc\n d ")])
        let steps = signer.signingSteps(request, credentials: Fixtures.suiteCredentials, date: Fixtures.suiteDate)
        #expect(steps.canonicalRequest.contains("\nmy-header:a b c d\n"))
    }

    @Test func credentialsDescriptionRedactsSecrets() {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s3cr3tValue", sessionToken: "t0kenValue",
            expiration: Fixtures.suiteDate)
        for text in [
            credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
        ] {
            #expect(!text.contains("s3cr3tValue"))
            #expect(!text.contains("t0kenValue"))
            #expect(text.contains("AKIDEXAMPLE"))
        }
    }
}

@Suite("AmzDate")
struct AmzDateTests {
    @Test(arguments: [
        (0.0, "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (951_782_400, "20000229T000000Z"),
        (4_107_542_399, "21000228T235959Z"),
    ])
    func formatsAndParses(_ seconds: Double, _ text: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(AmzDate.timestamp(date) == text)
        #expect(AmzDate.parse(text) == date)
    }

    /// Event times come from a server and are printed with `iso8601`: any number of seconds is written, the
    /// years past four digits as the nearest end, and nothing traps.
    @Test(arguments: [
        (-1.5, "1969-12-31T23:59:58Z"), (1_795_510_800.75, "2026-11-24T09:00:00Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"), (1e300, "9999-12-31T23:59:59Z"), (-1e300, "0000-01-01T00:00:00Z"),
        (.infinity, "9999-12-31T23:59:59Z"), (-.infinity, "0000-01-01T00:00:00Z"), (.nan, "1970-01-01T00:00:00Z"),
        (9.3e18, "9999-12-31T23:59:59Z"),
    ])
    func writesAnyDate(_ seconds: Double, _ text: String) {
        #expect(AmzDate.iso8601(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(arguments: ["", "20150830T123600", "2015-08-30T12:36:00Z", "20151330T123600Z", "20150830T250000Z"])
    func rejectsMalformed(_ text: String) {
        #expect(AmzDate.parse(text) == nil)
    }
}
