import Testing
@testable import Execution
@Test func placeholder() {}
