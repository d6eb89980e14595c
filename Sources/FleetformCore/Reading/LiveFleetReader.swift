import FleetSpec
import GameLiftAPI

/// Reads the live state of fleets: attributes in batches per region (`DescribeFleetAttributes`) and each
/// fleet's runtime configuration (`DescribeRuntimeConfiguration`), concurrently. Never writes.
public struct LiveFleetReader: Sendable {
    public let gameLift: any GameLift
    public let parallelism: Int
    /// Called once for every fleet read, for progress displays.
    public let onFleetRead: @Sendable () -> Void

    public init(gameLift: any GameLift, parallelism: Int = 8, onFleetRead: @escaping @Sendable () -> Void = {}) {
        self.gameLift = gameLift
        self.parallelism = parallelism
        self.onFleetRead = onFleetRead
    }

    /// Reads every fleet the keys name. A fleet that cannot be read gets an `error`, never a throw.
    public func observe(_ keys: [FleetKey]) async -> [FleetKey: ObservedFleet] {
        let attributes = await readAttributes(keys)
        let gameLift = self.gameLift
        let onFleetRead = self.onFleetRead
        let observed = await boundedMap(keys, limit: parallelism) { key -> (FleetKey, ObservedFleet) in
            defer { onFleetRead() }
            do {
                let output = try await gameLift.describeRuntimeConfiguration(
                    DescribeRuntimeConfigurationInput(fleetId: key.fleetId), region: key.region)
                return (key, ObservedFleet(attributes: attributes[key], configuration: output.runtimeConfiguration))
            } catch {
                return (key, ObservedFleet(attributes: attributes[key], error: ServiceErrorInfo(error)))
            }
        }
        return Dictionary(observed, uniquingKeysWith: { a, _ in a })
    }

    /// Reads one fleet's current configuration (used by apply to re-check before writing).
    public func configuration(of key: FleetKey) async throws -> RuntimeConfiguration {
        let output = try await gameLift.describeRuntimeConfiguration(
            DescribeRuntimeConfigurationInput(fleetId: key.fleetId), region: key.region)
        return output.runtimeConfiguration ?? RuntimeConfiguration()
    }

    /// Reads one fleet's status.
    public func status(of key: FleetKey) async throws -> FleetStatus? {
        let output = try await gameLift.describeFleetAttributes(
            DescribeFleetAttributesInput(fleetIds: [key.fleetId]), region: key.region)
        return output.fleetAttributes?.first { $0.fleetId == key.fleetId }?.status
    }

    private func readAttributes(_ keys: [FleetKey]) async -> [FleetKey: FleetAttributes] {
        let byRegion = Dictionary(grouping: keys, by: \.region)
        var batches: [(String, [String])] = []
        for region in byRegion.keys.sorted() {
            let ids = (byRegion[region] ?? []).map(\.fleetId)
            for start in stride(from: 0, to: ids.count, by: GameLiftLimits.fleetAttributesBatch) {
                batches.append(
                    (region, Array(ids[start..<min(ids.count, start + GameLiftLimits.fleetAttributesBatch)])))
            }
        }
        let gameLift = self.gameLift
        let results = await boundedMap(batches, limit: parallelism) { batch -> [FleetAttributes] in
            let (region, ids) = batch
            if let all = try? await gameLift.describeFleetAttributes(
                DescribeFleetAttributesInput(fleetIds: ids), region: region)
            {
                return all.fleetAttributes ?? []
            }
            // One unreadable fleet can fail a whole batch; read the batch one by one so the others still count.
            var found: [FleetAttributes] = []
            for id in ids {
                if let one = try? await gameLift.describeFleetAttributes(
                    DescribeFleetAttributesInput(fleetIds: [id]), region: region)
                {
                    found += one.fleetAttributes ?? []
                }
            }
            return found
        }
        var table: [FleetKey: FleetAttributes] = [:]
        for (batch, attributes) in zip(batches, results) {
            for a in attributes { table[FleetKey(region: batch.0, fleetId: a.fleetId)] = a }
        }
        return table
    }
}
