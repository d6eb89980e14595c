import Foundation
import SigV4
import Testing

@Suite("SigV4 verifier")
struct VerifierTests {
    let now = Fixtures.suiteDate
    let credentials = AWSCredentials(accessKeyId: "AKIDGAMELIFT", secretAccessKey: "verifier/secret+key")
    let signer = SigV4Signer(service: "gamelift", region: "us-west-2")

    func secrets(_ id: String) -> String? { id == "AKIDGAMELIFT" ? "verifier/secret+key" : nil }

    var request: SigV4Request {
        SigV4Request(
            method: "POST", path: "/",
            headers: [
                ("Host", "127.0.0.1:9080"), ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "GameLift.ListFleets"),
            ], body: Array("{}".utf8))
    }

    func verify(_ r: SigV4Request, at time: Date? = nil) -> Result<VerifiedIdentity, SigV4VerificationError> {
        SigV4Verifier.verify(r, now: time ?? now, expectedService: "gamelift", secretFor: secrets)
    }

    @Test func acceptsWhatTheSignerSigned() throws {
        var withToken = credentials
        withToken.sessionToken = "session-token"
        let signed = signer.sign(request, credentials: withToken, date: now)
        let identity = try verify(signed).get()
        #expect(identity.accessKeyId == "AKIDGAMELIFT")
        #expect(identity.region == "us-west-2")
        #expect(identity.service == "gamelift")
        #expect(identity.sessionToken == "session-token")
        #expect(!identity.description.contains("session-token"))
    }

    @Test("accepts the published suite", arguments: Fixtures.suiteCaseNames())
    func acceptsSuiteRequests(_ name: String) throws {
        var request = try Fixtures.parseRequest(try #require(try Fixtures.suiteFile(name, "req")))
        request.headers.append(.init("Authorization", try #require(try Fixtures.suiteFile(name, "authz"))))
        let result = SigV4Verifier.verify(request, now: now) {
            $0 == "AKIDEXAMPLE" ? Fixtures.suiteCredentials.secretAccessKey : nil
        }
        #expect(throws: Never.self) { try result.get() }
    }

    @Test func acceptsBotocoreSignedRequests() throws {
        for vector in try BotocoreVector.all() {
            var request = vector.request
            if let token = vector.sessionToken { request.headers.append(.init("X-Amz-Security-Token", token)) }
            request.headers.append(.init("X-Amz-Date", vector.date))
            request.headers.append(.init("Authorization", vector.authorization))
            let date = try #require(AmzDate.parse(vector.date))
            let result = SigV4Verifier.verify(request, now: date.addingTimeInterval(60)) {
                $0 == vector.accessKeyId ? vector.secretAccessKey : nil
            }
            #expect(throws: Never.self, "\(vector.name)") { try result.get() }
        }
    }

    @Test func refusesATamperedBody() {
        var signed = signer.sign(request, credentials: credentials, date: now)
        signed.body = Array(#"{"Limit":1}"#.utf8)
        #expect(verify(signed) == .failure(.signatureMismatch))
    }

    @Test func refusesATamperedTarget() {
        let signed = signer.sign(request, credentials: credentials, date: now)
            .setting("X-Amz-Target", to: "GameLift.UpdateRuntimeConfiguration")
        #expect(verify(signed) == .failure(.signatureMismatch))
    }

    @Test func refusesTheWrongSecret() {
        var wrong = credentials
        wrong.secretAccessKey = "not-the-secret"
        #expect(verify(signer.sign(request, credentials: wrong, date: now)) == .failure(.signatureMismatch))
    }

    @Test func refusesAnUnknownKey() {
        var other = credentials
        other.accessKeyId = "AKIDNOBODY"
        #expect(
            verify(signer.sign(request, credentials: other, date: now)) == .failure(.unknownAccessKey("AKIDNOBODY")))
        #expect(SigV4VerificationError.unknownAccessKey("x").awsErrorCode == "UnrecognizedClientException")
    }

    @Test(arguments: [-16.0 * 60, 16.0 * 60])
    func refusesSkewBeyondFifteenMinutes(_ offset: Double) {
        let signed = signer.sign(request, credentials: credentials, date: now.addingTimeInterval(offset))
        #expect(
            verify(signed)
                == .failure(.requestTimeTooSkewed(requestTime: now.addingTimeInterval(offset), serverTime: now)))
    }

    @Test(arguments: [-14.0 * 60, 14.0 * 60])
    func acceptsSkewWithinFifteenMinutes(_ offset: Double) {
        let signed = signer.sign(request, credentials: credentials, date: now.addingTimeInterval(offset))
        #expect(throws: Never.self) { try verify(signed).get() }
    }

    @Test func refusesAMissingAuthorization() {
        #expect(verify(request) == .failure(.missingAuthorization))
        #expect(SigV4VerificationError.missingAuthorization.httpStatus == 403)
    }

    @Test func refusesAMissingSignedHeader() {
        var signed = signer.sign(request, credentials: credentials, date: now)
        signed.headers.removeAll { $0.name == "X-Amz-Target" }
        #expect(verify(signed) == .failure(.missingHeader("x-amz-target")))
    }

    @Test func refusesAMissingDate() {
        var signed = signer.sign(request, credentials: credentials, date: now)
        signed.headers.removeAll { $0.name == "X-Amz-Date" }
        #expect(verify(signed) == .failure(.missingHeader("x-amz-date")))
    }

    @Test func refusesAnUnsignedSessionToken() {
        let signed = signer.sign(request, credentials: credentials, date: now)
        var withToken = signed
        withToken.headers.append(.init("X-Amz-Security-Token", "added-later"))
        #expect(verify(withToken) == .failure(.headerNotSigned("x-amz-security-token")))
    }

    @Test func refusesTheWrongService() {
        let signed = SigV4Signer(service: "s3", region: "us-west-2").sign(request, credentials: credentials, date: now)
        guard case .failure(.scopeMismatch) = verify(signed) else {
            Issue.record("expected a scope mismatch")
            return
        }
    }

    @Test(arguments: [
        (
            "AWS4-HMAC-SHA1 Credential=a/b/c/d/aws4_request, SignedHeaders=host, Signature=00",
            "IncompleteSignatureException"
        ),
        ("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", "IncompleteSignatureException"),
        ("AWS4-HMAC-SHA256 Credential=a/b/c, SignedHeaders=host, Signature=00", "IncompleteSignatureException"),
        ("garbage", "IncompleteSignatureException"),
    ])
    func refusesMalformedAuthorization(_ header: String, _ code: String) {
        let r = signer.sign(request, credentials: credentials, date: now).setting("Authorization", to: header)
        guard case .failure(let error) = verify(r) else {
            Issue.record("accepted \(header)")
            return
        }
        #expect(error.awsErrorCode == code)
    }

    @Test func refusesAContentHashThatDoesNotMatchTheBody() {
        let r = request.setting("X-Amz-Content-Sha256", to: sigV4PayloadHash(Array("other".utf8)))
        #expect(verify(signer.sign(r, credentials: credentials, date: now)) == .failure(.payloadHashMismatch))
    }
}
