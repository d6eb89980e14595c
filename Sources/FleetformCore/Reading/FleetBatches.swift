import GameLiftAPI

/// Fleets in batches for GameLift's batch reads: one Region and one connection (account) per batch, at most
/// `size` fleets each, Regions in order and fleet ids sorted within them, so the requests are the same run to run.
enum FleetBatches {
    static func of(_ keys: some Sequence<FleetKey>, size: Int, gameLift: any GameLift) -> [(
        region: String, ids: [String]
    )] {
        let groups = Dictionary(grouping: Set(keys)) { key in
            RegionGroup(region: key.region, connection: gameLift.connectionGroup(of: key.fleetId))
        }
        var batches: [(region: String, ids: [String])] = []
        for group in groups.keys.sorted(by: { ($0.region, $0.connection) < ($1.region, $1.connection) }) {
            let ids = (groups[group] ?? []).map(\.fleetId).sorted()
            for start in stride(from: 0, to: ids.count, by: max(1, size)) {
                batches.append((group.region, Array(ids[start..<min(ids.count, start + max(1, size))])))
            }
        }
        return batches
    }

    private struct RegionGroup: Hashable {
        var region: String
        var connection: Int
    }
}
