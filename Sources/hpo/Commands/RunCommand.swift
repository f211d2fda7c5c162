import ArgumentParser
import Foundation
import Search
import SweepConfig

/// `hpo run SCRIPT ARGS…`: Grid.ai's `grid run`. Every sweep value among the script's
/// arguments becomes a parameter; by default every combination runs (a grid).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Sweep a script's arguments, the Grid.ai way: each list expands to a grid.",
        usage: "hpo run [<options>] <script> [<script arguments> ...]",
        discussion: """
            Every --flag VALUE (or --flag=VALUE) after the script whose value is a
            sweep expression becomes a parameter named after the flag; everything
            else is passed on unchanged. A value is a sweep expression when it
            starts with '[' or with a name and '('.

            Values to try, in the order given:
              "[1, 2]"  "['pizza', 'hotdog']"  "range(1, 10, 2)"
              "linspace(0, 1, 5)"  "logspace(-5, -1, 5)"  "geomspace(1, 1000, 4)"
              "uniform(0, 1, 10)"  (ten values drawn once, fixed by --seed)
            Distributions, for --strategy random or bayes with --trials (a grid
            also enumerates randint, lograndint and choice):
              "uniform(0, 1)"  "loguniform(1e-5, 1e-1)"  "randint(1, 8)"
              "lograndint(1, 1024)"  "choice('a', 'b')"
            A value may end in a condition on an earlier parameter; the flag then
            goes only to the trials where it holds:
              --momentum "uniform(0, 0.99) when optimizer == 'sgd'"
              (also !=, in ['sgd', 'rmsprop'], not in [...])

            A .py script runs with python3, a .sh script with bash, anything else
            directly.

            Example:
              hpo run --dry-run train.py --number "[1, 2]" \\
                  --food_item "['pizza', 'hotdog']"
            """
    )

    @OptionGroup var sweep: SweepOptions

    @OptionGroup var tagging: TagOptions

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The script, then its arguments with sweep values.", valueName: "script"))
    var script: [String] = []

    func run() throws {
        var arguments = script
        let explicit = arguments.first == "--"
        if explicit { arguments.removeFirst() }
        guard let program = arguments.first else {
            throw InputError("hpo run needs a script: hpo run --dry-run train.py --lr \"[0.1, 0.01]\"")
        }
        if program == "--help" || program == "-h" { return print(HPO.helpMessage(for: RunCommand.self)) }
        if program.hasPrefix("-") { throw SweepOptions.unknownOption(program, command: "run", extra: TagOptions.optionNames) }
        let misplaced = explicit ? [] : SweepOptions.misplacedOptions(in: arguments)
        if !misplaced.isEmpty {
            Terminal.printError(SweepOptions.misplacedWarning(misplaced, program: program, subcommand: "run"))
        }
        let launcher = CommandLineSweep.launcher(for: program)
        if !launcher.isEmpty, !FileManager.default.fileExists(atPath: program) {
            throw InputError("\(program): no such file")
        }
        let overrides = try sweep.overrides()
        let tags = try tagging.validated()
        let seed = overrides.seed ?? SweepOptions.freshSeed()
        let inline = try CommandLineSweep(parsing: launcher + arguments, seed: seed)
        var spec = SweepSpec(command: inline.template, seed: seed, space: inline.space)
        spec = try spec.merged(with: overrides)
        try SweepLauncher.start(spec, options: sweep, tags: tags)
    }
}
