// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cintel",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CustomerIntelligence", targets: ["Engine", "Reports"]),
        .executable(name: "cintel", targets: ["cintel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // Pure computation: request/response models, validation, numerics, endpoints. No I/O.
        // The JSON Schemas of spec/schemas (SchemaFiles links there) are compiled in: the binary needs no resource bundle.
        .target(
            name: "Engine",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            resources: [
                .embedInCode("SchemaFiles/churn_label.request.json"),
                .embedInCode("SchemaFiles/churn_label.response.json"),
                .embedInCode("SchemaFiles/churn_risk.request.json"),
                .embedInCode("SchemaFiles/churn_risk.response.json"),
                .embedInCode("SchemaFiles/customer_clv_features.request.json"),
                .embedInCode("SchemaFiles/customer_clv_features.response.json"),
                .embedInCode("SchemaFiles/customer_clv_forecast.request.json"),
                .embedInCode("SchemaFiles/customer_clv_forecast.response.json"),
                .embedInCode("SchemaFiles/customer_features.request.json"),
                .embedInCode("SchemaFiles/customer_features.response.json"),
                .embedInCode("SchemaFiles/customer_loyalty.request.json"),
                .embedInCode("SchemaFiles/customer_loyalty.response.json"),
                .embedInCode("SchemaFiles/customer_rfm.request.json"),
                .embedInCode("SchemaFiles/customer_rfm.response.json"),
                .embedInCode("SchemaFiles/customer_segmentation.request.json"),
                .embedInCode("SchemaFiles/customer_segmentation.response.json"),
                .embedInCode("SchemaFiles/error.json"),
                .embedInCode("SchemaFiles/nps.request.json"),
                .embedInCode("SchemaFiles/nps.response.json"),
                .embedInCode("SchemaFiles/purchasing_segmentation.request.json"),
                .embedInCode("SchemaFiles/purchasing_segmentation.response.json"),
                .embedInCode("SchemaFiles/segment_cluster_profiles.request.json"),
                .embedInCode("SchemaFiles/segment_cluster_profiles.response.json"),
                .embedInCode("SchemaFiles/segment_hierarchy_chart.request.json"),
                .embedInCode("SchemaFiles/segment_hierarchy_chart.response.json"),
                .embedInCode("SchemaFiles/segment_subsegment_explore.request.json"),
                .embedInCode("SchemaFiles/segment_subsegment_explore.response.json"),
                .embedInCode("SchemaFiles/segmentation_report.request.json"),
                .embedInCode("SchemaFiles/segmentation_report.response.json"),
                .embedInCode("SchemaFiles/segmentation_report_json_i18n.request.json"),
            ]
        ),
        // The HTTP service over every endpoint (APIEndpoints from Reports completes Engine's registry).
        .target(
            name: "Server",
            dependencies: [
                "Engine",
                "Reports",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The report packs (HTML, XML, JSON) and every endpoint that needs a renderer; catalogs and templates ship as resources.
        .target(
            name: "Reports",
            dependencies: ["Engine", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources")]
        ),
        // Conformance never imports Engine: it checks any implementation, ours included.
        .target(
            name: "Conformance",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
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
                "Conformance",
                "Engine",
                "Reports",
                "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // RealModule too, to hold its functions to the C library's bit for bit.
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Reports", .product(name: "RealModule", package: "swift-numerics")]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Engine", "Reports", "XMLSchemaValidation"]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server",
                "Engine",
                "Reports",
                "Conformance",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Engine", "XMLSchemaValidation"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "XMLSchemaValidationTests", dependencies: ["XMLSchemaValidation"]),
        .testTarget(
            name: "cintelTests",
            dependencies: ["cintel"],
            exclude: ["Snapshots"]
        ),
    ]
)
