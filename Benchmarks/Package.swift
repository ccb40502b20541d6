// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// SwiftPM names a package found by path after its folder: the checkout's, whatever it is called.
let certDesk = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// Settings every benchmark target shares.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CertDeskBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // SQLite's C API, for the floors: the same rows committed with nothing of CertDesk around them.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "BenchKit",
            dependencies: [
                "CSQLite", .product(name: "CertDeskLibraries", package: certDesk),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // One process of the multi-process cases: a candidate's terminal starting or answering.
        .executableTarget(name: "certdesk-bench-worker", dependencies: ["BenchKit"], swiftSettings: swiftSettings),
        // Writes docs/performance.md from the results the benchmarks leave.
        .executableTarget(name: "performance-report", dependencies: ["BenchKit"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "CertDeskBenchmarks",
            dependencies: ["BenchKit", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/CertDeskBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
