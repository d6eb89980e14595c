import Foundation

/// Signs AWS requests with Signature Version 4 for one service and region. Pure: the date is a parameter,
/// so a retry is signed afresh simply by calling `sign` again.
public struct SigV4Signer: Sendable, Hashable {
    public var service: String
    public var region: String

    /// A signer for `service` (e.g. `gamelift`) in `region`, the two names in the credential scope.
    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// Returns `request` with `X-Amz-Date`, `X-Amz-Security-Token` (for temporary credentials) and
    /// `Authorization` set. Every header present is signed except hop-by-hop ones (`content-length`,
    /// `user-agent`…); the caller supplies `host` and the body bytes that will actually be sent.
    public func sign(_ request: SigV4Request, credentials: AWSCredentials, date: Date) -> SigV4Request {
        signingSteps(request, credentials: credentials, date: date).signedRequest
    }

    /// Every intermediate value of signing, for tests and diagnostics. Contains the signature: never log it.
    public func signingSteps(_ request: SigV4Request, credentials: AWSCredentials, date: Date) -> SigV4SigningSteps {
        let timestamp = AmzDate.timestamp(date)
        let day = AmzDate.day(date)
        var prepared = request
        prepared.headers.removeAll {
            ["authorization", "x-amz-date", "x-amz-security-token"].contains($0.name.lowercased())
        }
        prepared.headers.append(.init("X-Amz-Date", timestamp))
        if let token = credentials.sessionToken {
            prepared.headers.append(.init("X-Amz-Security-Token", token))
        }
        let signedHeaders = Canonicalization.signableHeaderNames(prepared)
        let payloadHash = Canonicalization.hexSHA256(prepared.body)
        let canonicalRequest = Canonicalization.canonicalRequest(
            prepared, signedHeaders: signedHeaders, payloadHash: payloadHash)
        let scope = Canonicalization.credentialScope(day: day, region: region, service: service)
        let stringToSign = Canonicalization.stringToSign(
            timestamp: timestamp, scope: scope, canonicalRequest: canonicalRequest)
        let key = Canonicalization.signingKey(
            secret: credentials.secretAccessKey, day: day, region: region, service: service)
        let signature = Canonicalization.signature(stringToSign: stringToSign, key: key)
        let authorization =
            "\(Canonicalization.algorithm) Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders.joined(separator: ";")), Signature=\(signature)"
        prepared.headers.append(.init("Authorization", authorization))
        return SigV4SigningSteps(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, signedRequest: prepared)
    }
}

/// The intermediate and final values of one signing, as the AWS test suite lists them.
public struct SigV4SigningSteps: Sendable, Hashable {
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String
    public var authorization: String
    public var signedRequest: SigV4Request
}

/// The SHA-256 of a body, lowercase hex, as SigV4 and `x-amz-content-sha256` use it.
public func sigV4PayloadHash(_ body: [UInt8]) -> String { Canonicalization.hexSHA256(body) }
