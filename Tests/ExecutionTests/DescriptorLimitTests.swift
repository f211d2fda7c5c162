import Testing
@testable import Execution

/// Raising the soft limit on open descriptors at hpo's start.
@Suite("Descriptor limit")
struct DescriptorLimitTests {
    @Test("a soft limit under the hard one is raised to the hard one")
    func raisedToHard() {
        #expect(DescriptorLimit.raisedSoftLimit(soft: 1024, hard: 524_288) == 524_288)
        #expect(DescriptorLimit.raisedSoftLimit(soft: 1024, hard: 4096) == 4096)
    }

    @Test("a soft limit already at or above the target is left alone")
    func leftAlone() {
        #expect(DescriptorLimit.raisedSoftLimit(soft: 4096, hard: 4096) == nil)
        #expect(DescriptorLimit.raisedSoftLimit(soft: 2_000_000, hard: UInt64.max) == nil)
    }

    @Test("an unlimited hard limit raises the soft one to the ceiling, not to infinity")
    func unlimitedHard() {
        #expect(DescriptorLimit.raisedSoftLimit(soft: 1024, hard: UInt64.max) == DescriptorLimit.ceiling)
        #expect(DescriptorLimit.raisedSoftLimit(soft: 1024, hard: UInt64.max, ceiling: 65_536) == 65_536)
    }

    @Test("raising leaves this process's soft limit at the target, within the hard limit")
    func raisesThisProcess() {
        DescriptorLimit.raise()
        let (soft, hard) = DescriptorLimit.current()
        #expect(DescriptorLimit.raisedSoftLimit(soft: soft, hard: hard) == nil)
    }
}
