// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Winnow",
    products: [
        .library(name: "Winnow", targets: ["Winnow"]),
        .executable(name: "winnow", targets: ["winnow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The PCRE2 C library (8-bit code units), found through pkg-config.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // The literal prefilter's pass for short literals after a number (`Prefilter.markShortPlaced`), plain C.
        .target(name: "CWinnowScan"),
        .target(
            name: "Winnow",
            dependencies: ["CPCRE2", "CWinnowScan", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "winnow",
            dependencies: ["Winnow", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "WinnowTests",
            dependencies: ["Winnow", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
