import AsyncHTTPClient
import Foundation
import SigV4

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`), as CI OIDC sets up.
public struct WebIdentityCredentialSource: CredentialSource {
    public let environment: [String: String]
    let exchange: WebIdentityExchange
    public var name: String { "web identity" }

    init(environment: [String: String], exchange: WebIdentityExchange) {
        self.environment = environment
        self.exchange = exchange
    }

    /// Exchanges the token file's token at STS when both variables are set.
    public func resolve() async throws -> CredentialSourceResult {
        let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let role = environment["AWS_ROLE_ARN"].flatMap { $0.isEmpty ? nil : $0 }
        switch (tokenFile, role) {
        case (nil, nil): return .notApplicable("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set")
        case (nil, .some):
            throw CredentialsError(source: name, message: "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not")
        case (.some, nil):
            throw CredentialsError(source: name, message: "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        case (.some(let file), .some(let role)):
            return .found(
                try await exchange.assumeRole(
                    roleArn: role, tokenFile: file, sessionName: environment["AWS_ROLE_SESSION_NAME"], source: name))
        }
    }
}

/// STS `AssumeRoleWithWebIdentity`: an unsigned form POST answered in XML.
struct WebIdentityExchange: Sendable {
    let settings: AWSSettings
    let httpClient: HTTPClient
    let now: @Sendable () -> Date

    init(settings: AWSSettings, httpClient: HTTPClient, now: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.httpClient = httpClient
        self.now = now
    }

    var endpoint: String {
        if let url = settings.stsEndpointOverride { return url.absoluteString }
        let region = settings.defaultRegion ?? "us-east-1"
        return "https://sts.\(region).amazonaws.com\(region.hasPrefix("cn-") ? ".cn" : "")/"
    }

    func assumeRole(roleArn: String, tokenFile: String, sessionName: String?, source: String) async throws
        -> AWSCredentials
    {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
        } catch {
            throw CredentialsError(source: source, message: "cannot read the web identity token file \(tokenFile)")
        }
        guard !token.isEmpty else {
            throw CredentialsError(source: source, message: "the web identity token file \(tokenFile) is empty")
        }
        let session =
            sessionName.flatMap { $0.isEmpty ? nil : $0 }
            ?? "fleetform-\(Int(now().timeIntervalSince1970))"
        let form = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleArn),
            ("RoleSessionName", session), ("WebIdentityToken", token),
        ].map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        let answer: HTTPExchange.Answer
        do {
            answer = try await HTTPExchange(client: httpClient).send(
                method: .POST, url: endpoint,
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), ("Accept", "text/xml"),
                ],
                body: Array(form.utf8), timeout: settings.requestTimeout)
        } catch {
            throw CredentialsError(source: source, message: "STS at \(endpoint) did not answer: \(error)")
        }
        let fields = XMLFields.parse(answer.body)
        guard answer.status == 200 else {
            let code = fields["Code"] ?? "HTTP \(answer.status)"
            throw CredentialsError(
                source: source,
                message:
                    "STS AssumeRoleWithWebIdentity for \(roleArn) failed: \(code): \(fields["Message"] ?? "no message")"
            )
        }
        guard let id = fields["AccessKeyId"], let secret = fields["SecretAccessKey"],
            let sessionToken = fields["SessionToken"]
        else {
            throw CredentialsError(source: source, message: "STS answered 200 without Credentials in its XML")
        }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: sessionToken,
            expiration: fields["Expiration"].flatMap(parseCredentialExpiration))
    }

    private func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// The text of each leaf element of an XML document by element name (first occurrence wins): enough for
/// STS answers and error documents, whose field names are unique.
enum XMLFields {
    static func parse(_ bytes: [UInt8]) -> [String: String] {
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = collector
        _ = parser.parse()
        return collector.fields
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var fields: [String: String] = [:]
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty, fields[elementName] == nil { fields[elementName] = value }
            text = ""
        }
    }
}
