import Foundation

/// Checks the SigV4 signature of a received request, the way an AWS service does. Used by the emulator so
/// fleetform, the AWS CLI and SDKs are held to the same rules there as against AWS.
public enum SigV4Verifier {
    /// How far a request's `X-Amz-Date` may be from the server's clock, in seconds (AWS allows 15 minutes).
    public static let maximumSkew: TimeInterval = 15 * 60

    /// Recomputes the signature of `request` with the secret `secretFor` returns for its access key id and
    /// compares it in constant time. `expectedService`/`expectedRegion`, when given, must match the scope.
    public static func verify(
        _ request: SigV4Request, now: Date, expectedService: String? = nil, expectedRegion: String? = nil,
        secretFor: (String) -> String?
    ) -> Result<VerifiedIdentity, SigV4VerificationError> {
        guard let header = request.value(of: "authorization") else { return .failure(.missingAuthorization) }
        let authorization: ParsedAuthorization
        switch ParsedAuthorization.parse(header) {
        case .success(let parsed): authorization = parsed
        case .failure(let error): return .failure(error)
        }
        for required in ["host", "x-amz-date"] where request.value(of: required) == nil {
            return .failure(.missingHeader(required))
        }
        for required in ["host", "x-amz-date", "x-amz-security-token"]
        where request.value(of: required) != nil && !authorization.signedHeaders.contains(required) {
            return .failure(.headerNotSigned(required))
        }
        for name in authorization.signedHeaders where request.value(of: name) == nil {
            return .failure(.missingHeader(name))
        }
        let dateText = request.value(of: "x-amz-date") ?? ""
        guard let date = AmzDate.parse(dateText) else { return .failure(.malformedDate(dateText)) }
        guard authorization.day == String(dateText.prefix(8)) else {
            return .failure(.scopeMismatch("credential scope date \(authorization.day) is not the day of \(dateText)"))
        }
        if let expectedService, authorization.service != expectedService {
            return .failure(.scopeMismatch("service \(authorization.service), expected \(expectedService)"))
        }
        if let expectedRegion, authorization.region != expectedRegion {
            return .failure(.scopeMismatch("region \(authorization.region), expected \(expectedRegion)"))
        }
        if abs(date.timeIntervalSince(now)) > maximumSkew {
            return .failure(.requestTimeTooSkewed(requestTime: date, serverTime: now))
        }
        let payloadHash = Canonicalization.hexSHA256(request.body)
        if let declared = request.value(of: "x-amz-content-sha256"), declared != "UNSIGNED-PAYLOAD",
            declared.lowercased() != payloadHash
        {
            return .failure(.payloadHashMismatch)
        }
        guard let secret = secretFor(authorization.accessKeyId) else {
            return .failure(.unknownAccessKey(authorization.accessKeyId))
        }
        let canonicalRequest = Canonicalization.canonicalRequest(
            request, signedHeaders: authorization.signedHeaders, payloadHash: payloadHash)
        let scope = Canonicalization.credentialScope(
            day: authorization.day, region: authorization.region, service: authorization.service)
        let stringToSign = Canonicalization.stringToSign(
            timestamp: dateText, scope: scope, canonicalRequest: canonicalRequest)
        let key = Canonicalization.signingKey(
            secret: secret, day: authorization.day, region: authorization.region, service: authorization.service)
        let expected = Canonicalization.signature(stringToSign: stringToSign, key: key)
        guard Canonicalization.constantTimeEqual(expected, authorization.signature.lowercased()) else {
            return .failure(.signatureMismatch)
        }
        return .success(
            VerifiedIdentity(
                accessKeyId: authorization.accessKeyId, region: authorization.region,
                service: authorization.service, date: date, sessionToken: request.value(of: "x-amz-security-token"),
                signedHeaders: authorization.signedHeaders))
    }
}

/// Who signed a request that verified, and for which scope.
public struct VerifiedIdentity: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyId: String
    public var region: String
    public var service: String
    /// The request's `X-Amz-Date`.
    public var date: Date
    /// The `X-Amz-Security-Token` sent, for the caller to validate; redacted in `description`.
    public var sessionToken: String?
    public var signedHeaders: [String]

    public var description: String {
        "\(accessKeyId) for \(service) in \(region) at \(AmzDate.timestamp(date))"
            + (sessionToken == nil ? "" : " with a session token")
    }
}

/// Why a request's signature was refused. `awsErrorCode` and `message` are what AWS would answer.
public enum SigV4VerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingAuthorization
    case malformedAuthorization(String)
    case unsupportedAlgorithm(String)
    case missingHeader(String)
    case headerNotSigned(String)
    case malformedDate(String)
    case scopeMismatch(String)
    case requestTimeTooSkewed(requestTime: Date, serverTime: Date)
    case payloadHashMismatch
    case unknownAccessKey(String)
    case signatureMismatch

    /// The error code an AWS JSON service answers with for this failure.
    public var awsErrorCode: String {
        switch self {
        case .missingAuthorization: "MissingAuthenticationTokenException"
        case .malformedAuthorization, .unsupportedAlgorithm, .missingHeader, .headerNotSigned, .malformedDate:
            "IncompleteSignatureException"
        case .requestTimeTooSkewed: "InvalidSignatureException"
        case .unknownAccessKey: "UnrecognizedClientException"
        case .scopeMismatch, .payloadHashMismatch, .signatureMismatch: "InvalidSignatureException"
        }
    }

    /// The HTTP status AWS answers with: 403 for a missing token, 400 otherwise.
    public var httpStatus: Int { self == .missingAuthorization ? 403 : 400 }

    public var message: String {
        switch self {
        case .missingAuthorization: "Missing Authentication Token: the request has no Authorization header."
        case .malformedAuthorization(let why): "Authorization header is malformed: \(why)."
        case .unsupportedAlgorithm(let a): "Unsupported signing algorithm \(a); expected AWS4-HMAC-SHA256."
        case .missingHeader(let name): "The request lacks the \(name) header."
        case .headerNotSigned(let name): "The \(name) header must be signed."
        case .malformedDate(let text): "X-Amz-Date '\(text)' is not of the form YYYYMMDDTHHMMSSZ."
        case .scopeMismatch(let why): "Credential scope does not match: \(why)."
        case .requestTimeTooSkewed(let request, let server):
            "Signature expired: \(AmzDate.timestamp(request)) is more than 15 minutes from the server time "
                + "\(AmzDate.timestamp(server))."
        case .payloadHashMismatch: "x-amz-content-sha256 does not match the body."
        case .unknownAccessKey(let id):
            "The security token included in the request is invalid (unknown access key \(id))."
        case .signatureMismatch:
            "The request signature we calculated does not match the signature you provided."
        }
    }

    public var description: String { "\(awsErrorCode): \(message)" }
}

/// The parts of `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct ParsedAuthorization {
    var accessKeyId: String
    var day: String
    var region: String
    var service: String
    var signedHeaders: [String]
    var signature: String

    static func parse(_ header: String) -> Result<ParsedAuthorization, SigV4VerificationError> {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else { return .failure(.malformedAuthorization("no fields")) }
        let algorithm = String(trimmed[..<space])
        guard algorithm == Canonicalization.algorithm else { return .failure(.unsupportedAlgorithm(algorithm)) }
        var fields: [String: String] = [:]
        for part in trimmed[space...].split(separator: ",") {
            let field = part.trimmingCharacters(in: .whitespaces)
            guard let eq = field.firstIndex(of: "=") else {
                return .failure(.malformedAuthorization("'\(field)' is not name=value"))
            }
            fields[String(field[..<eq])] = String(field[field.index(after: eq)...])
        }
        guard let credential = fields["Credential"] else { return .failure(.malformedAuthorization("no Credential")) }
        guard let signed = fields["SignedHeaders"], !signed.isEmpty else {
            return .failure(.malformedAuthorization("no SignedHeaders"))
        }
        guard let signature = fields["Signature"], !signature.isEmpty else {
            return .failure(.malformedAuthorization("no Signature"))
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == Canonicalization.terminator, !scope[0].isEmpty else {
            return .failure(.malformedAuthorization("Credential must be key/date/region/service/aws4_request"))
        }
        return .success(
            ParsedAuthorization(
                accessKeyId: scope[0], day: scope[1], region: scope[2], service: scope[3],
                signedHeaders: signed.split(separator: ";").map { $0.lowercased() }, signature: signature))
    }
}
