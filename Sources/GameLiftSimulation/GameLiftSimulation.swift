import Foundation
import GameLiftAPI

/// A simulated GameLift: the operations fleetform uses, answered as GameLift answers them, over an
/// in-memory state (tests, the emulator) or a state file shared safely between processes (`--local`),
/// with injected faults. Deterministic under its seed and clock.
public final class GameLiftSimulation: GameLiftService, @unchecked Sendable {
    /// The state, shared by every account's view of this simulation (`acting(as:)`). Everything mutable is guarded
    /// by its `lock`; async work (latency sleeps) happens outside it.
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var engine: SimulationEngine
        var injector: FaultInjector
        var requests: UInt64 = 0

        init(engine: SimulationEngine, injector: FaultInjector) {
            self.engine = engine
            self.injector = injector
        }
    }

    private let shared: Shared
    /// The account the requests are made as (`acting(as:)`); `nil`: the state's own account.
    public let callerAccount: String?
    private let store: StateFileStore?
    private let clock: SimulationClock
    private let seed: UInt64

    /// An in-memory simulation starting from `state`.
    public convenience init(
        state: SimulationState, faults: FaultPlan = .none, seed: UInt64 = 0, clock: SimulationClock = .system
    ) {
        self.init(state: state, store: nil, faults: faults, seed: seed, clock: clock)
    }

    private init(
        state: SimulationState, store: StateFileStore?, faults: FaultPlan, seed: UInt64, clock: SimulationClock
    ) {
        let start = clock.now().wholeMilliseconds
        var holds: [String: StatusHold] = [:]
        for hold in faults.holds {
            holds[FleetReference(hold.fleet).fleetId] = StatusHold(
                status: hold.status ?? FaultHold.defaultStatus,
                until: hold.seconds.map { start.addingTimeInterval($0).wholeMilliseconds },
                updateAttempts: hold.updateAttempts)
        }
        self.shared = Shared(
            engine: SimulationEngine(state: state, faultHolds: holds, seed: seed),
            injector: FaultInjector(plan: faults, seed: seed))
        self.callerAccount = nil
        self.store = store
        self.clock = clock
        self.seed = seed
    }

    private init(viewOf simulation: GameLiftSimulation, account: String) {
        self.shared = simulation.shared
        self.callerAccount = account
        self.store = simulation.store
        self.clock = simulation.clock
        self.seed = simulation.seed
    }

    /// The same simulation, its requests made as account `account` (docs/local-gamelift.md, "Accounts"): it sees
    /// only that account's fleets, as GameLift shows each account its own; another account's fleet is not found.
    public func acting(as account: String) -> GameLiftSimulation {
        GameLiftSimulation(viewOf: self, account: account)
    }

    /// A simulation whose state lives in `stateFile`. When that file does not exist it is created from
    /// `seedFile`; when neither exists, the error names both. A corrupt file gives an error naming it.
    public static func open(
        stateFile: String, seedFile: String? = nil, faults: FaultPlan = .none, seed: UInt64 = 0,
        clock: SimulationClock = .system
    ) throws -> GameLiftSimulation {
        let folder = URL(fileURLWithPath: stateFile).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SimulationError(
                "\(stateFile): cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        let store = StateFileStore(path: stateFile)
        let state = try store.locked { () throws -> SimulationState in
            if store.exists { return try StateFileStore.read(stateFile) }
            guard let seedFile, FileManager.default.fileExists(atPath: seedFile) else {
                let seedNote = seedFile.map { "nor a seed file at \($0)" } ?? "and no seed file was given"
                throw SimulationError(
                    "no GameLift simulation state at \(stateFile), \(seedNote): "
                        + "give a seed file (for example examples/local/seed.json) to create the state")
            }
            let seeded = try StateFileStore.read(seedFile)
            try store.save(seeded, changed: [], everything: true)
            return seeded
        }
        let simulation = GameLiftSimulation(state: state, store: store, faults: faults, seed: seed, clock: clock)
        return simulation
    }

    /// The state file, when the simulation has one.
    public var stateFile: String? { store?.path }

    /// Fleets the state file's writes have encoded so far (tests check that a call encodes only what changed).
    var stateFleetsEncoded: Int { shared.lock.withLock { store?.fleetsEncoded ?? 0 } }

    /// The current state (re-read from the state file when another process changed it), for tests and tools.
    public func snapshot() throws -> SimulationState {
        try shared.lock.withLock {
            if let store { try store.locked { try store.refresh(&shared.engine) } }
            return shared.engine.state
        }
    }

    /// Changes the state out of band, as someone using the console would (tests: a fleet starts deleting,
    /// a configuration changes between plan and apply). In file mode the change is written at once.
    public func modify(_ change: (inout SimulationState) throws -> Void) throws {
        try shared.lock.withLock {
            guard let store else {
                var state = shared.engine.state
                try change(&state)
                shared.engine.replace(try state.validated(file: "the modified state"))
                return
            }
            try store.locked {
                try store.refresh(&shared.engine)
                var state = shared.engine.state
                try change(&state)
                shared.engine.replace(try state.validated(file: store.path))
                try store.save(shared.engine.state, changed: [], everything: true)
            }
        }
    }

    // MARK: GameLiftService

    public func answer(_ input: DescribeRuntimeConfigurationInput, region: String)
        async throws -> DescribeRuntimeConfigurationOutput
    {
        try await perform(.describeRuntimeConfiguration, fleets: [input.fleetId], region: region) {
            try $0.describeRuntimeConfiguration(input, &$1)
        }
    }

    public func answer(_ input: UpdateRuntimeConfigurationInput, region: String)
        async throws -> UpdateRuntimeConfigurationOutput
    {
        try await perform(.updateRuntimeConfiguration, fleets: [input.fleetId], region: region) {
            try $0.updateRuntimeConfiguration(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetAttributesInput, region: String)
        async throws -> DescribeFleetAttributesOutput
    {
        try await perform(.describeFleetAttributes, fleets: input.fleetIds ?? [], region: region) {
            try $0.describeFleetAttributes(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetEventsInput, region: String)
        async throws -> DescribeFleetEventsOutput
    {
        try await perform(.describeFleetEvents, fleets: [input.fleetId], region: region) {
            try $0.describeFleetEvents(input, &$1)
        }
    }

    public func answer(_ input: ListFleetsInput, region: String) async throws -> ListFleetsOutput {
        try await perform(.listFleets, fleets: [], region: region) { engine, call in
            try engine.listFleets(input, call)
        }
    }

    public func answer(_ input: DescribeFleetLocationAttributesInput, region: String)
        async throws -> DescribeFleetLocationAttributesOutput
    {
        try await perform(.describeFleetLocationAttributes, fleets: [input.fleetId], region: region) {
            try $0.describeFleetLocationAttributes(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetCapacityInput, region: String)
        async throws -> DescribeFleetCapacityOutput
    {
        try await perform(.describeFleetCapacity, fleets: input.fleetIds ?? [], region: region) {
            try $0.describeFleetCapacity(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetUtilizationInput, region: String)
        async throws -> DescribeFleetUtilizationOutput
    {
        try await perform(.describeFleetUtilization, fleets: input.members.fleetIds ?? [], region: region) {
            try $0.describeFleetUtilization(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetLocationCapacityInput, region: String)
        async throws -> DescribeFleetLocationCapacityOutput
    {
        try await perform(.describeFleetLocationCapacity, fleets: [input.fleetId], region: region) {
            try $0.describeFleetLocationCapacity(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetLocationUtilizationInput, region: String)
        async throws -> DescribeFleetLocationUtilizationOutput
    {
        try await perform(.describeFleetLocationUtilization, fleets: [input.members.fleetId], region: region) {
            try $0.describeFleetLocationUtilization(input, &$1)
        }
    }

    public func answer(_ input: DescribeFleetDeploymentInput, region: String)
        async throws -> DescribeFleetDeploymentOutput
    {
        try await perform(.describeFleetDeployment, fleets: [input.fleetId], region: region) {
            try $0.describeFleetDeployment(input, &$1)
        }
    }

    // MARK: Calls

    /// Faults first (throttle, latency, a dropped connection, an injected error), then the operation, under
    /// the lock and, in file mode, the state file's lock.
    private func perform<Output>(
        _ operation: GameLiftOperation, fleets: [String], region: String,
        _ body: (inout SimulationEngine, inout SimulationCall) throws -> Output
    ) async throws -> Output {
        let (decision, requestId) = shared.lock.withLock { () -> (FaultDecision, String) in
            shared.requests += 1
            var generator = SeededGenerator(seed: seed, "request", String(shared.requests))
            let requestId = generator.uuid()
            let ids = fleets.map { FleetReference($0).fleetId }
            return (
                shared.injector.decide(
                    operation, region: region, fleets: ids, now: clock.now().wholeMilliseconds, requestId: requestId),
                requestId
            )
        }
        if decision.throttled {
            throw GameLiftServiceError.answer(
                .throttling, FaultInjector.defaultMessage(.throttling), requestId: requestId)
        }
        if decision.latencySeconds > 0 { try await clock.sleep(decision.latencySeconds) }
        if decision.drop == .request { throw dropped(operation, decision) }
        if let error = decision.error { throw error }
        let output = try shared.lock.withLock { try execute(region: region, requestId: requestId, body) }
        if decision.drop == .response { throw dropped(operation, decision) }
        return output
    }

    private func execute<Output>(
        region: String, requestId: String, _ body: (inout SimulationEngine, inout SimulationCall) throws -> Output
    ) throws -> Output {
        guard let store else {
            var call = SimulationCall(
                region: region, now: clock.now().wholeMilliseconds, requestId: requestId, account: callerAccount)
            return try body(&shared.engine, &call)
        }
        return try store.locked {
            try store.refresh(&shared.engine)
            var call = SimulationCall(
                region: region, now: clock.now().wholeMilliseconds, requestId: requestId, account: callerAccount)
            do {
                let output = try body(&shared.engine, &call)
                try store.save(shared.engine.state, changed: call.changedFleets)
                return output
            } catch let error as GameLiftServiceError {
                // A refused update may still have changed something (a hold's attempt count).
                try store.save(shared.engine.state, changed: call.changedFleets)
                throw error
            }
        }
    }

    private func dropped(_ operation: GameLiftOperation, _ decision: FaultDecision) -> GameLiftTransportError {
        GameLiftTransportError(
            kind: .connection,
            message: "connection dropped during \(operation.rawValue) (fault rule \(decision.dropRule), "
                + (decision.drop == .response ? "after" : "before") + " the request was processed)")
    }
}
