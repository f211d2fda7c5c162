import Foundation
import Testing

/// A Swift driver depends on hpo as the README shows, and what SwiftPM fetches for it is what
/// the libraries link: the packages only the `hpo` command and its dashboard need (the trait
/// `CLI`: swift-argument-parser, Hummingbird, SwiftNIO, swift-crypto, …) stay out.
@Suite struct HPODriverPackageTests {
    @Test func theREADMEsDriverManifestResolvesOnlyWhatTheLibrariesLink() throws {
        let block = try #require(READMEExamples.blocks().first {
            $0.tag == "swift" && $0.lines.contains { $0.contains("import PackageDescription") }
        })
        let scratch = try READMEScratch()
        defer { scratch.remove() }
        // The manifest's `../hpo`: this repository, under the folder name the README assumes.
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/hpo",
                                                   withDestinationPath: HPOProcess.root.path)
        let driver = scratch.path + "/my-driver"
        try FileManager.default.createDirectory(atPath: driver + "/Sources/my-driver", withIntermediateDirectories: true)
        try block.lines.joined(separator: "\n").write(toFile: driver + "/Package.swift", atomically: true, encoding: .utf8)
        try "import Execution\n".write(toFile: driver + "/Sources/my-driver/main.swift", atomically: true, encoding: .utf8)

        let resolve = try scratch.bash("cd my-driver && swift package resolve", limit: 600)
        try #require(resolve.status == 0, Comment(rawValue: "\(block): swift package resolve failed:\n\(resolve.output)"))

        let resolved = try Data(contentsOf: URL(fileURLWithPath: driver + "/Package.resolved"))
        let pins = try JSONDecoder().decode(Resolved.self, from: resolved).pins.map(\.identity)
        #expect(Set(pins) == ["grdb.swift", "yams"], "\(block) fetched \(pins.sorted())")
    }

    /// The part of Package.resolved (version 3) this test reads.
    struct Resolved: Decodable {
        struct Pin: Decodable { var identity: String }
        var pins: [Pin]
    }
}
