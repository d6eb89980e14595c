import FleetSpec
import GameLiftAPI

/// Reads the live state of fleets: attributes in batches per region (`DescribeFleetAttributes`, every page),
/// each fleet's runtime configuration (`DescribeRuntimeConfiguration`) and, for EC2 fleets, its remote
/// locations (`DescribeFleetLocationAttributes`, every page), concurrently. Never writes.
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
        let regions = Set(keys.map(\.region))
        let onFleetRead = self.onFleetRead
        let observed = await boundedMap(keys, limit: parallelism) { [self] key -> (FleetKey, ObservedFleet) in
            defer { onFleetRead() }
            return (key, await observe(key, attributes: attributes[key], regions: regions))
        }
        return Dictionary(observed, uniquingKeysWith: { a, _ in a })
    }

    /// Reads one fleet whose attributes were read already (`readAttributes`): its runtime configuration and
    /// its remote locations. `regions` are the Regions of the run, searched for the home Region of a fleet
    /// that is not found in its own. Never throws: a fleet that cannot be read gets an `error`.
    public func observe(_ key: FleetKey, attributes: FleetAttributes?, regions: Set<String>) async -> ObservedFleet {
        if FleetIdentifier(unchecked: key.fleetId).isContainerFleet {
            return ObservedFleet(attributes: attributes, error: Self.containerFleetError(key))
        }
        // Both reads at once: the locations need only the attributes, and a fleet's reads then cost one round
        // trip, not two.
        async let locations = Self.locations(of: key, attributes: attributes, gameLift: gameLift)
        do {
            let output = try await gameLift.send(
                DescribeRuntimeConfigurationInput(fleetId: key.fleetId), region: key.region)
            return ObservedFleet(
                attributes: attributes, configuration: output.runtimeConfiguration, locations: await locations)
        } catch {
            _ = await locations
            var observed = ObservedFleet(attributes: attributes, error: ServiceErrorInfo(error))
            // A fleet not found in its file's Region may have been named by a remote location: GameLift answers
            // only in the home Region. Look for it in the other Regions of this run and say which one it is.
            if observed.error?.code == GameLiftErrorCode.notFound.rawValue,
                let home = await homeRegion(of: key, among: regions.subtracting([key.region]).sorted())
            {
                observed.error = ServiceErrorInfo(
                    code: "RemoteLocation",
                    message: "\(key.region) is a remote location of fleet \(key.fleetId), whose home Region is "
                        + "\(home); GameLift manages the fleet from its home Region: set `Region: \(home)`")
            }
            return observed
        }
    }

    /// The Region among `candidates` whose fleet `key.fleetId` has `key.region` as a remote location.
    func homeRegion(of key: FleetKey, among candidates: [String]) async -> String? {
        for region in candidates {
            let input = DescribeFleetLocationAttributesInput(fleetId: key.fleetId, locations: [key.region])
            guard let output = try? await gameLift.send(input, region: region) else {
                continue
            }
            if output.locationAttributes?.contains(where: { $0.location == key.region }) == true { return region }
        }
        return nil
    }

    /// Reads one fleet's current configuration (used by apply to re-check before writing).
    public func configuration(of key: FleetKey) async throws -> RuntimeConfiguration {
        let output = try await gameLift.send(
            DescribeRuntimeConfigurationInput(fleetId: key.fleetId), region: key.region)
        return output.runtimeConfiguration ?? RuntimeConfiguration()
    }

    /// What a container fleet reads as: it has no runtime configuration.
    static func containerFleetError(_ key: FleetKey) -> ServiceErrorInfo {
        ServiceErrorInfo(
            code: "ContainerFleet",
            message: "\(key.fleetId) is a container fleet: it has no runtime configuration; manage it with its "
                + "container group definition")
    }

    /// The remote locations of an EC2 fleet, every page; `nil` for other fleets or when they cannot be read
    /// (a location read that fails never fails the fleet).
    static func locations(of key: FleetKey, attributes: FleetAttributes?, gameLift: any GameLift) async
        -> [LocationAttributes]?
    {
        guard attributes?.effectiveComputeType ?? .ec2 == .ec2 else { return nil }
        return try? await Pagination.all(.describeFleetLocationAttributes, region: key.region) { token in
            let page = try await gameLift.send(
                DescribeFleetLocationAttributesInput(fleetId: key.fleetId, nextToken: token), region: key.region)
            return (page.locationAttributes ?? [], page.nextToken)
        }
    }

    /// Reads one fleet's status.
    public func status(of key: FleetKey) async throws -> FleetStatus? {
        let output = try await gameLift.send(
            DescribeFleetAttributesInput(fleetIds: [key.fleetId]), region: key.region)
        return output.fleetAttributes?.first { $0.fleetId == key.fleetId }?.status
    }

    /// The attributes of every fleet the keys name, in batches per Region (`DescribeFleetAttributes`); a fleet
    /// that cannot be read is missing from the answer. `keeping`: what of each fleet's attributes to keep, taken
    /// as each batch arrives, so that what is dropped is never held for all the fleets at once.
    public func readAttributes(
        _ keys: [FleetKey], keeping: @escaping @Sendable (FleetAttributes) -> FleetAttributes = { $0 }
    ) async -> [FleetKey: FleetAttributes] {
        let batches = FleetBatches.of(keys, size: GameLiftLimits.fleetAttributesBatch, gameLift: gameLift)
        let gameLift = self.gameLift
        var table: [FleetKey: FleetAttributes] = [:]
        table.reserveCapacity(keys.count)
        await boundedForEach(batches, limit: parallelism) { batch -> [FleetAttributes] in
            let (region, ids) = batch
            if let all = try? await Self.attributes(ids, region: region, gameLift: gameLift) { return all.map(keeping) }
            // One unreadable fleet can fail a whole batch; read the batch one by one so the others still count.
            var found: [FleetAttributes] = []
            for id in ids {
                if let one = try? await Self.attributes([id], region: region, gameLift: gameLift) {
                    found += one.map(keeping)
                }
            }
            return found
        } collect: { index, attributes in
            for a in attributes { table[FleetKey(region: batches[index].region, fleetId: a.fleetId)] = a }
        }
        return table
    }

    /// `DescribeFleetAttributes` for `ids`, following `NextToken` should the service page the answer.
    static func attributes(_ ids: [String], region: String, gameLift: any GameLift) async throws -> [FleetAttributes] {
        try await Pagination.all(.describeFleetAttributes, region: region) { token in
            let page = try await gameLift.send(
                DescribeFleetAttributesInput(fleetIds: ids, nextToken: token), region: region)
            return (page.fleetAttributes ?? [], page.nextToken)
        }
    }
}
