import Foundation
import GameLiftAPI
import GameLiftAWS
import Logging
import SigV4
import Testing

@Suite("Redaction")
struct RedactionTests {
    @Test func sensitiveHeadersAreHidden() {
        let headers = [
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/..., Signature=abcdef"),
            ("X-Amz-Security-Token", "tok"),
            ("X-Amz-Target", "GameLift.ListFleets"), ("x-aws-ec2-metadata-token", "imds"),
        ]
        let redacted = Redaction.redact(headers: headers)
        #expect(redacted.map(\.0) == headers.map(\.0))
        #expect(
            redacted.map(\.1) == [
                Redaction.placeholder, Redaction.placeholder, "GameLift.ListFleets", Redaction.placeholder,
            ])
        #expect(!Redaction.describe(headers: headers).contains("abcdef"))
    }

    /// Secrets are never shown (docs/aws.md): with logging at its most verbose, a signed request with a session token leaves neither the
    /// secret key, nor the token, nor the signature anywhere in the output or in the errors.
    @Test func traceLoggingOfASignedRequestShowsNoSecret() async throws {
        let captured = CapturedLog()
        let signatures = RequestLog()
        let answers = ["{}", #"{"__type":"AccessDeniedException","message":"denied"}"#]
        let counter = RequestLog()
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { request in
            counter.append(request)
            signatures.append(request)
            let index = counter.all.count - 1
            return .json(
                answers[min(index, 1)], status: index == 0 ? 200 : 403, headers: [("x-amzn-RequestId", "rid-\(index)")])
        }
        try await withStubServer(stub) { url, _ in
            let settings = try AWSSettings.resolve(
                region: "us-west-2", endpointURL: url, environment: [:], homeDirectory: "/nonexistent-home")
            let client = AWSGameLift(
                settings: settings, credentials: StaticCredentialsProvider(AWSGameLiftTests.credentials),
                logger: captured.logger(level: .trace), now: { AWSGameLiftTests.signingDate })
            _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            let error = await #expect(throws: GameLiftServiceError.self) {
                try await RequestAttempt.$current.withValue(2) {
                    try await client.send(DescribeFleetAttributesInput(), region: "us-west-2")
                }
            }
            try await client.shutdown()

            let output = captured.text + "\n" + String(describing: error) + "\n" + "\(AWSGameLiftTests.credentials)"
            let sent = signatures.all.compactMap { $0.header("authorization") }
            #expect(sent.count == 2)
            var forbidden = [AWSGameLiftTests.secret, AWSGameLiftTests.token]
            for authorization in sent {
                let signature = try #require(authorization.components(separatedBy: "Signature=").last)
                forbidden += [signature, authorization]
            }
            for secret in forbidden {
                #expect(!output.contains(secret), "leaked \(secret.prefix(6))…")
            }
            // The debug lines say what happened.
            #expect(output.contains("operation=ListFleets"))
            #expect(output.contains("status=200"))
            #expect(output.contains("requestId=rid-0"))
            #expect(output.contains("status=403"))
            #expect(output.contains("attempt=2"))
            #expect(
                output.contains("x-amz-security-token: <redacted>")
                    || output.contains("X-Amz-Security-Token: <redacted>"))
        }
    }
}
