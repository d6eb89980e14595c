import Foundation
import GameLiftAPI
import Testing

/// Every member the service model makes optional decodes when it is missing; unknown enum values pass through.
@Suite struct ModelDecodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try GameLiftJSON.decoder().decode(type, from: Data(json.utf8))
    }

    @Test func anEventWithOnlyItsIdCodeAndTimeDecodes() throws {
        let page = try Self.decode(
            DescribeFleetEventsOutput.self,
            #"{"Events":[{"EventId":"e1","EventCode":"FLEET_STATE_ACTIVE","EventTime":1795000100},"#
                + #"{"EventId":"e2","EventCode":"SOME_FUTURE_CODE","EventTime":1795000200.5,"Count":3},{}]}"#)
        let events = try #require(page.events)
        #expect(events.count == 3)
        #expect(events[0].eventId == "e1" && events[0].message == nil && events[0].resourceId == nil)
        #expect(events[0].eventTime == Date(timeIntervalSince1970: 1_795_000_100))
        #expect(events[1].eventCode.rawValue == "SOME_FUTURE_CODE" && events[1].eventCode.meaning == nil)
        #expect(events[1].count == 3)
        #expect(events[2].eventId.isEmpty)
    }

    @Test func fleetAttributesDecodeComputeTypeAndMissingMembers() throws {
        let page = try Self.decode(
            DescribeFleetAttributesOutput.self,
            #"{"FleetAttributes":[{"FleetId":"fleet-1","ComputeType":"ANYWHERE","Status":"ACTIVE"},"#
                + #"{"FleetArn":"arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-2"},"#
                + #"{"FleetId":"fleet-3","ComputeType":"QUANTUM","OperatingSystem":"AMAZON_LINUX_2099"}]}"#)
        let fleets = try #require(page.fleetAttributes)
        #expect(fleets[0].computeType == .anywhere)
        #expect(fleets[1].fleetId == "fleet-2" && fleets[1].effectiveComputeType == .ec2)
        #expect(fleets[2].computeType?.rawValue == "QUANTUM")
        #expect(fleets[2].operatingSystem?.rawValue == "AMAZON_LINUX_2099")
    }

    @Test func locationAttributesDecodeWithAnyMemberMissing() throws {
        let page = try Self.decode(
            DescribeFleetLocationAttributesOutput.self,
            #"{"FleetId":"fleet-1","LocationAttributes":[{"LocationState":{"Location":"eu-west-1","Status":"ERROR"},"#
                + #""StoppedActions":["AUTO_SCALING"],"UpdateStatus":"PENDING_UPDATE"},{"LocationState":{}},{}],"#
                + #""NextToken":"t"}"#)
        let locations = try #require(page.locationAttributes)
        #expect(locations[0].location == "eu-west-1" && locations[0].status == .error)
        #expect(locations[0].stoppedActions == ["AUTO_SCALING"] && locations[0].updateStatus == "PENDING_UPDATE")
        #expect(locations[1].location == nil && locations[2].status == nil)
        #expect(page.nextToken == "t")
    }

    @Test(arguments: [
        ("/local/game/bin/Server", LaunchPathRoot.Style.linux), (#"C:\game\Server.exe"#, .windows),
        (#"c:\game\Server.exe"#, .windows),
    ])
    func pathsUnderAnInstallRoot(_ path: String, _ style: LaunchPathRoot.Style) throws {
        #expect(LaunchPathRoot.style(of: path) == style)
        #expect(LaunchPathRoot.relativePath(of: path)?.hasSuffix("Server") == true || path.hasSuffix(".exe"))
        // The schema's pattern says the same.
        #expect(path.wholeMatch(of: try Regex(GameLiftLimits.launchPathRootPattern + ".*")) != nil)
    }

    @Test(arguments: [
        "/local/games/Server", #"C:\Game\Server.exe"#, #"D:\game\Server.exe"#, "/opt/game/Server", "bin/x",
    ])
    func pathsOutsideEveryInstallRoot(_ path: String) throws {
        #expect(LaunchPathRoot.style(of: path) == nil)
        #expect(LaunchPathRoot.relativePath(of: path) == nil)
        #expect(path.wholeMatch(of: try Regex(GameLiftLimits.launchPathRootPattern + ".*")) == nil)
    }

    @Test func theStyleOfAnyPathByItsForm() {
        #expect(LaunchPathRoot.anyStyle(of: #"D:\servers\arena.exe"#) == .windows)
        #expect(LaunchPathRoot.anyStyle(of: "e:/servers/arena.exe") == .windows)
        #expect(LaunchPathRoot.anyStyle(of: "/opt/arena/server") == .linux)
        #expect(LaunchPathRoot.anyStyle(of: "arena/server") == nil)
    }
}
