/// POSIX shell quoting, for showing a command to a person (a dry run, a log line) so that it
/// can be pasted into a shell. hpo runs trials without a shell, except inside a Slurm job's
/// batch script, where every word of the command is quoted by this.
public enum ShellQuoting {
    /// An argument as a shell word: bare when every character is one a shell leaves alone
    /// (letters, digits and `@%+=:,./_-`), else in single quotes, with each `'` written `'\''`.
    /// The empty argument is `''`.
    public static func quote(_ argument: String) -> String {
        let safe = argument.unicodeScalars.allSatisfy { s in
            s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
                || "@%+=:,./_-".unicodeScalars.contains(s))
        }
        if safe && !argument.isEmpty { return argument }
        return "'" + argument.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// An argv as one shell command line.
    public static func join(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }

    /// An argv as one command line for a person to read and paste: as `join`, except that an
    /// argument holding a control character (an ESC, a newline) is written in bash's `$'…'`
    /// quoting with the character escaped, so the terminal shows it instead of acting on it,
    /// and bash, pasted, gives the program the same bytes.
    public static func display(_ argv: [String]) -> String {
        argv.map { argument in
            guard argument.unicodeScalars.contains(where: ParameterValue.isTerminalControl) else { return quote(argument) }
            var out = "$'"
            for scalar in argument.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "'": out += "\\'"
                default:
                    if ParameterValue.isTerminalControl(scalar) && scalar.isASCII {
                        out += ParameterValue.escape(scalar)
                    } else if ParameterValue.isTerminalControl(scalar) {
                        // Its UTF-8 bytes: bash reads `\u…` only in a UTF-8 locale, `\x…` in any.
                        out += String(scalar).utf8.map { "\\x" + String($0, radix: 16) }.joined()
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "'"
        }.joined(separator: " ")
    }
}
