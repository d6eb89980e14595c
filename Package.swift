// swift-tools-version:6.2
import PackageDescription

// CI (and anyone who sets FLEETFORM_WERROR=1) builds with every warning treated as an error.
let strict = Context.environment["FLEETFORM_WERROR"] == "1"
let settings: [SwiftSetting] = strict ? [.treatAllWarnings(as: .error)] : []

let package = Package(
    name: "fleetform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fleetform", targets: ["fleetform"]),
        .executable(name: "gamelift-local", targets: ["gamelift-local"]),
        .executable(name: "fleetform-bench", targets: ["fleetform-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // GameLift's wire model: request/response types, limits, errors, the `GameLift` protocol (the seam)
        // and the resilience decorator (retry, backoff, rate limiting). No dependencies.
        .target(name: "GameLiftAPI", swiftSettings: settings),
        // Fleet files: YAML loading with source locations, validation rules, diagnostics.
        .target(
            name: "FleetSpec",
            dependencies: ["GameLiftAPI", .product(name: "Yams", package: "Yams")],
            swiftSettings: settings),
        // AWS Signature Version 4, pure, with the date injected.
        .target(
            name: "SigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings),
        // The real AWS GameLift client: JSON 1.1 over HTTPS, credentials, endpoints, error decoding.
        .target(
            name: "GameLiftAWS",
            dependencies: [
                "GameLiftAPI", "SigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        // The simulated GameLift (state file, statuses, events, faults) used by `--local` and the emulator.
        .target(name: "GameLiftSimulation", dependencies: ["GameLiftAPI"], swiftSettings: settings),
        // The simulation served over HTTP, speaking GameLift's wire protocols.
        .target(
            name: "GameLiftEmulator",
            dependencies: [
                "GameLiftAPI", "SigV4",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        // Planner, plan documents, applier, journal, watcher, renderers.
        .target(
            name: "FleetformCore",
            dependencies: ["FleetSpec", "GameLiftAPI", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings),
        .executableTarget(
            name: "fleetform",
            dependencies: [
                "FleetformCore", "FleetSpec", "GameLiftAPI", "GameLiftAWS", "GameLiftSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        .executableTarget(
            name: "gamelift-local",
            dependencies: [
                "GameLiftEmulator", "GameLiftSimulation", "GameLiftAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        .executableTarget(
            name: "fleetform-bench",
            dependencies: [
                "FleetformCore", "FleetSpec", "GameLiftAPI", "GameLiftAWS", "GameLiftEmulator",
                "GameLiftSimulation", "SigV4",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        .testTarget(name: "GameLiftAPITests", dependencies: ["GameLiftAPI"], swiftSettings: settings),
        .testTarget(
            name: "FleetSpecTests", dependencies: ["FleetSpec"], resources: [.copy("Fixtures")],
            swiftSettings: settings),
        .testTarget(
            name: "SigV4Tests", dependencies: ["SigV4"], resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(
            name: "GameLiftAWSTests",
            dependencies: [
                "GameLiftAWS", "GameLiftAPI", "SigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: settings),
        .testTarget(name: "GameLiftSimulationTests", dependencies: ["GameLiftSimulation"], swiftSettings: settings),
        .testTarget(
            name: "FleetformCoreTests", dependencies: ["FleetformCore"],
            exclude: ["Golden"], swiftSettings: settings),
        // Fuzzing and other robustness checks; CI runs the small versions, FLEETFORM_FUZZ_COUNT scales them up.
        .testTarget(
            name: "ResilienceTests",
            dependencies: [
                "FleetSpec", "FleetformCore", "GameLiftAPI", "GameLiftEmulator", "GameLiftSimulation",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
        // The verify flow (apply, watch, rollback) in process against the real simulation.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["FleetformCore", "FleetSpec", "GameLiftSimulation", "GameLiftAPI"],
            swiftSettings: settings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "GameLiftEmulator", "GameLiftAPI", "SigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: settings),
    ]
)
