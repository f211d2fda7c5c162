import Foundation
import Search

/// Two interleaving half-moons with Gaussian noise: a binary task that a linear model only
/// solves on nonlinear features.
///
/// Class 0 lies on (cos t, sin t), class 1 on (1 − cos t, ½ − sin t), t uniform in [0, π],
/// each coordinate plus N(0, noise²). Noise is drawn by Box–Muller from SplitMix64, so the
/// data set is fixed by its seed.
struct TwoMoons {
    /// Points, two coordinates each.
    var points: [(Double, Double)]
    /// 0 or 1 for each point.
    var labels: [Double]

    init(count: Int, noise: Double, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        func gaussian() -> Double {
            // Box–Muller: √(−2 ln u₁) · cos(2π u₂) is N(0, 1) for u₁, u₂ uniform in (0, 1].
            let u1 = 1 - rng.nextUnit(), u2 = rng.nextUnit()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        points = []
        labels = []
        for i in 0..<count {
            let t = Double.pi * rng.nextUnit()
            let label = i % 2
            let (x, y) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            points.append((x + noise * gaussian(), y + noise * gaussian()))
            labels.append(Double(label))
        }
    }
}

/// Features and labels ready for training.
struct Dataset {
    /// One row of features per example.
    var features: [[Double]]
    var labels: [Double]

    var count: Int { labels.count }
}

extension TwoMoons {
    /// Every monomial of (x, y) up to degree 3 but the constant (9 features), standardized
    /// with the training part's mean and deviation. The first `trainingCount` points train,
    /// the rest validate.
    func split(trainingCount: Int) -> (training: Dataset, validation: Dataset) {
        let raw: [[Double]] = points.map { (x, y) in
            let (xx, xy, yy) = (x * x, x * y, y * y)
            return [x, y, xx, xy, yy, xx * x, xx * y, x * yy, yy * y]
        }
        let train = raw[..<trainingCount]
        let n = Double(train.count)
        var mean = [Double](repeating: 0, count: raw[0].count)
        var deviation = mean
        for row in train { for j in row.indices { mean[j] += row[j] / n } }
        for row in train { for j in row.indices { deviation[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n } }
        deviation = deviation.map { $0.squareRoot() }
        let standardized: [[Double]] = raw.map { row in row.indices.map { (row[$0] - mean[$0]) / deviation[$0] } }
        return (Dataset(features: Array(standardized[..<trainingCount]), labels: Array(labels[..<trainingCount])),
                Dataset(features: Array(standardized[trainingCount...]), labels: Array(labels[trainingCount...])))
    }
}
