// swift-tools-version:6.1
// The benchmark suite: its own package, so the main package's build stays light. It uses
// hpo's Search library by path, exactly as a Swift training driver would.
import PackageDescription

let package = Package(
    name: "hpo-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, so the suite builds whatever the checkout directory is called; without the
        // trait CLI, so it fetches none of the hpo command's packages (the README's drivers).
        .package(name: "hpo", path: "..", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "BenchmarkFunctions", dependencies: [.product(name: "Search", package: "hpo")]),
        // The multi-fidelity benchmark's simulated asynchronous runs on learning-curve tasks.
        .target(name: "LearningCurves", dependencies: [.product(name: "Search", package: "hpo")]),
        .executableTarget(
            name: "hpo-bench",
            dependencies: ["BenchmarkFunctions", "LearningCurves", .product(name: "Search", package: "hpo"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "BenchmarkFunctionsTests", dependencies: ["BenchmarkFunctions"]),
        .testTarget(name: "LearningCurvesTests",
                    dependencies: ["LearningCurves", .product(name: "Search", package: "hpo")]),
    ]
)
