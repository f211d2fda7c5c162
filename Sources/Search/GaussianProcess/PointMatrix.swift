/// Points of the unit cube stored flat, one point after another (row-major count×dimension):
/// the layout the kernel loops read contiguously.
struct PointMatrix: Sendable {
    /// How many points.
    let count: Int
    /// Coordinates per point.
    let dimension: Int
    /// `values[i * dimension + k]` is coordinate k of point i.
    var values: [Double]

    init(count: Int, dimension: Int, values: [Double]) {
        precondition(values.count == count * dimension, "expected \(count * dimension) coordinates")
        self.count = count
        self.dimension = dimension
        self.values = values
    }

    /// Packs points of equal length. An empty list has the given dimension.
    init(_ points: [[Double]], dimension: Int) {
        var values: [Double] = []
        values.reserveCapacity(points.count * dimension)
        for p in points {
            precondition(p.count == dimension, "every point needs \(dimension) coordinates, got \(p.count)")
            values.append(contentsOf: p)
        }
        self.init(count: points.count, dimension: dimension, values: values)
    }

    /// Point i as an array.
    subscript(i: Int) -> [Double] {
        Array(values[(i * dimension)..<((i + 1) * dimension)])
    }

    /// The points as a list of arrays.
    var rows: [[Double]] { (0..<count).map { self[$0] } }

    /// The points with point `other`'s rows appended.
    func appending(_ other: PointMatrix) -> PointMatrix {
        precondition(other.dimension == dimension)
        return PointMatrix(count: count + other.count, dimension: dimension, values: values + other.values)
    }

    /// The points at the given indices, in that order.
    func selecting(_ indices: [Int]) -> PointMatrix {
        var v: [Double] = []
        v.reserveCapacity(indices.count * dimension)
        for i in indices { v.append(contentsOf: values[(i * dimension)..<((i + 1) * dimension)]) }
        return PointMatrix(count: indices.count, dimension: dimension, values: v)
    }

    /// Every coordinate divided by the length scale of its dimension: in these coordinates
    /// the ARD distance is the plain Euclidean one.
    func scaled(by lengthScales: [Double]) -> [Double] {
        precondition(lengthScales.count == dimension)
        var out = values
        out.withUnsafeMutableBufferPointer { p in
            for i in 0..<count {
                for k in 0..<dimension { p[i * dimension + k] /= lengthScales[k] }
            }
        }
        return out
    }
}
