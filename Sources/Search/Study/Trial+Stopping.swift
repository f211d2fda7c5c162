extension Trial {
    /// True when the study's early-stopping rule says this trial should stop now
    /// (`Study.shouldStop(_:)`); ask it after each `report(step:value:)`.
    public var shouldStop: Bool { study.shouldStop(self) }
}
