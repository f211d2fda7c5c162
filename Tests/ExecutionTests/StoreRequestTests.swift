import Foundation
import Testing
@testable import Execution

@Suite("Run store: cancel requests between processes")
struct StoreRequestTests {
    @Test("a request written through another connection reaches the controller once handled is marked")
    func cancelFlow() throws {
        let dir = TemporaryDirectory()
        let controller = try makeStore(dir)
        #expect(try controller.pendingRequests().isEmpty)
        #expect(try controller.pendingRequests().isEmpty)   // nothing changed: answered without a query
        let cli = try RunStore.open(at: dir.file("run.db"))   // `hpo cancel` opens its own connection
        let first = try cli.requestCancel(trial: 4, at: at(10), note: "hpo cancel")
        let second = try cli.requestCancel(trial: nil, at: at(11))
        #expect(second > first)
        let pending = try controller.pendingRequests()
        #expect(pending.map(\.id) == [first, second])
        #expect(pending.map(\.trial) == [4, nil])
        #expect(pending.first?.kind == .cancel && pending.first?.note == "hpo cancel" && pending.first?.at == at(10))
        try controller.markHandled(request: first, at: at(12))
        #expect(try controller.pendingRequests().map(\.id) == [second])
        try controller.markHandled(request: second, at: at(12))
        #expect(try controller.pendingRequests().isEmpty)
        #expect(try controller.pendingRequests().isEmpty)
        try cli.requestCancel(trial: 5, at: at(20))
        #expect(try controller.pendingRequests().map(\.trial) == [5])
    }

    @Test("the controller's own writes do not make the cheap check query again")
    func ownWritesAreCheap() throws {
        let dir = TemporaryDirectory()
        let controller = try makeStore(dir)
        _ = try controller.pendingRequests()
        try controller.createTrial(number: 0, configuration: ["lr": .real(0.1), "optimizer": .string("x")], at: at(0))
        let version = controller.requestCursor.withLock { $0.dataVersion }
        #expect(try controller.pendingRequests().isEmpty)
        #expect(controller.requestCursor.withLock { $0.dataVersion } == version)
    }
}
