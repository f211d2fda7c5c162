/// hpo's version, the one place it is written: `hpo --version` prints it.
enum Version {
    /// Semantic versioning: the minor number goes up with features, the patch with fixes.
    static let current = "0.1.0"
}
