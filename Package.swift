// swift-tools-version:6.2
import PackageDescription

// CI (and anyone who sets FLEETFORM_WERROR=1) builds with every warning treated as an error.
let strict = Context.environment["FLEETFORM_WERROR"] == "1"
let settings: [SwiftSetting] = strict ? [.treatAllWarnings(as: .error)] : []

// Products imported directly, named once. Every product a target imports is declared on it.
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioSSL = Target.Dependency.product(name: "NIOSSL", package: "swift-nio-ssl")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

// The release version (its one source) and the commit the binaries are built from, carried into them by the
// small C target FleetformBuildInfo, since Swift's `.define` takes no value. scripts/release.sh passes the
// commit in FLEETFORM_BUILD_COMMIT; a plain `swift build` asks git, or says "unknown" (docs/releasing.md).
let version = "0.1.0"
let commit: String = {
    let git = Context.gitInformation.map { $0.currentCommit + ($0.hasUncommittedChanges ? "-dirty" : "") }
    let found = Context.environment["FLEETFORM_BUILD_COMMIT"] ?? git ?? "unknown"
    let plain = found.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
    return plain && (1...64).contains(found.count) ? found : "unknown"
}()

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
        // Already in the graph through async-http-client and hummingbird, at these versions; declared because
        // fleetform's own targets import them.
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
    ],
    targets: [
        // GameLift's wire model: request/response types, limits, errors, the `GameLift` protocol (the seam)
        // and the resilience decorator (retry, backoff, rate limiting). No dependencies.
        .target(name: "GameLiftAPI", swiftSettings: settings),
        // Writes that survive a crash: replace (temp file, fsync, rename, fsync the folder) and append + fsync.
        .target(name: "DurableFiles", swiftSettings: settings),
        // Fleet files: YAML loading with source locations, validation rules, diagnostics. YAMLPrescan also
        // imports CYaml, Yams' libyaml module (reached through the Yams product), for the event parser that
        // counts nodes and finds duplicate keys before any tree is built; Yams has no public API for it.
        .target(
            name: "FleetSpec",
            dependencies: ["GameLiftAPI", .product(name: "Yams", package: "Yams")],
            swiftSettings: settings),
        // AWS Signature Version 4, pure, with the date injected.
        .target(
            name: "SigV4",
            dependencies: [crypto],
            swiftSettings: settings),
        // The real AWS GameLift client: JSON 1.1 over HTTPS, credentials, endpoints, error decoding.
        .target(
            name: "GameLiftAWS",
            dependencies: [
                "GameLiftAPI", "SigV4", asyncHTTPClient, crypto, logging, nioCore, nioHTTP1, nioPosix, nioSSL,
            ],
            swiftSettings: settings),
        // The simulated GameLift (state file, statuses, events, faults) used by `--local` and the emulator.
        .target(name: "GameLiftSimulation", dependencies: ["GameLiftAPI", "DurableFiles"], swiftSettings: settings),
        // The simulation served over HTTP, speaking GameLift's wire protocols.
        .target(
            name: "GameLiftEmulator",
            dependencies: [
                "GameLiftAPI", "SigV4", hummingbird, logging, nioCore,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: settings),
        // The version and commit printed by `--version` (see `version` and `commit` above).
        .target(
            name: "FleetformBuildInfo",
            cSettings: [
                .define("FLEETFORM_BUILD_VERSION", to: "\"\(version)\""),
                .define("FLEETFORM_BUILD_COMMIT", to: "\"\(commit)\""),
            ]),
        // Opens the GameLift the command line names: AWS or the local simulation, in the resilience layer.
        .target(
            name: "GameLiftConnection",
            dependencies: ["GameLiftAPI", "GameLiftAWS", "GameLiftSimulation", logging],
            swiftSettings: settings),
        // Planner, plan documents, applier, journal, watcher, renderers, and the workflows the commands call.
        .target(
            name: "FleetformCore",
            dependencies: [
                "FleetSpec", "GameLiftAPI", "DurableFiles", "FleetformBuildInfo", "SigV4", crypto,
            ],
            swiftSettings: settings),
        // The test kit: the virtual clock, the GameLift double, drifted-fleet fixtures, launchers for the built
        // binaries. Shared by the tests and the benchmark; never a dependency of fleetform or gamelift-local.
        .target(
            name: "FleetformTesting", dependencies: ["FleetformCore", "GameLiftAPI", "GameLiftSimulation"],
            swiftSettings: settings),
        .executableTarget(
            name: "fleetform",
            dependencies: [
                "FleetformCore", "FleetSpec", "GameLiftAPI", "GameLiftAWS", "GameLiftConnection", argumentParser,
            ],
            swiftSettings: settings),
        .executableTarget(
            name: "gamelift-local",
            dependencies: [
                "GameLiftEmulator", "GameLiftSimulation", "GameLiftAPI", "FleetformBuildInfo", argumentParser, logging,
            ],
            swiftSettings: settings),
        .executableTarget(
            name: "fleetform-bench",
            dependencies: [
                "FleetformCore", "FleetSpec", "FleetformTesting", "GameLiftAPI", "GameLiftAWS", "GameLiftEmulator",
                "GameLiftSimulation", "SigV4", argumentParser, logging,
            ],
            swiftSettings: settings),
        .testTarget(
            name: "GameLiftAPITests", dependencies: ["GameLiftAPI", "FleetformTesting"], swiftSettings: settings),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"], swiftSettings: settings),
        .testTarget(
            name: "FleetSpecTests", dependencies: ["FleetSpec", "GameLiftAPI"], resources: [.copy("Fixtures")],
            swiftSettings: settings),
        .testTarget(
            name: "SigV4Tests", dependencies: ["SigV4"], resources: [.copy("Fixtures")], swiftSettings: settings),
        .testTarget(
            name: "GameLiftAWSTests",
            dependencies: [
                "GameLiftAWS", "GameLiftAPI", "SigV4", asyncHTTPClient, crypto, logging, hummingbird,
                hummingbirdTesting,
                httpTypes, nioCore, nioHTTP1, nioPosix, nioSSL,
            ],
            swiftSettings: settings),
        .testTarget(
            name: "GameLiftSimulationTests", dependencies: ["GameLiftSimulation", "GameLiftAPI", "FleetformTesting"],
            swiftSettings: settings),
        // The CBOR codec and the emulator in process, over loopback.
        .testTarget(
            name: "GameLiftEmulatorTests",
            dependencies: [
                "GameLiftEmulator", "GameLiftAPI", "SigV4", "FleetformTesting", asyncHTTPClient, logging, nioCore,
                nioHTTP1,
            ],
            swiftSettings: settings),
        .testTarget(
            name: "GameLiftConnectionTests", dependencies: ["GameLiftConnection", "GameLiftAPI"],
            swiftSettings: settings),
        .testTarget(
            name: "FleetformCoreTests",
            dependencies: ["FleetformCore", "FleetSpec", "GameLiftAPI", "FleetformTesting", "fleetform"],
            exclude: ["Golden"], swiftSettings: settings),
        // Fuzzing and other robustness checks; CI runs the small versions, FLEETFORM_FUZZ_COUNT scales them up.
        .testTarget(
            name: "ResilienceTests",
            dependencies: [
                "FleetSpec", "FleetformCore", "GameLiftAPI", "GameLiftEmulator", "GameLiftSimulation",
                "FleetformTesting", asyncHTTPClient,
                crypto, hummingbird, hummingbirdTesting, httpTypes, logging, nioCore,
            ],
            swiftSettings: settings),
        // The workflows (plan, apply with watch and rollback, rollback, import, events) in process against the
        // real simulation.
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "FleetformCore", "FleetSpec", "GameLiftSimulation", "GameLiftAPI", "FleetformTesting", "fleetform",
            ],
            swiftSettings: settings),
        // The real binaries, run as a user runs them.
        .testTarget(
            name: "EndToEndTests", dependencies: ["FleetformTesting", asyncHTTPClient, nioCore],
            swiftSettings: settings),
    ]
)
