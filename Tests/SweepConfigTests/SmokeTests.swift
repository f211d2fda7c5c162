import Testing
@testable import SweepConfig
@Test func placeholder() {}
