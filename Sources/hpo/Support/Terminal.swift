import ArgumentParser
import Foundation

/// Output to the person at the terminal.
enum Terminal {
    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }

    /// Runs `body`; any error it throws is printed as `error: …` on standard error and
    /// the command exits with code 2 (bad input), or 1 for a failure of the machine or of
    /// hpo's own files (`ExitStatus`).
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as RunFailure {
            printError("error: \(failure.message)")
            throw ExitCode(failure.code)
        } catch {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.code(for: error))
        }
    }
}

/// A problem with what the person typed, in their words.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
