import Foundation

/// Fits a `LogisticModel` to labelled comments: mean log-loss plus `l2`/2 × the squared weights
/// (the bias is not penalised), minimised by full-batch Adam for a fixed number of steps from
/// zero weights. Features and examples are visited in a fixed order, so the same files give
/// the same model, byte for byte.
public struct LogisticTrainer: Sendable {
    public var l2 = 1e-5
    public var iterations = 400
    public var learningRate = 0.05
    /// Features found in fewer training comments than this are not learned.
    public var minCount = 2
    public var features = CommentFeatures.Kinds()

    public init() {}

    public func train(_ examples: [(text: String, isPositive: Bool)], positive: String) -> LogisticModel {
        let extracted = examples.map { CommentFeatures.extract($0.text, kinds: features) }
        var documentCounts: [String: Int] = [:]
        for set in extracted { for f in set { documentCounts[f, default: 0] += 1 } }
        let vocabulary = documentCounts.filter { $0.value >= minCount }.keys.sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let rows = extracted.map { set in set.compactMap { index[$0] }.sorted() }
        let scales = extracted.map { $0.isEmpty ? 0 : 1 / Double($0.count).squareRoot() }
        let targets = examples.map { $0.isPositive ? 1.0 : 0.0 }

        var w = [Double](repeating: 0, count: vocabulary.count), bias = 0.0
        var m = w, v = w, mb = 0.0, vb = 0.0
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-8)
        let n = Double(max(examples.count, 1))
        for step in 1...max(iterations, 1) {
            var gradient = [Double](repeating: 0, count: w.count), gb = 0.0
            for (row, (scale, y)) in zip(rows, zip(scales, targets)) {
                var z = bias
                for i in row { z += w[i] * scale }
                let g = (1 / (1 + exp(-z)) - y) / n
                gb += g
                for i in row { gradient[i] += g * scale }
            }
            let c1 = 1 - pow(beta1, Double(step)), c2 = 1 - pow(beta2, Double(step))
            for i in w.indices {
                let g = gradient[i] + l2 * w[i]
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                w[i] -= learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
            }
            mb = beta1 * mb + (1 - beta1) * gb
            vb = beta2 * vb + (1 - beta2) * gb * gb
            bias -= learningRate * (mb / c1) / ((vb / c2).squareRoot() + epsilon)
        }
        return LogisticModel(positive: positive, bias: bias,
                             weights: Dictionary(uniqueKeysWithValues: zip(vocabulary, w)), features: features)
    }
}
