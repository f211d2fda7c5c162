/// How the parameters of a search space sit in its unit-cube encoding, for the acquisition
/// search: which coordinates may move continuously, and how to snap any point of the cube to
/// the nearest point that stands for a configuration (`encode(decode(x))`, without building
/// a `Configuration`).
struct CubeLayout: Sendable {
    /// One searched parameter's coordinates.
    enum Block: Sendable {
        /// A real parameter at coordinate `at`.
        case real(at: Int)
        /// An integer parameter; decoding rounds in the widened interval [low − ½, high + ½].
        case integer(at: Int, low: Int, high: Int, log: Bool)
        /// An ordinal parameter with `count` values: bin ⌊u·count⌋.
        case ordinal(at: Int, count: Int)
        /// A categorical parameter: `count` one-hot coordinates from `at`.
        case categorical(at: Int, count: Int)
    }

    /// A block's condition: the parent's block and the condition on its value.
    struct Gate: Sendable {
        var parent: Int
        var condition: Condition
    }

    /// The searched parameters in declared order (constants take no coordinate).
    let blocks: [Block]
    /// Each block's condition, if any (conditions name searched parameters only).
    let gates: [Gate?]
    /// The values a categorical or ordinal block decodes to, by one-hot index or bin.
    let choices: [[ParameterValue]]
    /// The encoded dimension.
    let dimension: Int

    init(_ space: SearchSpace) {
        var blocks: [Block] = [], choices: [[ParameterValue]] = [], conditions: [Condition?] = [], names: [String] = []
        var at = 0
        for p in space.parameters {
            switch p.domain {
            case .real: blocks.append(.real(at: at))
            case .integer(let low, let high, let log): blocks.append(.integer(at: at, low: low, high: high, log: log))
            case .ordinal(let values): blocks.append(.ordinal(at: at, count: values.count))
            case .categorical(let values): blocks.append(.categorical(at: at, count: values.count))
            case .constant: continue
            }
            switch p.domain {
            case .ordinal(let values): choices.append(SearchSpace.ranked(values))
            case .categorical(let values): choices.append(values)
            default: choices.append([])
            }
            conditions.append(p.condition)
            names.append(p.name)
            at += SearchSpace.width(of: p.domain)
        }
        self.blocks = blocks
        self.choices = choices
        self.gates = conditions.map { c in c.map { Gate(parent: names.firstIndex(of: $0.parameter)!, condition: $0) } }
        self.dimension = at
    }

    /// Coordinates a local search may move continuously (reals, integers, ordinals; snapping
    /// afterwards rounds the discrete ones). One-hot coordinates are never moved this way.
    var continuousCoordinates: [Int] {
        blocks.compactMap { block in
            switch block {
            case .real(let at), .integer(let at, _, _, _), .ordinal(let at, _): return at
            case .categorical: return nil
            }
        }
    }

    /// Moves x to the point its configuration encodes to: reals are clamped into [0, 1],
    /// integers and ordinals go to the centre of their bin, one-hot blocks to the one-hot
    /// vector of their largest coordinate (the first on ties, as `decode` does); the blocks of
    /// inactive parameters go to their fixed place (`SearchSpace.inactiveCoordinate`, zeros).
    func snap(_ x: inout [Double]) {
        var active = [Bool](repeating: true, count: blocks.count)
        for (b, block) in blocks.enumerated() {
            if let gate = gates[b] {
                active[b] = active[gate.parent] && gate.condition.holds(for: value(of: gate.parent, in: x))
                if !active[b] {
                    switch block {
                    case .real(let at), .integer(let at, _, _, _), .ordinal(let at, _):
                        x[at] = SearchSpace.inactiveCoordinate
                    case .categorical(let at, let count):
                        for j in 0..<count { x[at + j] = 0 }
                    }
                    continue
                }
            }
            switch block {
            case .real(let at):
                x[at] = SearchSpace.clamp(x[at])
            case .integer(let at, let low, let high, let log):
                let a = Double(low) - 0.5, b = Double(high) + 0.5
                let v = SearchSpace.integer(nearest: SearchSpace.value(atUnit: x[at], a, b, log), low: low, high: high)
                x[at] = SearchSpace.unit(Double(v), a, b, log)
            case .ordinal(let at, let count):
                let bin = min(max(Int((SearchSpace.clamp(x[at]) * Double(count)).rounded(.down)), 0), count - 1)
                x[at] = (Double(bin) + 0.5) / Double(count)
            case .categorical(let at, let count):
                var best = 0
                for j in 1..<count where x[at + j] > x[at + best] { best = j }
                for j in 0..<count { x[at + j] = j == best ? 1 : 0 }
            }
        }
    }

    /// The value a snapped block stands for (integers, ordinals and categoricals: the kinds
    /// a condition may name; nil for a real).
    private func value(of b: Int, in x: [Double]) -> ParameterValue? {
        switch blocks[b] {
        case .real: return nil
        case .integer(let at, let low, let high, let log):
            let v = SearchSpace.value(atUnit: x[at], Double(low) - 0.5, Double(high) + 0.5, log)
            return .int(SearchSpace.integer(nearest: v, low: low, high: high))
        case .ordinal(let at, let count):
            return choices[b][min(max(Int((SearchSpace.clamp(x[at]) * Double(count)).rounded(.down)), 0), count - 1)]
        case .categorical(let at, let count):
            return (0..<count).first { x[at + $0] > 0.5 }.map { choices[b][$0] }  // one-hot after snapping
        }
    }

    /// The snapped point for one design coordinate per block (`u.count == blocks.count`):
    /// a categorical takes the value ⌊u·count⌋, so a space-filling design in these
    /// coordinates is space-filling over the categories too.
    func point(design u: [Double]) -> [Double] {
        precondition(u.count == blocks.count)
        var x = [Double](repeating: 0, count: dimension)
        for (i, block) in blocks.enumerated() {
            switch block {
            case .real(let at), .integer(let at, _, _, _), .ordinal(let at, _):
                x[at] = u[i]
            case .categorical(let at, let count):
                x[at + min(Int(u[i] * Double(count)), count - 1)] = 1
            }
        }
        snap(&x)
        return x
    }

    /// A snapped neighbour of x: continuous coordinates move by `scale·N(0, 1)` (clamped), each
    /// categorical switches to a uniformly drawn value with probability 1/(number of blocks).
    func perturb(_ x: [Double], scale: Double, using rng: inout SplitMix64) -> [Double] {
        var y = x
        let switchProbability = 1 / Double(max(blocks.count, 1))
        for block in blocks {
            switch block {
            case .real(let at), .integer(let at, _, _, _), .ordinal(let at, _):
                y[at] = SearchSpace.clamp(y[at] + scale * rng.nextGaussian())
            case .categorical(let at, let count):
                if rng.nextUnit() < switchProbability {
                    let pick = Int(rng.next() % UInt64(count))
                    for j in 0..<count { y[at + j] = j == pick ? 1 : 0 }
                }
            }
        }
        snap(&y)
        return y
    }
}
