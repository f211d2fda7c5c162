import Foundation
import Testing
@testable import Execution

@Suite struct TrialEnvironmentTests {
    let env = TrialEnvironment(
        run: "demo", trial: 4, attempt: 2,
        parameters: [("lr", .real(1e-5)), ("layers", .int(3)), ("opt", .string("a\"b\\c\n")), ("bn", .bool(true))],
        metricsFile: "/r/trials/4/metrics.jsonl", artifactsDirectory: "/r/trials/4/artifacts",
        checkpointDirectory: "/r/trials/4/checkpoints", visibleDevices: "0,1")

    @Test func setsEveryVariableOfTheContract() {
        let v = env.variables
        #expect(v["HPO_RUN"] == "demo")
        #expect(v["HPO_TRIAL"] == "4")
        #expect(v["HPO_ATTEMPT"] == "2")
        #expect(v["HPO_METRICS_FILE"] == "/r/trials/4/metrics.jsonl")
        #expect(v["HPO_ARTIFACTS_DIR"] == "/r/trials/4/artifacts")
        #expect(v["HPO_CHECKPOINT_DIR"] == "/r/trials/4/checkpoints")
        #expect(v["CUDA_VISIBLE_DEVICES"] == "0,1")
    }

    @Test func paramsAreJSONInDeclaredOrder() throws {
        let text = env.variables["HPO_PARAMS"]!
        #expect(text.hasPrefix("{\"lr\": 1e-05, \"layers\": 3, "))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(object["lr"] as? Double == 1e-5)
        #expect(object["layers"] as? Int == 3)
        #expect(object["opt"] as? String == "a\"b\\c\n")
        #expect(object["bn"] as? Bool == true)
    }

    @Test func overlaysTheInheritedEnvironment() {
        let merged = env.merged(over: ["PATH": "/bin", "HPO_TRIAL": "99"])
        #expect(merged["PATH"] == "/bin")
        #expect(merged["HPO_TRIAL"] == "4")
    }

    @Test func leavesCudaVisibleDevicesAloneWithoutGPUs() {
        var cpu = env
        cpu.visibleDevices = nil
        #expect(cpu.merged(over: ["CUDA_VISIBLE_DEVICES": "3"])["CUDA_VISIBLE_DEVICES"] == "3")
    }
}
