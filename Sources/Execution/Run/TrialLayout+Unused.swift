extension TrialLayout {
    /// What every attempt is given whether it uses it or not — its logs, its artifacts and
    /// checkpoint directories — and loses again when it leaves them empty
    /// (`LaunchRequest.removedWhenEmpty`): a trial that writes one metric line costs its
    /// directory and its metrics file, two inodes, not six. Every reader (hpo logs,
    /// artifacts, clean, resume, the dashboard) takes a missing one for an empty one.
    public var removedWhenEmpty: [String] { [stdout, stderr, artifacts, checkpoints] }
}
