// swift-tools-version: 6.1
import PackageDescription

/// Settings every CertDesk target shares.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CertDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "certdesk", targets: ["certdesk"]),
        // The libraries behind the command, for the benchmark suite in Benchmarks/.
        .library(
            name: "CertDeskLibraries",
            targets: [
                "CertDeskCore", "CertDeskContent", "CertDeskStore", "CertDeskExam", "CertDeskGrading", "CertDeskCredentials",
                "CertDeskKit",
            ]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        .target(name: "CertDeskCore", swiftSettings: swiftSettings),
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        .target(name: "CertDeskText", dependencies: ["CICUShim"], swiftSettings: swiftSettings),
        // pkg-config's pangocairo flags reach CPDFShim through this header-less system library.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .target(name: "CPDFShim", dependencies: ["CPangoCairo"]),
        // zlib compresses Bitstring Status Lists (gzip, as the specification requires).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CertDeskCertificate",
            dependencies: ["CertDeskCore", "CertDeskLocalization", "CPDFShim"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CertDeskLocalization",
            dependencies: ["CertDeskCore", "CertDeskText"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CertDeskContent",
            dependencies: [
                "CertDeskCore", "CertDeskText", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "CertDeskExam", dependencies: ["CertDeskCore"], swiftSettings: swiftSettings),
        .target(name: "CertDeskGrading", dependencies: ["CertDeskCore", "CertDeskText"], swiftSettings: swiftSettings),
        .target(
            name: "CertDeskTerminal",
            dependencies: ["CertDeskCore", "CertDeskExam", "CertDeskGrading", "CertDeskText", "CertDeskLocalization"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CertDeskStore",
            dependencies: [
                "CertDeskCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CertDeskKit",
            dependencies: [
                "CertDeskCore", "CertDeskContent", "CertDeskStore", "CertDeskExam", "CertDeskGrading", "CertDeskText",
                "CertDeskCredentials", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CertDeskCLI",
            dependencies: [
                "CertDeskCore", "CertDeskStore", "CertDeskKit", "CertDeskLocalization", "CertDeskText", "CertDeskExam",
                "CertDeskGrading", "CertDeskTerminal", "CertDeskCredentials", "CertDeskCertificate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CertDeskCredentials",
            dependencies: ["CertDeskCore", "CZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "certdesk", dependencies: ["CertDeskCLI"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CertDeskTextTests",
            dependencies: ["CertDeskText", "CertDeskLocalization"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskContentTests",
            dependencies: ["CertDeskContent"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskExamTests",
            dependencies: ["CertDeskExam", "CertDeskGrading", "CertDeskTerminal", "CertDeskLocalization"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskKitTests",
            dependencies: [
                "CertDeskKit", "CertDeskStore", "CertDeskCredentials", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskCredentialsTests",
            dependencies: ["CertDeskCredentials"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskCertificateTests",
            dependencies: ["CertDeskCertificate", "CertDeskCore", "CertDeskLocalization"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskPermissionTests",
            dependencies: ["CertDeskCLI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CertDeskCLITests",
            dependencies: ["CertDeskLocalization", "CertDeskCore", "CertDeskGrading", "CertDeskCredentials"],
            swiftSettings: swiftSettings
        ),
    ]
)
