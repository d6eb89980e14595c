import Testing

@testable import GameLiftAPI

@Suite("Fleet identifiers")
struct FleetIdentifierTests {
    @Test(
        arguments: [
            ("fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc", "fleet-2f1c3a9e-1b2c-4d5e-8f90-123456789abc", nil, nil),
            ("containerfleet-1", "containerfleet-1", nil, nil),
            ("arn:aws:gamelift:eu-west-1:123456789012:fleet/fleet-a1", "fleet-a1", "eu-west-1", "123456789012"),
            ("arn:aws-cn:gamelift:cn-north-1:1:containerfleet/containerfleet-9", "containerfleet-9", "cn-north-1", "1"),
        ] as [(String, String, String?, String?)])
    func parses(text: String, fleetId: String, region: String?, account: String?) throws {
        let id = try #require(FleetIdentifier(text))
        #expect(id.fleetId == fleetId)
        #expect(id.arnRegion == region)
        #expect(id.arnAccount == account)
        #expect(id.isARN == (region != nil))
        #expect(id.text == text)
    }

    @Test(arguments: [
        "", "Fleet A", "fleet-", "fleet_1", "FLEET-1", "alias-1", "arn:aws:gamelift:eu-west-1:1:build/build-1",
        "arn:aws:gamelift:eu-west-1:fleet-a1", String(repeating: "a", count: 510) + "fleet-1",
    ])
    func rejects(text: String) {
        #expect(FleetIdentifier(text) == nil)
    }
}
