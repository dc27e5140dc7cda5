// swift-tools-version:6.1
// libFuzzer targets for Winnow, kept out of the main package so `swift build` never needs the
// fuzzer runtime. Build and run them with scripts/fuzz (docs/fuzzing.md).
import PackageDescription

let package = Package(
    name: "WinnowFuzz",
    dependencies: [.package(name: "Winnow", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzPage", dependencies: ["FuzzDriver", .product(name: "Winnow", package: "Winnow")]),
        .executableTarget(name: "FuzzRuleLoader", dependencies: ["FuzzDriver", .product(name: "Winnow", package: "Winnow")]),
        .executableTarget(name: "FuzzLabel", dependencies: ["FuzzDriver", .product(name: "Winnow", package: "Winnow")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzDriver", .product(name: "Winnow", package: "Winnow")]),
        .executableTarget(name: "FuzzJSONLines", dependencies: ["FuzzDriver", .product(name: "Winnow", package: "Winnow")]),
        .executableTarget(name: "FuzzLineStream", dependencies: ["FuzzDriver", .product(name: "Winnow", package: "Winnow")]),
    ]
)
