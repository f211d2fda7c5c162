import Foundation
import Testing
@testable import Execution

@Suite("Slots: --gpus and finding the machine's GPUs")
struct SlotGPUSelectionTests {
    @Test("--gpus accepts index lists and 'all'", arguments: [
        ("0,1,2,3", GPUSelection.ids([0, 1, 2, 3])),
        (" 2, 0 ,1 ", .ids([2, 0, 1])),
        ("7", .ids([7])),
        ("all", .all),
        ("ALL", .all),
    ])
    func parsing(text: String, expected: GPUSelection) throws {
        #expect(try GPUSelection(parsing: text) == expected)
    }

    @Test("bad --gpus text is refused, naming the entry", arguments: [
        ("0,a", SlotError.badGPUID("a", source: "--gpus")),
        ("-1", .badGPUID("-1", source: "--gpus")),
        ("1.5", .badGPUID("1.5", source: "--gpus")),
        ("0,,1", .badGPUID("", source: "--gpus")),
        ("0,1,0", .duplicateGPU(0)),
        ("", .noGPUs),
        ("GPU-8a3b", .badGPUID("GPU-8a3b", source: "--gpus")),
    ])
    func badText(text: String, expected: SlotError) {
        #expect(throws: expected) { try GPUSelection(parsing: text) }
    }

    @Test("'all' takes what the injected detector finds; nothing found is an error")
    func resolveAll() throws {
        #expect(try GPUSelection.all.resolve { () throws(SlotError) in [0, 1, 2] } == [0, 1, 2])
        #expect(try GPUSelection.ids([3]).resolve { () throws(SlotError) -> [Int] in Issue.record("not called"); return [] } == [3])
        #expect(throws: SlotError.nothingDetected(reason: "the detector returned no GPU")) {
            try GPUSelection.all.resolve { () throws(SlotError) in [] }
        }
        #expect(SlotError.nothingDetected(reason: "nvidia-smi lists no GPU").description
            == "--gpus all: no GPU found (nvidia-smi lists no GPU); list them with --gpus 0,1,... or leave --gpus out to run on CPUs")
    }

    @Test("CUDA_VISIBLE_DEVICES, when set, decides which GPUs 'all' means", arguments: [
        ("2,3", [2, 3]),
        ("1, 0", [1, 0]),
        ("1,-1,2", [1]),  // as in CUDA, the list ends at the first negative index
    ])
    func visibleDevices(value: String, expected: [Int]) throws {
        #expect(try GPUDetection.detect(environment: ["CUDA_VISIBLE_DEVICES": value, "PATH": "/nonexistent"]) == expected)
    }

    @Test("CUDA_VISIBLE_DEVICES that shows no GPU, or names GPUs by UUID, is an error", arguments: [
        ("", SlotError.nothingDetected(reason: "CUDA_VISIBLE_DEVICES='' makes no GPU visible")),
        ("-1", .nothingDetected(reason: "CUDA_VISIBLE_DEVICES='-1' makes no GPU visible")),
        ("GPU-5e6f", .badGPUID("GPU-5e6f", source: "CUDA_VISIBLE_DEVICES")),
    ])
    func visibleDevicesErrors(value: String, expected: SlotError) {
        #expect(throws: expected) { try GPUDetection.detect(environment: ["CUDA_VISIBLE_DEVICES": value]) }
    }

    @Test("without CUDA_VISIBLE_DEVICES, nvidia-smi's index list is used")
    func nvidiaSMI() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        scratch.write("nvidia-smi", """
            #!/bin/sh
            [ "$1 $2" = "--query-gpu=index --format=csv,noheader" ] || exit 9
            printf '0\\n1\\n3\\n'
            """, executable: true)
        #expect(try GPUDetection.detect(environment: ["PATH": scratch.path + ":/bin"]) == [0, 1, 3])
    }

    @Test("a missing or failing nvidia-smi says so")
    func nvidiaSMIMissing() throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        #expect(throws: SlotError.nothingDetected(reason: "nvidia-smi is not in PATH and CUDA_VISIBLE_DEVICES is not set")) {
            try GPUDetection.detect(environment: ["PATH": scratch.path])
        }
        scratch.write("nvidia-smi", "#!/bin/sh\necho 'NVIDIA-SMI has failed' >&2\nexit 9\n", executable: true)
        #expect(throws: SlotError.nothingDetected(reason: "nvidia-smi --query-gpu=index failed (exit 9)")) {
            try GPUDetection.detect(environment: ["PATH": scratch.path + ":/bin"])
        }
        scratch.write("nvidia-smi", "#!/bin/sh\necho 'No devices were found'\n", executable: true)
        #expect(throws: SlotError.nothingDetected(reason: "unexpected nvidia-smi output line 'No devices were found'")) {
            try GPUDetection.detect(environment: ["PATH": scratch.path + ":/bin"])
        }
    }
}
