// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hpo",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Search", targets: ["Search"]),
        .library(name: "SweepConfig", targets: ["SweepConfig"]),
        .library(name: "Execution", targets: ["Execution"]),
        .executable(name: "hpo", targets: ["hpo"]),
    ],
    // The `hpo` command and its dashboard bring swift-argument-parser and a web server stack
    // (Hummingbird, SwiftNIO, swift-crypto, …: two dozen packages). Their dependencies are
    // conditional on the trait `CLI`, on by default; a Swift driver that links only the libraries
    // turns it off (`.package(…, traits: [])`) and SwiftPM then fetches none of them.
    traits: [
        .trait(name: "CLI", description: "The hpo command and its dashboard (swift-argument-parser, Hummingbird)."),
        .default(enabledTraits: ["CLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The dashboard's web server (hpo ui); its own target, so the libraries stay free of it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Already resolved through Hummingbird; named for NIOCore's IOError (a busy port) and TimeAmount.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // LAPACK and BLAS from Debian's libopenblas-dev and liblapacke-dev.
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        // Search spaces, sweep syntax, strategies, the Gaussian process, early stopping, Study.
        // Knows nothing of processes, files or clocks.
        .target(name: "Search", dependencies: ["CLapack"]),
        // The YAML sweep file (Yams), kept out of Search so a Swift training driver links no YAML.
        .target(name: "SweepConfig", dependencies: ["Search", .product(name: "Yams", package: "Yams")]),
        // What Glibc cannot give Swift directly: wait-status macros, prctl, pidfd_open.
        .target(name: "CSystemShims"),
        // Runs sweeps: run store (SQLite), trial lifecycle, slots, backends, metric streaming,
        // the controller loop, results.csv.
        .target(
            name: "Execution",
            dependencies: [
                "Search", "SweepConfig", "CSystemShims",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "hpo",
            dependencies: [
                "Search", "SweepConfig", "Execution", "Report", "Dashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser", condition: .when(traits: ["CLI"])),
            ]
        ),
        // The HTML report: SVG charts of a run, no dependency beyond Execution.
        .target(name: "Report", dependencies: ["Execution"]),
        .target(name: "Dashboard", dependencies: [
            "Execution", "Report",
            .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["CLI"])),
            .product(name: "HummingbirdCore", package: "hummingbird", condition: .when(traits: ["CLI"])),
            .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["CLI"])),
            .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["CLI"])),
        ]),
        .executableTarget(name: "tune-logistic", dependencies: ["Execution"], path: "Examples/tune-logistic"),
        .testTarget(name: "SearchTests", dependencies: ["Search", "CLapack"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SweepConfigTests", dependencies: ["SweepConfig", "Search"]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "CSystemShims"], exclude: ["Golden"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Execution"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Execution"]),
        .testTarget(name: "hpoTests", dependencies: ["hpo", "Execution", "SweepConfig"], exclude: ["Golden"]),
    ]
)
