import Foundation
import Search

/// Logistic regression, p(y = 1 | x) = σ(w·x + b), trained by mini-batch SGD on
///
///     L(w, b) = mean over the batch of ℓ(w·x + b, y) + (λ/2)·‖w‖²,
///     ℓ(z, y) = log(1 + e^z) − y·z   (the log loss, written stably as softplus(z) − y·z),
///
/// whose gradient is mean((σ(z) − y)·x) + λ·w for w, mean(σ(z) − y) for b.
struct LogisticRegression {
    var weights: [Double]
    var bias = 0.0

    init(features: Int) {
        weights = [Double](repeating: 0, count: features)
    }

    func logit(_ x: [Double]) -> Double {
        var z = bias
        for j in weights.indices { z += weights[j] * x[j] }
        return z
    }

    /// The mean log loss over `data` (without the penalty), and the share classified right.
    func evaluate(_ data: Dataset) -> (loss: Double, accuracy: Double) {
        var loss = 0.0, right = 0
        for (x, y) in zip(data.features, data.labels) {
            let z = logit(x)
            loss += LogisticRegression.softplus(z) - y * z
            if (z > 0) == (y == 1) { right += 1 }
        }
        return (loss / Double(data.count), Double(right) / Double(data.count))
    }

    /// One pass over `data` in the order `rng` shuffles it, `batchSize` examples a step.
    mutating func trainEpoch(_ data: Dataset, learningRate: Double, l2: Double, batchSize: Int,
                             using rng: inout SplitMix64) {
        let order = Array(0..<data.count).shuffled(using: &rng)
        var start = 0
        while start < order.count {
            let batch = order[start..<min(start + batchSize, order.count)]
            var gradient = weights.map { l2 * $0 }
            var biasGradient = 0.0
            let scale = 1 / Double(batch.count)
            for i in batch {
                let x = data.features[i]
                let residual = (LogisticRegression.sigmoid(logit(x)) - data.labels[i]) * scale
                for j in gradient.indices { gradient[j] += residual * x[j] }
                biasGradient += residual
            }
            for j in weights.indices { weights[j] -= learningRate * gradient[j] }
            bias -= learningRate * biasGradient
            start += batchSize
        }
    }

    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// log(1 + e^z) without overflow: max(z, 0) + log(1 + e^−|z|).
    static func softplus(_ z: Double) -> Double {
        max(z, 0) + log1p(exp(-abs(z)))
    }
}
