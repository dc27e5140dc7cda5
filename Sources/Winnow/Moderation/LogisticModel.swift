import Foundation

/// A logistic-regression classifier over comment features (`CommentFeatures`): one weight per
/// feature and a bias. A comment's log-odds is the bias plus the weights of its features, each
/// scaled by 1/√(number of features the comment has), so long and short comments weigh alike
/// (the L2-normalised binary vectors of a TF-IDF pipeline without the IDF). Being linear, the
/// verdict is explained exactly by its features' contributions, strongest first.
public struct LogisticModel: Sendable, Equatable {
    /// The label the log-odds are about ("promotional", "on-topic").
    public var positive: String
    public var bias: Double
    public var weights: [String: Double]
    /// Which features the model was trained on (and so must be given).
    public var features: CommentFeatures.Kinds

    public init(positive: String, bias: Double, weights: [String: Double], features: CommentFeatures.Kinds) {
        self.positive = positive
        self.bias = bias
        self.weights = weights
        self.features = features
    }

    /// The log-odds of `positive` for a comment, and the contributions that make it up, largest
    /// in size first. Character n-grams are counted under the first word they come from, so
    /// the explanation reads "subscribe +1.2" rather than a list of fragments.
    /// `tokens`, when given, are the text's `CommentTokens`.
    public func logit(_ text: String, tokens: Set<String>? = nil) -> (logit: Double, contributions: [(feature: String, weight: Double)]) {
        let all = CommentFeatures.explained(text, kinds: features, tokens: tokens)
        guard !all.isEmpty else { return (bias, []) }
        let scale = 1 / Double(all.count).squareRoot()
        var byName: [String: Double] = [:]
        // In a fixed order: sums of doubles depend on it, and dictionaries are ordered by a
        // per-process seed; the same comment must get the same score in every run. Only the
        // features with a weight are sorted (most character n-grams have none).
        let weighted = all.compactMap { feature, name in weights[feature].flatMap { $0 != 0 ? (feature, name, $0) : nil } }
        for (_, name, w) in weighted.sorted(by: { $0.0 < $1.0 }) {
            byName[name, default: 0] += w * scale
        }
        let contributions = byName.map { (feature: $0.key, weight: $0.value) }
            .sorted { (abs($0.weight), $1.feature) > (abs($1.weight), $0.feature) }
        return (contributions.reduce(bias) { $0 + $1.weight }, contributions)
    }

    // MARK: file format

    static let magic = "#winnow-logistic"

    /// Tab-separated text: a header line naming the label, bias and feature kinds, then
    /// `feature<TAB>weight` sorted by feature. Weights are rounded to 4 decimals; zero ones are left out.
    public func serialized() -> String {
        var out = "\(Self.magic)\tpositive=\(positive)\tbias=\(Self.format(bias))\tfeatures=\(features.description)\n"
        for (feature, w) in weights.sorted(by: { $0.key < $1.key }) where Self.format(w) != "0" {
            out += "\(feature)\t\(Self.format(w))\n"
        }
        return out
    }

    static func format(_ w: Double) -> String { JSONValue.format((w * 10_000).rounded() / 10_000) }

    public init(parsing text: String) throws(TokenStatistics.FormatError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first, header.hasPrefix(Self.magic + "\t") else {
            throw .init(line: 1, message: "not a logistic model (first line must start with '\(Self.magic)')")
        }
        var fields: [String: String] = [:]
        for field in header.split(separator: "\t").dropFirst() {
            guard let eq = field.firstIndex(of: "=") else { continue }
            fields[String(field[..<eq])] = String(field[field.index(after: eq)...])
        }
        guard let positive = fields["positive"], let bias = fields["bias"].flatMap(Double.init),
              let kinds = fields["features"].flatMap(CommentFeatures.Kinds.init(parsing:)) else {
            throw .init(line: 1, message: "header needs positive=<label>, bias=<number> and features=<kinds>")
        }
        var weights: [String: Double] = [:]
        for (index, line) in lines.enumerated().dropFirst() {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2, let w = Double(parts[1]), w.isFinite else {
                throw .init(line: index + 1, message: "expected feature<TAB>weight")
            }
            weights[String(parts[0])] = w
        }
        self.init(positive: positive, bias: bias, weights: weights, features: kinds)
    }
}
