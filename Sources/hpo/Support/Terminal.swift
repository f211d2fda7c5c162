import Execution
import Foundation

/// Output to the person at the terminal.
enum Terminal {
    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }
}

/// A problem with what the person typed, in their words.
struct InputError: BadInputError, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
