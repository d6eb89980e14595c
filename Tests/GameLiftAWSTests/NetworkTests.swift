import Foundation
import GameLiftAPI
import SigV4
import Testing

@testable import GameLiftAWS

@Suite("Proxies, CA bundles, User-Agent and endpoints")
struct NetworkTests {
    static let keys = ["AWS_ACCESS_KEY_ID": "AKIDNET", "AWS_SECRET_ACCESS_KEY": "net-secret"]

    @Test("HTTP_PROXY carries http requests in absolute form; STS and GameLift both go through it, signed as usual")
    func httpProxy() async throws {
        let home = try TempHome(
            config:
                "[profile prod]\nrole_arn = arn:aws:iam::222233334444:role/deploy\ncredential_source = Environment\n")
        let stand = AWSStandIn(knownKeys: ["AKIDNET": "net-secret"])
        try await withStubServer(stand.handle) { url, _ in
            try await withForwardProxy { proxy, proxied in
                var environment = AWSStandIn.environment(url).merging(Self.keys) { $1 }
                environment["http_proxy"] = proxy
                try await withStandardClient(environment: environment, home: home.path, profile: "prod") { client, _ in
                    _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                }
                #expect(stand.signedBy.map(\.accessKey) == ["AKIDNET", "ASIAROLEDEPLOY"])
                #expect(!proxied.all.isEmpty)
                // As botocore and curl send plain http to a proxy: the request itself, its target the whole URL.
                #expect(proxied.all.allSatisfy { $0 == "POST \(url)/" }, "\(proxied.all)")
            }
        }
    }

    @Test("NO_PROXY hosts are reached directly")
    func noProxy() async throws {
        let stand = AWSStandIn(knownKeys: ["AKIDNET": "net-secret"])
        try await withStubServer(stand.handle) { url, _ in
            try await withForwardProxy { proxy, proxied in
                var environment = AWSStandIn.environment(url).merging(Self.keys) { $1 }
                environment["HTTP_PROXY"] = proxy
                environment["NO_PROXY"] = "example.com,127.0.0.0/8"
                try await withStandardClient(environment: environment, home: "/nonexistent-home") { client, _ in
                    _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                }
                #expect(stand.signedBy.count == 1)
                #expect(proxied.all.isEmpty)
            }
        }
    }

    @Test("the TLS stand-in is reached only when AWS_CA_BUNDLE names its certificate; HTTPS_PROXY tunnels with CONNECT")
    func caBundleAndConnect() async throws {
        let home = try TempHome()
        let bundle = try home.write("stand-in.pem", StandInCertificate.certificatePEM)
        try await withTLSStandIn { port, answered in
            var environment = Self.keys.merging([
                "AWS_ENDPOINT_URL_GAMELIFT": "https://127.0.0.1:\(port)", "AWS_EC2_METADATA_DISABLED": "true",
            ]) { $1 }
            try await withStandardClient(environment: environment, home: home.path) { client, _ in
                let error = await #expect(throws: GameLiftTransportError.self) {
                    _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                }
                #expect(error?.kind == .connection)
            }
            #expect(answered.all.isEmpty)

            environment["AWS_CA_BUNDLE"] = bundle
            try await withStandardClient(environment: environment, home: home.path) { client, _ in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            }
            #expect(answered.all.count == 1)

            try await withForwardProxy { proxy, proxied in
                environment["HTTPS_PROXY"] = proxy
                try await withStandardClient(environment: environment, home: home.path) { client, _ in
                    _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                }
                #expect(proxied.all == ["CONNECT 127.0.0.1:\(port)"])
            }
            #expect(answered.all.count == 2)
        }
    }

    @Test(
        "a proxy that lets nothing through fails every request at once, with one error naming it and not its password",
        arguments: ["https://127.0.0.1:1", "http://127.0.0.1:1"])
    func refusingProxy(endpoint: String) async throws {
        try await withRefusingProxy { proxy, seen in
            var environment = Self.keys.merging(["AWS_ENDPOINT_URL_GAMELIFT": endpoint, "AWS_REGION": "us-west-2"]) {
                $1
            }
            let withPassword = proxy.replacingOccurrences(of: "http://", with: "http://alice:hunter2@")
            environment[endpoint.hasPrefix("https") ? "HTTPS_PROXY" : "HTTP_PROXY"] = withPassword
            try await withStandardClient(environment: environment, home: "/nonexistent-home") { client, _ in
                var messages: [String] = []
                for _ in 0..<3 {
                    let error = await #expect(throws: GameLiftTransportError.self) {
                        _ = try await client.send(ListFleetsInput(), region: "us-west-2")
                    }
                    #expect(error?.kind == .proxy)
                    #expect(error.map { ErrorDisposition.of($0) } == .fail)
                    messages.append(error?.description ?? "")
                }
                let named = proxy.replacingOccurrences(of: "http://", with: "")
                #expect(messages.allSatisfy { $0.contains("proxy \(named)") && !$0.contains("hunter2") }, "\(messages)")
                #expect(Set(messages).count == 1)
                #expect(client.proxyFailure?.message == messages.first)
            }
            // The first request opened the circuit: the proxy saw one request, not a retry storm.
            #expect(seen.all.count == 1, "\(seen.all)")
        }
    }

    @Test("a CA bundle that is not PEM is a clear error naming it")
    func badBundle() throws {
        let home = try TempHome()
        let bundle = try home.write("broken.pem", "not a certificate")
        let settings = try AWSSettings.resolve(environment: ["AWS_CA_BUNDLE": bundle], homeDirectory: home.path)
        let error = #expect(throws: AWSConfigurationError.self) { _ = try AWSTransport(settings: settings) }
        #expect(error?.description.contains(bundle) == true)
    }

    @Test("a proxy URL with a password never shows it")
    func proxyPasswordHidden() throws {
        let settings = try AWSSettings.resolve(
            environment: ["HTTPS_PROXY": "http://alice:hunter2@proxy.corp:3128"], homeDirectory: "/nonexistent-home")
        let proxy = try #require(settings.network.httpsProxy)
        #expect(proxy.description == "proxy.corp:3128")
        #expect(proxy.username == "alice")
        let error = #expect(throws: AWSConfigurationError.self) {
            _ = try AWSSettings.resolve(
                environment: ["HTTPS_PROXY": "socks5://alice:hunter2@proxy.corp:1080"],
                homeDirectory: "/nonexistent-home")
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test(
        "NO_PROXY matching as curl does",
        arguments: [
            ("example.com", "api.example.com", nil, true), (".example.com", "example.com", nil, true),
            ("example.com", "notexample.com", nil, false), ("*", "anything", nil, true),
            ("10.0.0.0/8", "10.1.2.3", nil, true), ("10.0.0.0/8", "11.1.2.3", nil, false),
            ("host:8443", "host", 8443, true), ("host:8443", "host", 443, false),
        ] as [(String, String, Int?, Bool)])
    func noProxyRules(rules: String, host: String, port: Int?, bypass: Bool) {
        #expect(NoProxyRules(rules).bypasses(host: host, port: port) == bypass)
    }

    @Test("requests carry fleetform's User-Agent and AWS_SDK_UA_APP_ID")
    func userAgent() async throws {
        let stand = AWSStandIn(knownKeys: ["AKIDNET": "net-secret"])
        try await withStubServer(stand.handle) { url, log in
            var environment = AWSStandIn.environment(url).merging(Self.keys) { $1 }
            environment["AWS_SDK_UA_APP_ID"] = "studio-ci"
            let settings = try AWSSettings.resolve(environment: environment, homeDirectory: "/h", toolVersion: "9.8.7")
            #expect(settings.network.userAgent == "fleetform/9.8.7 app/studio-ci")
            try await withStandardClient(environment: environment, home: "/nonexistent-home") { client, _ in
                _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            }
            #expect(log.all.first?.header("user-agent")?.hasSuffix("app/studio-ci") == true)
        }
    }

    @Test(
        "standard endpoints come from the partition table",
        arguments: [
            ("us-west-2", "https://sts.us-west-2.amazonaws.com/"),
            ("cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn/"),
            ("us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com/"),
            ("us-iso-east-1", "https://sts.us-iso-east-1.c2s.ic.gov/"),
            ("us-isob-east-1", "https://sts.us-isob-east-1.sc2s.sgov.gov/"),
            ("eusc-de-east-1", "https://sts.eusc-de-east-1.amazonaws.eu/"),
            ("eu-isoe-west-1", "https://sts.eu-isoe-west-1.cloud.adc-e.uk/"),
            ("us-isof-south-1", "https://sts.us-isof-south-1.csp.hci.ic.gov/"),
            ("ap-future-9", "https://sts.ap-future-9.amazonaws.com/"),
            ("cn-future-3", "https://sts.cn-future-3.amazonaws.com.cn/"),
        ])
    func partitions(region: String, endpoint: String) throws {
        let settings = try AWSSettings.resolve(environment: [:], homeDirectory: "/nonexistent-home")
        #expect(try settings.serviceEndpoint(.sts, region: region).absoluteString == endpoint)
    }

    @Test("FIPS and dual-stack: honoured for STS, refused with a reason for GameLift")
    func fipsAndDualStack() throws {
        let fips = try AWSSettings.resolve(environment: ["AWS_USE_FIPS_ENDPOINT": "true"], homeDirectory: "/h")
        #expect(
            try fips.serviceEndpoint(.sts, region: "us-east-1").absoluteString
                == "https://sts-fips.us-east-1.amazonaws.com/")
        #expect(
            try fips.serviceEndpoint(.sts, region: "us-gov-west-1").absoluteString
                == "https://sts.us-gov-west-1.amazonaws.com/")
        let error = #expect(throws: AWSConfigurationError.self) { _ = try fips.endpoint(for: "us-east-1") }
        #expect(error?.description.contains("GameLift has no FIPS endpoints") == true)
        let dual = try AWSSettings.resolve(environment: ["AWS_USE_DUALSTACK_ENDPOINT": "true"], homeDirectory: "/h")
        #expect(
            try dual.serviceEndpoint(.ssoOIDC, region: "eu-west-1").absoluteString == "https://oidc.eu-west-1.api.aws/")
        #expect(throws: AWSConfigurationError.self) { _ = try dual.endpoint(for: "us-east-1") }
        #expect(throws: AWSConfigurationError.self) {
            _ = try AWSSettings.resolve(environment: ["AWS_USE_FIPS_ENDPOINT": "yes"], homeDirectory: "/h")
        }
    }

    @Test("service endpoints resolve like the GameLift one: variable, AWS_ENDPOINT_URL, services section")
    func serviceEndpoints() throws {
        let home = try TempHome(
            config: """
                [profile ci]
                services = local
                [services local]
                sts =
                  endpoint_url = http://127.0.0.1:7001
                sso_oidc =
                  endpoint_url = http://127.0.0.1:7002
                """)
        let settings = try AWSSettings.resolve(
            profile: "ci", environment: ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:7003"], homeDirectory: home.path)
        #expect(try settings.serviceEndpoint(.sts, region: "us-east-1").absoluteString == "http://127.0.0.1:7001")
        #expect(try settings.serviceEndpoint(.ssoOIDC, region: "us-east-1").absoluteString == "http://127.0.0.1:7002")
        #expect(try settings.serviceEndpoint(.sso, region: "us-east-1").absoluteString == "http://127.0.0.1:7003")
        let global = try AWSSettings.resolve(
            profile: "ci", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:7010"], homeDirectory: home.path)
        #expect(try global.serviceEndpoint(.sso, region: "us-east-1").absoluteString == "http://127.0.0.1:7010")
        #expect(try global.serviceEndpoint(.sts, region: "us-east-1").absoluteString == "http://127.0.0.1:7010")
    }

    @Test("sts_regional_endpoints = legacy: botocore's regions go to sts.amazonaws.com, signed for us-east-1")
    func legacySTSEndpoints() throws {
        let home = try TempHome(config: "[default]\nsts_regional_endpoints = legacy\n")
        let legacy = try AWSSettings.resolve(environment: [:], homeDirectory: home.path)
        #expect(try legacy.serviceEndpoint(.sts, region: "eu-west-1").absoluteString == "https://sts.amazonaws.com/")
        #expect(legacy.signingRegion(.sts, region: "eu-west-1") == "us-east-1")
        // A region added after regional endpoints existed stays regional, as do the other services.
        #expect(
            try legacy.serviceEndpoint(.sts, region: "ap-east-1").absoluteString
                == "https://sts.ap-east-1.amazonaws.com/")
        #expect(legacy.signingRegion(.sts, region: "ap-east-1") == "ap-east-1")
        #expect(
            try legacy.serviceEndpoint(.sso, region: "eu-west-1").absoluteString
                == "https://portal.sso.eu-west-1.amazonaws.com/")
        // The environment beats the profile; regional is the default; FIPS is never global.
        let regional = try AWSSettings.resolve(
            environment: ["AWS_STS_REGIONAL_ENDPOINTS": "regional"], homeDirectory: home.path)
        #expect(
            try regional.serviceEndpoint(.sts, region: "eu-west-1").absoluteString
                == "https://sts.eu-west-1.amazonaws.com/")
        let fips = try AWSSettings.resolve(environment: ["AWS_USE_FIPS_ENDPOINT": "true"], homeDirectory: home.path)
        #expect(
            try fips.serviceEndpoint(.sts, region: "us-east-1").absoluteString
                == "https://sts-fips.us-east-1.amazonaws.com/")
        #expect(throws: AWSConfigurationError.self) {
            try AWSSettings.resolve(environment: ["AWS_STS_REGIONAL_ENDPOINTS": "global"], homeDirectory: home.path)
        }
    }
}
