import Foundation
import Testing
@testable import Search

/// Values shown on a terminal: control characters escaped, everything else as it is.
@Suite("Parameter display")
struct ParameterDisplayTests {
    @Test func controlCharactersAreEscaped() {
        #expect(ParameterValue.string("a\u{1B}[31mred").displayText == "a\\x1b[31mred")
        #expect(ParameterValue.string("line\nnext\ttab\rcr").displayText == "line\\nnext\\ttab\\rcr")
        #expect(ParameterValue.string("\u{7F}\u{85}\u{202E}").displayText == "\\x7f\\u0085\\u202e")
        #expect(ParameterValue.string("\u{0}").displayText == "\\x00")
    }

    @Test func ordinaryTextStaysAsItIs() {
        for text in ["adam", "résumé", "日本語", "a\\nb", "🙂", "x y"] {
            #expect(ParameterValue.string(text).displayText == text)
        }
        #expect(ParameterValue.real(1e-5).displayText == "1e-05")
        #expect(ParameterValue.bool(true).displayText == "True")
    }

    @Test func aCommandLineShowsControlCharactersInBashQuoting() {
        #expect(ShellQuoting.display(["echo", "a\u{1B}[1m", "it's\\", "plain"])
            == "echo $'a\\x1b[1m' 'it'\\''s\\' plain")
        #expect(ShellQuoting.display(["x\n'\\"]) == "$'x\\n\\'\\\\'")
        #expect(ShellQuoting.display(["\u{202E}"]) == "$'\\xe2\\x80\\xae'")
    }

    @Test func bashReadsTheShownArgumentsBackByteForByte() throws {
        let argument = "a\u{1B}[31m'q'\\b\n\r\t\u{7F}\u{85}\u{202E}é"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "printf '%s' " + ShellQuoting.display([argument])]
        process.environment = ["LC_ALL": "C"]  // the bytes come back whatever the locale
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let bytes = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(bytes == Data(argument.utf8))
    }
}
