import ArgumentParser
import Execution
import Search
import SweepConfig

/// `hpo search [--config FILE] -- COMMAND…`: a sweep with a chosen strategy and budget, from
/// a sweep file, a command line with sweep values, or both (the command line wins).
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search a command's parameters with grid, random or Bayesian search.",
        usage: "hpo search [<options>] [--config <file>] [-- <command> ...]",
        discussion: """
            The command comes after --; its sweep values (see hpo run --help)
            become parameters. With --config, the sweep file gives the command,
            parameters and settings; a command given here replaces the file's,
            its sweep values add to or replace the file's parameters, and every
            option given here wins over the file.

            Examples:
              hpo search --strategy random --trials 20 --seed 7 --dry-run -- \\
                  python3 train.py --lr "loguniform(1e-5, 1e-1)" \\
                  --layers "randint(1, 8)"
              hpo search --config sweep.yaml --trials 50 --dry-run
            """
    )

    @OptionGroup var sweep: SweepOptions

    @OptionGroup var tagging: TagOptions

    @Option(help: ArgumentHelp("A sweep file (YAML).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("An earlier run (same root) whose finished trials the strategy learns from, bayes and tpe; repeat for several.", valueName: "run"))
    var warmStart: [String] = []

    @Option(help: ArgumentHelp("A CSV file of configurations to try first, one a row, columns named after parameters.", valueName: "file"))
    var enqueue: String?

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The command to run for each trial, after --.", valueName: "command"))
    var command: [String] = []

    /// The options of `hpo search` beyond the sweep options.
    static let ownOptions = ["--config", "--warm-start", "--enqueue"] + TagOptions.optionNames

    func run() throws {
        var argv = command
        if argv.first == "--" { argv.removeFirst() }
        if argv.first == "--help" || argv.first == "-h", command.first != "--" {
            return print(HPO.helpMessage(for: SearchCommand.self))
        }
        if let first = argv.first, first.hasPrefix("-"), command.first != "--" {
            throw SweepOptions.unknownOption(first, command: "search", extra: Self.ownOptions)
        }
        let misplaced = command.first == "--" ? [] : SweepOptions.misplacedOptions(in: argv, extra: Self.ownOptions)
        if let program = argv.first, !misplaced.isEmpty {
            Terminal.printError(SweepOptions.misplacedWarning(misplaced, program: program, subcommand: "search"))
        }
        var overrides = try sweep.overrides()
        let tags = try tagging.validated()
        if !warmStart.isEmpty { overrides.warmStart = warmStart }
        // A new run draws a fresh seed unless --seed or the file gives one (see SweepOptions.freshSeed).
        let fresh = SweepOptions.freshSeed()
        let base = try config.map { path throws in
            try SweepSpec.load(contentsOf: path, seed: overrides.seed, defaultSeed: fresh)
        } ?? SweepSpec(seed: fresh, space: try SearchSpace([]))
        if !argv.isEmpty {
            let inline = try CommandLineSweep(parsing: argv, seed: overrides.seed ?? base.seed, base: base.space.parameters)
            overrides.command = inline.template
            overrides.parameters = inline.space.parameters
        }
        let spec = try base.merged(with: overrides)
        let enqueued = try enqueue.map { path throws in try EnqueueInput.configurations(csv: path, space: spec.space) } ?? []
        if enqueue != nil && sweep.detach {
            throw InputError("--enqueue with --detach: once the run started, give its configurations with "
                             + "hpo enqueue RUN --from \(enqueue!)")
        }
        try SweepLauncher.start(spec, options: sweep, tags: tags, enqueue: enqueued)
    }
}
