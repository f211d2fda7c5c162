import Testing
@testable import SweepConfig

/// Bad sweep files: each error names the file, line and column.
@Suite struct SweepFileErrorTests {
    static let cases: [(yaml: String, message: String)] = [
        // Unknown keys.
        ("seed: 1\nstratgey: grid\n", "sweep.yaml:2:1: unknown key 'stratgey' in the sweep file; did you mean strategy?"),
        ("method: grid\n", "sweep.yaml:1:1: unknown key 'method' in the sweep file; did you mean strategy?"),
        ("program: train.py\n", "sweep.yaml:1:1: unknown key 'program' in the sweep file; did you mean command?"),
        ("colour: red\n", "sweep.yaml:1:1: unknown key 'colour' in the sweep file; known keys are name, command, metric, metrics, strategy, trials, seed, parallel, gpus, parameters, constraints, early_stopping, datastores, backend, nodes, ranks_per_node, launcher, warm_start"),
        ("metric:\n  name: loss\n  goals: minimize\n", "sweep.yaml:3:3: unknown key 'goals' in metric; did you mean goal?"),
        ("parameters:\n  lr: {distribution: uniform, min: 0, maxi: 1}\n", "sweep.yaml:2:39: unknown key 'maxi' in parameter 'lr'; did you mean max?"),
        ("seed: 1\nseed: 2\n", "sweep.yaml:2:1: the sweep file: key 'seed' appears twice"),
        ("backend: kubernetes\n", "sweep.yaml:1:10: backend must be local or slurm, got 'kubernetes'"),
        ("backend: {slurm: {partion: gpu}}\n", "sweep.yaml:1:19: unknown key 'partion' in backend.slurm; did you mean partition?"),
        ("backend: {slurm: {gpus_per_trial: 0}}\n", "sweep.yaml:1:35: backend.slurm.gpus_per_trial must be at least 1, got 0"),
        ("launcher: horovod\n", "sweep.yaml:1:11: launcher must be torchrun or mpi, got 'horovod'"),
        // Wrong types.
        ("- a\n", "sweep.yaml:1:1: the sweep file must be a mapping of keys to values, got a list"),
        ("name: [a]\n", "sweep.yaml:1:7: name must be a string, got a list"),
        ("name: 12\n", "sweep.yaml:1:7: name must be a string, got 12"),
        ("command: python3 train.py\n", "sweep.yaml:1:10: command must be a list of arguments, e.g. [python3, train.py]: hpo runs it without a shell"),
        ("command: []\n", "sweep.yaml:1:10: command must name a program to run"),
        ("command: [python3, {a: 1}]\n", "sweep.yaml:1:20: command argument 2 must be a string, got a mapping"),
        ("command: [python3, 'x}']\n", "sweep.yaml:1:20: command argument 2 \"x}\": '}' without '{'; write '}}' for a literal brace (column 2)"),
        ("command: [train, --lr, '{lr}']\nparameters: {rate: '[1]'}\n",
         "sweep.yaml:1:24: the command uses {lr}, but no parameter is named 'lr' (parameters are rate)"),
        ("metric: loss\n", "sweep.yaml:1:9: metric must be a mapping of keys to values, got the string 'loss'"),
        ("metric: {goal: lower}\n", "sweep.yaml:1:16: metric.goal must be minimize or maximize, got 'lower'"),
        ("strategy: cmaes\n", "sweep.yaml:1:11: strategy must be grid, random, bayes or tpe, got 'cmaes'"),
        ("trials: many\n", "sweep.yaml:1:9: trials must be a whole number, got the string 'many'"),
        ("trials: 2.5\n", "sweep.yaml:1:9: trials must be a whole number, got 2.5"),
        ("trials: 0\n", "sweep.yaml:1:9: trials must be at least 1, got 0"),
        ("seed: -1\n", "sweep.yaml:1:7: seed must be a whole number from 0 to 18446744073709551615, got -1"),
        ("parallel: 0\n", "sweep.yaml:1:11: parallel must be at least 1, got 0"),
        ("gpus: 4\n", "sweep.yaml:1:7: gpus must list device ids, e.g. [0, 1, 2, 3] or \"0,1,2,3\", got 4"),
        ("gpus: [0, a]\n", "sweep.yaml:1:11: a gpu id must be a whole number, got the string 'a'"),
        ("gpus: [0, 0]\n", "sweep.yaml:1:7: gpus lists device 0 twice"),
        ("gpus: \"0,x\"\n", "sweep.yaml:1:7: gpus must list device ids such as \"0,1,2,3\", got '0,x'"),
        ("gpus: \"0,0\"\n", "sweep.yaml:1:7: gpus lists device 0 twice"),
        ("gpus: \"2\"\n", "sweep.yaml:1:7: gpus: \"2\" is ambiguous (Grid.ai's --gpus 2 is a count; gpus lists device ids): "
            + "for device 2 alone write gpus: [2]; for 2 GPUs per trial list the devices and give --gpus-per-trial 2"),
        ("strategy: bayes_search\n", "sweep.yaml:1:11: strategy must be grid, random, bayes or tpe, got 'bayes_search'"),
        ("parameters: [lr]\n", "sweep.yaml:1:13: parameters must be a mapping of keys to values, got a list"),
        // Parameters.
        ("parameters:\n  lr: 'loguniform(0, 1)'\n", "sweep.yaml:2:19: parameter 'lr': \"loguniform(0, 1)\": lower bound must be > 0"),
        ("parameters:\n  lr: logunifrom(1e-5, 1)\n", "sweep.yaml:2:7: parameter 'lr': \"logunifrom(1e-5, 1)\": unknown sweep function 'logunifrom'; did you mean loguniform?"),
        ("parameters:\n  lr:\n", "sweep.yaml:2:6: parameter 'lr' has no value; write a string such as 'none' if you mean one"),
        ("parameters:\n  lr: []\n", "sweep.yaml:2:7: parameter 'lr' needs at least one value"),
        ("parameters:\n  opt: [sgd, adam, sgd]\n", "sweep.yaml:2:20: parameter 'opt': value 'sgd' is listed twice"),
        ("parameters:\n  x: [1, [2]]\n", "sweep.yaml:2:10: a value of parameter 'x' must be a number, a string or a boolean, got a list"),
        ("parameters:\n  x: {distribution: normal, min: 0, max: 1}\n", "sweep.yaml:2:21: parameter 'x': unknown distribution 'normal'; use one of uniform, log_uniform, log_uniform_values, int_uniform, log_int_uniform, categorical"),
        ("parameters:\n  x: {distribution: unifrom, min: 0, max: 1}\n", "sweep.yaml:2:21: parameter 'x': unknown distribution 'unifrom'; use one of uniform, log_uniform, log_uniform_values, int_uniform, log_int_uniform, categorical; did you mean uniform?"),
        ("parameters:\n  x: {distribution: uniform, min: 0}\n", "sweep.yaml:2:6: parameter 'x' needs min and max, values, or value"),
        ("parameters:\n  x: {distribution: uniform, min: 1, max: 1}\n", "sweep.yaml:2:43: parameter 'x': max 1 must be above min 1"),
        ("parameters:\n  x: {distribution: uniform, min: a, max: 1}\n", "sweep.yaml:2:35: parameter 'x': min must be a number, got 'a'"),
        ("parameters:\n  x: {distribution: log_uniform, min: -9.2, max: -2.3}\n", "sweep.yaml:2:39: parameter 'x': min of log_uniform must be > 0, got -9.2 (bounds are values, not exponents as in W&B's log_uniform)"),
        ("parameters:\n  x: {distribution: int_uniform, min: 1.5, max: 3}\n", "sweep.yaml:2:39: parameter 'x': min of int_uniform must be a whole number, got 1.5"),
        ("parameters:\n  x: {distribution: log_int_uniform, min: 0, max: 3}\n", "sweep.yaml:2:43: parameter 'x': min of log_int_uniform must be > 0, got 0"),
        ("parameters:\n  x: {distribution: categorical}\n", "sweep.yaml:2:6: parameter 'x': distribution categorical needs values"),
        ("parameters:\n  x: {distribution: uniform, values: [1, 2]}\n", "sweep.yaml:2:21: parameter 'x': distribution uniform takes min and max, not values"),
        ("parameters:\n  x: {values: [1, 2], min: 0}\n", "sweep.yaml:2:28: parameter 'x': 'min' does not go with 'values'"),
        ("parameters:\n  x: {value: 1, values: [2]}\n", "sweep.yaml:2:25: parameter 'x': a constant 'value' takes no 'values'"),
        ("parameters:\n  x: {min: 0, max: 1, grid_points: 0}\n", "sweep.yaml:2:36: parameter 'x': grid_points must be at least 1, got 0"),
        // Early stopping.
        ("early_stopping: {min_steps: 3}\n", "sweep.yaml:1:17: early_stopping needs a rule: median, asha, hyperband, threshold or patience"),
        ("early_stopping: {rule: medain}\n", "sweep.yaml:1:24: early_stopping.rule must be one of median, asha, hyperband, threshold, patience, got 'medain'; did you mean median?"),
        ("early_stopping: {rule: asha, brackets: [1, 2]}\n", "sweep.yaml:1:40: early_stopping.brackets must be a number, a string or a boolean, got a list"),
        ("early_stopping: {rule: asha, eta: 3}\n",
         "sweep.yaml:1:35: early_stopping: early-stopping rule asha has no option 'eta' (did you mean reduction_factor?); its options are min_resource, reduction_factor, max_resource"),
        ("early_stopping: {rule: asha, reduction_factor: 1}\n",
         "sweep.yaml:1:48: early_stopping: early-stopping rule asha: reduction_factor must be an integer of at least 2, got 1"),
        ("early_stopping: {rule: median, warmup_steps: many}\n", "sweep.yaml:1:46: early_stopping.warmup_steps must be a number, got 'many'"),
        ("early_stopping: {rule: threshold}\n", "sweep.yaml:1:17: early_stopping: early-stopping rule threshold needs the option bound: the worst acceptable value: above it when minimizing, below it when maximizing"),
        // Not YAML at all.
        ("parameters: {lr: [1, 2}\n", "sweep.yaml:1:23: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1)"),
    ]

    @Test(arguments: cases)
    func refused(yaml: String, message: String) {
        let error = #expect(throws: SweepFileError.self) { try SweepSpec(yaml: yaml, path: "sweep.yaml") }
        #expect(error?.description == message)
    }
}
