// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cintel",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CustomerIntelligence", targets: ["Engine"]),
        .executable(name: "cintel", targets: ["cintel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // Pure computation: request/response models, validation, numerics, endpoints. No I/O.
        .target(name: "Engine"),
        // Filled by later issues: the HTTP service, the report packs, the conformance harness.
        .target(name: "Server", dependencies: ["Engine"]),
        .target(name: "Reports", dependencies: ["Engine"]),
        .target(name: "Conformance"),
        // libxml2 for XSD validation of the XML report packs; the validator avoids Foundation (ICU header clash).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "XMLSchemaValidation", dependencies: ["CLibXML2"]),
        .executableTarget(
            name: "cintel",
            dependencies: [
                "Engine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "XMLSchemaValidationTests", dependencies: ["XMLSchemaValidation"]),
        .testTarget(
            name: "cintelTests",
            dependencies: ["cintel"],
            exclude: ["Snapshots"]
        ),
    ]
)
