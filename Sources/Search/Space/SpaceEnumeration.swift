/// The configurations of a discrete space — or of a grid over one — listed one by one and
/// numbered, branch by branch.
///
/// A branch fixes the values of the parents (the parameters conditions name) and so which
/// parameters are active; its configurations are the product of its other active parameters,
/// the first declared varying fastest. Branches follow the parents' values, the first
/// parent's slowest: for `optimizer: [sgd, adam]` and `momentum` under sgd, every sgd point
/// comes first, then adam's single one. A space without conditions is one branch: the plain
/// product, in Grid.ai's order.
struct SpaceEnumeration {
    /// One parameter's values for the enumeration: how many, and the list (asked for only
    /// when needed, so a long integer range can be counted without being listed).
    typealias Axis = (count: Int, values: () -> [ParameterValue])

    /// The parents' values of one branch and its freely varying parameters.
    struct Branch {
        /// The active parents' values.
        var fixed: [String: ParameterValue]
        /// Each parent's value in declared order, nil where inactive: the branch's key.
        var key: [ParameterValue?]
        /// The other active parameters, by index in the space, in declared order.
        var free: [Int]
        /// The number of configurations.
        var size: Int
    }

    /// The most branches listed (and so the most values a parent may have): past it a space
    /// is not enumerated, and counts as uncountable.
    static let maximumBranches = 1_000_000

    let space: SearchSpace
    let branches: [Branch]
    /// The first point of each branch, and the total after the last.
    let starts: [Int]
    /// Each parameter's values (empty for a parameter never free).
    let axes: [[ParameterValue]]
    private let parents: [String]
    private let branchOfKey: [[ParameterValue?]: Int]
    private let digits: [[ParameterValue: Int]]

    /// The number of points.
    var count: Int { starts.last! }

    /// The enumeration over the values `axis` gives each parameter; nil when some branch or
    /// the total passes `limit` (or an axis is infinite: `axis` returns nil).
    init?(_ space: SearchSpace, limit: Int, axis: (Parameter) -> Axis?) {
        guard let branches = SpaceEnumeration.branches(space, limit: limit, axis: axis) else { return nil }
        var starts = [0]
        for b in branches {
            let (next, overflow) = starts.last!.addingReportingOverflow(b.size)
            guard !overflow, next <= limit else { return nil }
            starts.append(next)
        }
        let used = Set(branches.flatMap(\.free))
        var axes: [[ParameterValue]] = []
        for (i, p) in space.parameters.enumerated() {
            axes.append(used.contains(i) ? axis(p)!.values() : [])
        }
        self.space = space
        self.branches = branches
        self.starts = starts
        self.axes = axes
        self.parents = space.parentNames
        self.branchOfKey = Dictionary(branches.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        self.digits = axes.map { Dictionary($0.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// The number of points without listing any free parameter's values; nil past `limit`.
    static func count(_ space: SearchSpace, limit: Int, axis: (Parameter) -> Axis?) -> Int? {
        guard let branches = branches(space, limit: limit, axis: axis) else { return nil }
        var total = 0
        for b in branches {
            let (next, overflow) = total.addingReportingOverflow(b.size)
            guard !overflow, next <= limit else { return nil }
            total = next
        }
        return total
    }

    /// Point `index`: its branch's parents, then a mixed-radix number over the branch's free
    /// parameters whose least significant digit is the first.
    func point(_ index: Int) -> Configuration {
        var lo = 0, hi = branches.count - 1
        while lo < hi {  // the last branch starting at or before index
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        let branch = branches[lo]
        var rest = index - starts[lo]
        var values = branch.fixed
        for i in branch.free {
            let choices = axes[i]
            values[space.parameters[i].name] = choices[rest % choices.count]
            rest /= choices.count
        }
        return Configuration(values)
    }

    /// The number of `configuration`, or nil when it is not one of the points.
    func index(of configuration: Configuration) -> Int? {
        let key = parents.map { configuration[$0] }
        guard let b = branchOfKey[key] else { return nil }
        let branch = branches[b]
        guard configuration.values.count == branch.fixed.count + branch.free.count else { return nil }
        var index = 0, stride = 1
        for i in branch.free {
            guard let v = configuration[space.parameters[i].name], let d = digits[i][v] else { return nil }
            index += d * stride
            stride *= axes[i].count
        }
        return starts[b] + index
    }

    /// The branches in order; nil when there are more than `limit` or `maximumBranches`, when one holds more than
    /// `limit` points, or when a parameter that takes part has an infinite axis.
    static func branches(_ space: SearchSpace, limit: Int, axis: (Parameter) -> Axis?) -> [Branch]? {
        let parentNames = Set(space.parentNames)
        let parentIndices = space.parameters.indices.filter { parentNames.contains(space.parameters[$0].name) }
        let others = space.parameters.indices.filter { !parentNames.contains(space.parameters[$0].name) }
        var counts: [Int: Int] = [:]
        var out: [Branch] = []
        var fixed: [String: ParameterValue] = [:]
        var key: [ParameterValue?] = []
        var failed = false

        func emit() {
            var size = 1
            var free: [Int] = []
            for i in others where space.isActive(space.parameters[i], given: fixed) {
                if counts[i] == nil { counts[i] = axis(space.parameters[i])?.count ?? -1 }
                let (product, overflow) = size.multipliedReportingOverflow(by: counts[i]!)
                guard counts[i]! >= 0, !overflow, product <= limit else { failed = true; return }
                size = product
                free.append(i)
            }
            out.append(Branch(fixed: fixed, key: key, free: free, size: size))
            if out.count > min(limit, maximumBranches) { failed = true }
        }
        func walk(_ k: Int) {
            guard !failed else { return }
            guard k < parentIndices.count else { return emit() }
            let p = space.parameters[parentIndices[k]]
            guard space.isActive(p, given: fixed) else {
                key.append(nil)
                walk(k + 1)
                key.removeLast()
                return
            }
            guard let a = axis(p), a.count <= min(limit, maximumBranches) else { failed = true; return }
            for v in a.values() {
                fixed[p.name] = v
                key.append(v)
                walk(k + 1)
                key.removeLast()
                if failed { break }
            }
            fixed[p.name] = nil
        }
        walk(0)
        return failed ? nil : out
    }
}
