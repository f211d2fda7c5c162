import Testing
@testable import SweepConfig

/// `datastores:` in a sweep file.
@Suite struct SweepDatastoreTests {
    @Test func datastoresAreReadInOrderAndWrittenBack() throws {
        let spec = try SweepSpec(yaml: """
            command: [python3, train.py]
            parameters: {lr: "[0.1, 0.01]"}
            datastores:
              imagenet: /data/imagenet
              tokens: ./cache/tokens
            """, path: "sweep.yaml")
        #expect(spec.datastores == [SweepDatastore(name: "imagenet", path: "/data/imagenet"),
                                    SweepDatastore(name: "tokens", path: "./cache/tokens")])
        #expect(try SweepSpec(yaml: spec.yaml, path: "resolved") == spec)
    }

    @Test func aNameThatCannotBeAVariableIsRefusedAtItsLine() {
        let error = #expect(throws: SweepFileError.self) {
            try SweepSpec(yaml: "command: [t]\nparameters: {a: '[1]'}\ndatastores:\n  9lives: /d\n", path: "s.yaml")
        }
        #expect(error?.description == "s.yaml:4:3: datastores: name '9lives' must be letters, digits and _, "
                + "not starting with a digit (it becomes HPO_DATA_9LIVES)")
    }

    @Test(arguments: [("data", true), ("_x1", true), ("MY_DATA", true), ("9lives", false), ("a-b", false), ("", false),
                      ("dätä", false)])
    func validNames(name: String, valid: Bool) {
        #expect(SweepDatastore.isValidName(name) == valid)
    }
}
