import AsyncHTTPClient
import Foundation
import GameLiftAPI
import Logging
import SigV4
import Testing

@testable import GameLiftAWS

@Suite("AWSGameLift over HTTP")
struct AWSGameLiftTests {
    static let secret = "client/test+secret"
    static let token = "client-session-token-VALUE"
    static let credentials = AWSCredentials(
        accessKeyId: "ASIACLIENTTEST", secretAccessKey: secret, sessionToken: token)
    static let signingDate = Date(timeIntervalSince1970: 1_795_000_000)

    /// The GameLift stand-in: checks the request shape and the signature, then answers `answer`.
    static func gameLiftStub(
        expectTarget: String, expectBody: String? = nil, answer: StubAnswer
    ) -> @Sendable (ReceivedRequest) async -> StubAnswer {
        { request in
            var problems: [String] = []
            if request.method != "POST" || request.path != "/" { problems.append("not POST /") }
            if request.header("x-amz-target") != expectTarget {
                problems.append("target \(request.header("x-amz-target") ?? "none")")
            }
            if request.header("content-type") != "application/x-amz-json-1.1" { problems.append("content type") }
            if let expectBody, request.bodyText != expectBody { problems.append("body \(request.bodyText)") }
            let verified = SigV4Verifier.verify(
                request.sigV4, now: signingDate, expectedService: "gamelift", expectedRegion: "us-west-2"
            ) { $0 == credentials.accessKeyId ? secret : nil }
            if case .failure(let error) = verified { problems.append("signature: \(error)") }
            if case .success(let identity) = verified, identity.sessionToken != token { problems.append("token") }
            guard problems.isEmpty else {
                return .json(
                    #"{"__type":"StubCheckFailed","message":"\#(problems.joined(separator: "; "))"}"#, status: 400)
            }
            return answer
        }
    }

    func withClient<T: Sendable>(
        _ url: String, logger: Logger = Logger(label: "test"), _ body: (AWSGameLift) async throws -> T
    ) async throws -> T {
        let settings = try AWSSettings.resolve(
            region: "us-west-2", environment: ["AWS_ENDPOINT_URL_GAMELIFT": url], homeDirectory: "/nonexistent-home")
        let client = AWSGameLift(
            settings: settings, credentials: StaticCredentialsProvider(Self.credentials), logger: logger,
            now: { Self.signingDate })
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try await client.shutdown()
            throw error
        }
    }

    @Test func describeRuntimeConfigurationEndToEnd() async throws {
        let answer = StubAnswer.json(
            #"{"RuntimeConfiguration":{"ServerProcesses":[{"LaunchPath":"/local/game/server","ConcurrentExecutions":2}],"MaxConcurrentGameSessionActivations":5}}"#,
            headers: [("x-amzn-RequestId", "rid-1")])
        let stub = Self.gameLiftStub(
            expectTarget: "GameLift.DescribeRuntimeConfiguration", expectBody: #"{"FleetId":"fleet-123"}"#,
            answer: answer)
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let output = try await client.send(
                    DescribeRuntimeConfigurationInput(fleetId: "fleet-123"), region: "us-west-2")
                let processes = try #require(output.runtimeConfiguration?.serverProcesses)
                #expect(processes.first?.launchPath == "/local/game/server")
                #expect(processes.first?.concurrentExecutions == 2)
            }
        }
    }

    @Test("DescribeFleetCapacity and DescribeFleetUtilization: GameLift's JSON shapes, paging members included")
    func capacityAndUtilizationWireShapes() async throws {
        let capacity = StubAnswer.json(
            #"{"FleetCapacity":[{"FleetId":"fleet-123","FleetArn":"arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-123","InstanceType":"c5.large","InstanceCounts":{"DESIRED":10,"MINIMUM":1,"MAXIMUM":20,"PENDING":0,"ACTIVE":10,"IDLE":3,"TERMINATING":0},"Location":"us-west-2"}],"NextToken":"page-2"}"#
        )
        let stub = Self.gameLiftStub(
            expectTarget: "GameLift.DescribeFleetCapacity",
            expectBody: #"{"FleetIds":["fleet-123","fleet-456"],"Limit":2,"NextToken":"page-1"}"#, answer: capacity)
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let output = try await client.send(
                    DescribeFleetCapacityInput(fleetIds: ["fleet-123", "fleet-456"], limit: 2, nextToken: "page-1"),
                    region: "us-west-2")
                let entry = try #require(output.fleetCapacity?.first)
                #expect(
                    entry.fleetId == "fleet-123" && entry.instanceType == "c5.large" && entry.location == "us-west-2")
                #expect(
                    entry.instanceCounts
                        == InstanceCounts(
                            desired: 10, minimum: 1, maximum: 20, pending: 0, active: 10, idle: 3, terminating: 0))
                #expect(output.nextToken == "page-2")
            }
        }
        let use = StubAnswer.json(
            #"{"FleetUtilization":[{"FleetArn":"arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-123","ActiveServerProcessCount":40,"ActiveGameSessionCount":31,"CurrentPlayerSessionCount":120,"MaximumPlayerSessionCount":320,"Location":"us-west-2"}]}"#
        )
        let useStub = Self.gameLiftStub(
            expectTarget: "GameLift.DescribeFleetUtilization", expectBody: #"{"FleetIds":["fleet-123"]}"#, answer: use)
        try await withStubServer(useStub) { url, _ in
            try await withClient(url) { client in
                let output = try await client.send(
                    DescribeFleetUtilizationInput(fleetIds: ["fleet-123"]), region: "us-west-2")
                let entry = try #require(output.fleetUtilization?.first)
                #expect(entry.resolvedFleetId == "fleet-123", "the id comes from the ARN when FleetId is absent")
                #expect(entry.activeGameSessionCount == 31 && entry.activeServerProcessCount == 40)
                #expect(entry.currentPlayerSessionCount == 120 && entry.maximumPlayerSessionCount == 320)
                #expect(output.nextToken == nil)
            }
        }
    }

    @Test func emptyInputIsSentAsEmptyObject() async throws {
        let stub = Self.gameLiftStub(
            expectTarget: "GameLift.ListFleets", expectBody: "{}", answer: .json(#"{"FleetIds":["fleet-a","fleet-b"]}"#)
        )
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let output = try await client.send(ListFleetsInput(), region: "us-west-2")
                #expect(output.fleetIds == ["fleet-a", "fleet-b"])
            }
        }
    }

    @Test func timestampsTravelAsEpochSeconds() async throws {
        let stub = Self.gameLiftStub(
            expectTarget: "GameLift.DescribeFleetEvents",
            expectBody: #"{"FleetId":"fleet-1","StartTime":1795000000}"#,
            answer: .json(
                #"{"Events":[{"EventId":"e1","ResourceId":"fleet-1","EventCode":"FLEET_STATE_ACTIVE","Message":"ok","EventTime":1795000100.5}]}"#
            ))
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let output = try await client.send(
                    DescribeFleetEventsInput(fleetId: "fleet-1", startTime: Self.signingDate), region: "us-west-2")
                #expect(output.events?.first?.eventTime == Date(timeIntervalSince1970: 1_795_000_100.5))
            }
        }
    }

    @Test func serviceErrorsAreDecoded() async throws {
        let answer = StubAnswer.json(
            #"{"__type":"com.amazonaws.gamelift#InvalidFleetStatusException","message":"fleet is ACTIVATING"}"#,
            status: 400, headers: [("x-amzn-RequestId", "rid-err")])
        let stub = Self.gameLiftStub(expectTarget: "GameLift.UpdateRuntimeConfiguration", answer: answer)
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let input = UpdateRuntimeConfigurationInput(
                    fleetId: "fleet-1", runtimeConfiguration: RuntimeConfiguration(serverProcesses: []))
                let error = await #expect(throws: GameLiftServiceError.self) {
                    try await client.send(input, region: "us-west-2")
                }
                #expect(error?.code == .invalidFleetStatus)
                #expect(error?.requestId == "rid-err")
                #expect(error?.httpStatus == 400)
            }
        }
    }

    @Test func emptyServerErrorStillSaysSomething() async throws {
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { _ in StubAnswer(status: 503) }
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let error = await #expect(throws: GameLiftServiceError.self) {
                    try await client.send(ListFleetsInput(), region: "us-west-2")
                }
                #expect(error?.code == .serviceUnavailable)
                #expect(error.map { ErrorDisposition.of($0) } == .retry)
            }
        }
    }

    @Test func noAnswerIsATransportError() async throws {
        try await withClient("http://127.0.0.1:1") { client in
            let error = await #expect(throws: GameLiftTransportError.self) {
                try await client.send(ListFleetsInput(), region: "us-west-2")
            }
            #expect(error?.kind == .connection)
            #expect(error?.description.contains("127.0.0.1:1") == true)
        }
    }

    @Test func timeoutsAreTransportTimeouts() {
        for timeout in [HTTPClientError.connectTimeout, .readTimeout, .deadlineExceeded] {
            #expect(HTTPExchange.transportError(timeout, url: "http://x/").kind == .timeout)
        }
        #expect(
            HTTPExchange.transportError(HTTPClientError.remoteConnectionClosed, url: "http://x/").kind == .connection)
    }

    @Test func everyCallIsSignedAfresh() async throws {
        let clock = ManualClock(Self.signingDate)
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { _ in .json("{}") }
        try await withStubServer(stub) { url, log in
            let settings = try AWSSettings.resolve(
                region: "us-west-2", environment: ["AWS_ENDPOINT_URL": url], homeDirectory: "/nonexistent-home")
            let client = AWSGameLift(
                settings: settings, credentials: StaticCredentialsProvider(Self.credentials),
                logger: Logger(label: "test"), now: { clock.now })
            _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            clock.advance(1)
            _ = try await client.send(ListFleetsInput(), region: "us-west-2")
            try await client.shutdown()
            let dates = log.all.compactMap { $0.header("x-amz-date") }
            let signatures = log.all.compactMap { $0.header("authorization") }
            #expect(dates.count == 2 && dates[0] != dates[1])
            #expect(Set(signatures).count == 2)
        }
    }

    @Test func undecodableSuccessIsAnError() async throws {
        let stub: @Sendable (ReceivedRequest) async -> StubAnswer = { _ in .json(#"{"FleetIds":"not-a-list"}"#) }
        try await withStubServer(stub) { url, _ in
            try await withClient(url) { client in
                let error = await #expect(throws: GameLiftServiceError.self) {
                    try await client.send(ListFleetsInput(), region: "us-west-2")
                }
                #expect(error?.code.rawValue == "InvalidResponse")
            }
        }
    }
}
