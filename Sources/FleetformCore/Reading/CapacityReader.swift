import GameLiftAPI

/// What was read of one fleet's capacity or use: the entries GameLift gave (one per location it reported), or
/// why they could not be read.
public enum CapacityRead<Entry: Sendable & Hashable>: Sendable, Hashable {
    case read([Entry])
    case failed(ServiceErrorInfo)
}

/// Reads capacity (`DescribeFleetCapacity`) and use (`DescribeFleetUtilization`) for the fleets a plan
/// changes: per region, up to `GameLiftLimits.fleetCapacityBatch` fleets per request, every page followed, so
/// a plan spends one request per 50 changed fleets on each. GameLift answers those for each fleet's home Region;
/// a remote location of a multi-location fleet takes one request of its own (`DescribeFleetLocationCapacity`,
/// `DescribeFleetLocationUtilization`). Never writes; a read that fails marks its fleets and never fails the
/// plan.
public struct CapacityReader: Sendable {
    public let gameLift: any GameLift
    public let parallelism: Int

    public init(gameLift: any GameLift, parallelism: Int = 8) {
        self.gameLift = gameLift
        self.parallelism = parallelism
    }

    /// Instance counts of each fleet: GameLift reports the home Region of each.
    public func capacity(of keys: [FleetKey]) async -> [FleetKey: CapacityRead<FleetCapacity>] {
        let gameLift = self.gameLift
        return await batched(keys, operation: .describeFleetCapacity, fleetId: { $0.resolvedFleetId }) {
            ids, token, region in
            let page = try await gameLift.send(
                DescribeFleetCapacityInput(fleetIds: ids, nextToken: token), region: region)
            return (page.fleetCapacity ?? [], page.nextToken)
        }
    }

    /// Game sessions and server processes active in each fleet now.
    public func utilization(of keys: [FleetKey]) async -> [FleetKey: CapacityRead<FleetUtilization>] {
        let gameLift = self.gameLift
        return await batched(keys, operation: .describeFleetUtilization, fleetId: { $0.resolvedFleetId }) {
            ids, token, region in
            let page = try await gameLift.send(
                DescribeFleetUtilizationInput(fleetIds: ids, nextToken: token), region: region)
            return (page.fleetUtilization ?? [], page.nextToken)
        }
    }

    /// One fleet in one location.
    public struct Place: Hashable, Sendable {
        public var fleet: FleetKey
        public var location: String

    }

    /// Instance counts of each fleet in each of the given (remote) locations, one request each.
    public func capacity(at places: [Place]) async -> [Place: CapacityRead<FleetCapacity>] {
        let gameLift = self.gameLift
        return await each(places) { place in
            let output = try await gameLift.send(
                DescribeFleetLocationCapacityInput(fleetId: place.fleet.fleetId, location: place.location),
                region: place.fleet.region)
            return output.fleetCapacity.map { [$0] } ?? []
        }
    }

    /// Game sessions active in each fleet in each of the given (remote) locations, one request each.
    public func utilization(at places: [Place]) async -> [Place: CapacityRead<FleetUtilization>] {
        let gameLift = self.gameLift
        return await each(places) { place in
            let output = try await gameLift.send(
                DescribeFleetLocationUtilizationInput(fleetId: place.fleet.fleetId, location: place.location),
                region: place.fleet.region)
            return output.fleetUtilization.map { [$0] } ?? []
        }
    }

    private func each<Entry: Sendable & Hashable>(
        _ places: [Place], _ read: @escaping @Sendable (Place) async throws -> [Entry]
    ) async -> [Place: CapacityRead<Entry>] {
        let unique = Array(Set(places)).sorted { ($0.fleet, $0.location) < ($1.fleet, $1.location) }
        let results = await boundedMap(unique, limit: parallelism) { place -> CapacityRead<Entry> in
            do {
                return .read(try await read(place))
            } catch {
                return .failed(ServiceErrorInfo(error))
            }
        }
        return Dictionary(zip(unique, results), uniquingKeysWith: { first, _ in first })
    }

    /// Groups `keys` by region (and account) into batches of at most `fleetCapacityBatch` ids, reads every page of each
    /// (batches concurrently), and files the entries under the fleets they name; entries naming a fleet not
    /// asked for are dropped, and every fleet asked for gets an answer.
    private func batched<Entry: Sendable & Hashable>(
        _ keys: [FleetKey], operation: GameLiftOperation, fleetId: @escaping @Sendable (Entry) -> String?,
        fetch: @escaping @Sendable ([String], String?, String) async throws -> (items: [Entry], nextToken: String?)
    ) async -> [FleetKey: CapacityRead<Entry>] {
        let batches = FleetBatches.of(keys, size: GameLiftLimits.fleetCapacityBatch, gameLift: gameLift)
        let results = await boundedMap(batches, limit: parallelism) { batch -> CapacityRead<Entry> in
            do {
                let entries = try await Pagination.all(operation, region: batch.region) { token in
                    try await fetch(batch.ids, token, batch.region)
                }
                return .read(entries)
            } catch {
                return .failed(ServiceErrorInfo(error))
            }
        }
        var table: [FleetKey: CapacityRead<Entry>] = [:]
        for (batch, result) in zip(batches, results) {
            switch result {
            case .failed(let error):
                for id in batch.ids { table[FleetKey(region: batch.region, fleetId: id)] = .failed(error) }
            case .read(let entries):
                var found: [String: [Entry]] = [:]
                for entry in entries {
                    guard let id = fleetId(entry) else { continue }
                    found[id, default: []].append(entry)
                }
                for id in batch.ids { table[FleetKey(region: batch.region, fleetId: id)] = .read(found[id] ?? []) }
            }
        }
        return table
    }
}
