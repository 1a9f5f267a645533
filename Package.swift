// swift-tools-version: 6.0
import PackageDescription

/// One set of settings for every target: Swift 6 language mode, warnings as a signal.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// How the release builds of the three programs are linked: with lld, relative relocations packed
/// (RELR: 28 KB instead of 3.3 MB of `.rela.dyn`, read at every start), and no symbol exported
/// from the executable (`scripts/link/no-exports.map`). Together they take about 6 MB off
/// batond's resident set and start every `baton` command sooner. Debug builds, which the tests
/// link against, are left as SwiftPM makes them.
let shippedLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--version-script=\(Context.packageDirectory)/scripts/link/no-exports.map",
    ], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "batond", targets: ["batond"]),
        .executable(name: "baton", targets: ["baton"]),
        .executable(name: "baton-sim", targets: ["baton-sim"]),
        .library(name: "BatonCore", targets: ["BatonCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "BatonCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonNotices",
            dependencies: ["BatonCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonStatusPage",
            dependencies: ["BatonCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonHTTP",
            dependencies: ["CCurl", "BatonCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonAuth",
            dependencies: [
                "BatonCore", "BatonHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonStore",
            dependencies: [
                "BatonCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonAPI",
            dependencies: [],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BatonDaemon",
            dependencies: [
                "BatonCore", "BatonHTTP", "BatonStore", "BatonAPI", "BatonNotices", "BatonStatusPage", "BatonAuth",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "batond",
            dependencies: [
                "BatonDaemon", "BatonCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: shippedLinking
        ),
        .executableTarget(
            name: "baton",
            dependencies: [
                "BatonCore", "BatonAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: shippedLinking
        ),
        .target(
            name: "BatonSim",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "baton-bench",
            dependencies: [
                "BatonCore", "BatonStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/baton-bench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "baton-sim",
            dependencies: [
                "BatonSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: shippedLinking
        ),
        .testTarget(
            name: "BatonCoreTests",
            dependencies: ["BatonCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // posix_spawn's GNU extensions and pipe2, which Swift's Glibc module leaves out; TestSupport's launcher uses them.
        .target(
            name: "CSpawn",
            path: "Tests/CSpawn"
        ),
        .target(
            name: "TestSupport",
            dependencies: ["CSpawn", .product(name: "Yams", package: "Yams")],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TestSupportTests",
            dependencies: ["TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonAPITests",
            dependencies: ["BatonAPI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonHTTPTests",
            dependencies: ["BatonHTTP", "BatonSim", "BatonCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonAuthTests",
            dependencies: ["BatonAuth", "BatonCore", "BatonHTTP", "BatonSim", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonNoticesTests",
            dependencies: ["BatonNotices", "BatonCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonStatusPageTests",
            dependencies: ["BatonStatusPage", "BatonCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonStoreTests",
            dependencies: ["BatonStore", "BatonCore", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BatonDaemonTests",
            dependencies: ["BatonDaemon", "BatonCore", "BatonHTTP", "BatonStore", "BatonSim", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["BatonSim", "BatonAPI", "BatonCore", "TestSupport", "batond", "baton", "baton-sim"],
            swiftSettings: swiftSettings
        ),
        // The fuzz suite's in-process targets (config loader, judgement); scripts/fuzz.sh runs them long.
        .testTarget(
            name: "FuzzTests",
            dependencies: ["BatonCore", "BatonNotices", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
