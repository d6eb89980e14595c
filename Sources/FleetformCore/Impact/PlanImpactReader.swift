import GameLiftAPI

/// Reads what a plan's impact needs and attaches each changed fleet's impact: the capacity of the fleets that
/// change (one request per 50 of them per Region, plus one per remote location of a multi-location fleet) and,
/// where their game-session slots drop, the game sessions running now (one more request per 50 such fleets, plus
/// one per such remote location). Nothing is read when nothing changes.
struct PlanImpactReader {
    let reader: CapacityReader

    /// One changed fleet on its way to an impact: where it is in the plan, its key, its remote locations and
    /// what has been read of it so far.
    private struct Changed {
        var index: Int
        var key: FleetKey
        var remotes: [String]
        var observed: ImpactCalculator.Observed
        /// The locations (home Region included) whose slots drop: their game sessions are read next.
        var dropping: [String] = []

        func places(_ locations: [String]) -> [CapacityReader.Place] {
            locations.map { CapacityReader.Place(fleet: key, location: $0) }
        }
    }

    func attach(to plan: inout PlanDocument, observed: [FleetKey: ObservedFleet], options: ImpactOptions) async {
        var changed = plan.fleets.indices.filter { plan.fleets[$0].isChange }.map { index in
            let fleet = plan.fleets[index]
            return Changed(
                index: index, key: fleet.key,
                remotes: (fleet.locations ?? []).filter { $0.home != true }.map(\.location),
                observed: ImpactCalculator.Observed(attributes: observed[fleet.key]?.attributes))
        }
        guard !changed.isEmpty else { return }

        let homeKeys = changed.map(\.key)
        let remotePlaces = changed.flatMap { $0.places($0.remotes) }
        async let homeCapacity = reader.capacity(of: homeKeys)
        async let remoteCapacity = reader.capacity(at: remotePlaces)
        let (capacity, located) = await (homeCapacity, remoteCapacity)
        for position in changed.indices {
            let key = changed[position].key
            changed[position].observed.capacity = capacity[key]
            for place in changed[position].places(changed[position].remotes) {
                changed[position].observed.remoteCapacity[place.location] = located[place]
            }
            let impact = ImpactCalculator.impact(
                of: plan.fleets[changed[position].index], observed: changed[position].observed, options: options)
            plan.fleets[changed[position].index].impact = impact
            changed[position].dropping = impact.map(ImpactCalculator.droppingLocations) ?? []
        }

        let dropping = changed.filter { !$0.dropping.isEmpty }
        guard !dropping.isEmpty else { return }
        let droppingHome = dropping.filter { $0.dropping.contains($0.key.region) }.map(\.key)
        let droppingRemote = dropping.flatMap { fleet in
            fleet.places(fleet.dropping.filter { $0 != fleet.key.region })
        }
        async let homeUse = reader.utilization(of: droppingHome)
        async let remoteUse = reader.utilization(at: droppingRemote)
        let (use, locatedUse) = await (homeUse, remoteUse)
        for var fleet in dropping {
            fleet.observed.utilization = use[fleet.key]
            for place in fleet.places(fleet.dropping) where place.location != fleet.key.region {
                fleet.observed.remoteUtilization[place.location] = locatedUse[place]
            }
            plan.fleets[fleet.index].impact = ImpactCalculator.impact(
                of: plan.fleets[fleet.index], observed: fleet.observed, options: options)
        }
    }
}
