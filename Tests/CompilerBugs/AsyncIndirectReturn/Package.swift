// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "repro",
    targets: [
        .target(name: "Policy"),
        .target(name: "Settings", dependencies: ["Policy"]),
        .executableTarget(name: "repro", dependencies: ["Policy", "Settings"]),
    ])
