/// hpo's own options typed after the training command, where they reach the command instead
/// of hpo: `hpo run train.py --x "[1, 2]" --parallel 2` runs one trial at a time and hands
/// `--parallel 2` to train.py.
extension SweepOptions {
    /// The arguments of `command` (the training command, program first) that are options of
    /// hpo's `subcommand`, once each, in order. `--help` is left out: after the command it
    /// is the command's own.
    static func misplacedOptions(in command: [String], extra: [String] = []) -> [String] {
        let names = Set(optionNames + extra).subtracting(["--help"])
        var found: [String] = []
        for argument in command.dropFirst() {
            let name = String(argument.prefix { $0 != "=" })
            if names.contains(name) && !found.contains(name) { found.append(name) }
        }
        return found
    }

    /// The warning for `options` found after `program`, saying how to give them to hpo and
    /// how to give them to the command on purpose.
    static func misplacedWarning(_ options: [String], program: String, subcommand: String) -> String {
        let list = options.joined(separator: ", ")
        let them = options.count == 1 ? "it" : "them"
        return "warning: \(list) after the command \(options.count == 1 ? "goes" : "go") to \(program), not to hpo; "
            + "for hpo, put \(them) before the command (hpo \(subcommand) \(options[0]) … \(program) …); "
            + "to pass \(them) to \(program) on purpose, put -- before the command (hpo \(subcommand) [options] -- "
            + "\(program) …), which also silences this warning"
    }
}
