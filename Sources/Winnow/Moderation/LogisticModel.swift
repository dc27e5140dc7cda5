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
    public var weights: [String: Double] { didSet { gramWeights = Self.gramWeights(weights) } }
    /// Which features the model was trained on (and so must be given).
    public var features: CommentFeatures.Kinds
    /// The weights of the short ASCII character n-grams, by their packed key
    /// (`CommentFeatures.Gram.packed`): a comment's n-grams are looked up without building Strings.
    private(set) var gramWeights: [UInt64: Double]

    public init(positive: String, bias: Double, weights: [String: Double], features: CommentFeatures.Kinds) {
        self.positive = positive
        self.bias = bias
        self.weights = weights
        self.features = features
        gramWeights = Self.gramWeights(weights)
    }

    static func gramWeights(_ weights: [String: Double]) -> [UInt64: Double] {
        var packed: [UInt64: Double] = [:]
        for (feature, w) in weights {
            // `#n:gram` with n < 8, from its UTF-8 bytes: a model has many thousand features.
            let key: UInt64? = feature.utf8.withContiguousStorageIfAvailable { b in
                guard b.count >= 4, b[0] == 0x23, b[2] == 0x3A, b[1] >= 0x31, b[1] <= 0x37, b.count == Int(b[1] - 0x30) + 3 else { return nil }
                return CommentFeatures.Gram.pack(b[3...].lazy.map { UInt32($0) }, count: b.count - 3)
            } ?? nil
            if let key { packed[key] = w }
        }
        return packed
    }

    /// The log-odds of `positive` for a comment, and the contributions that make it up, largest
    /// in size first. Character n-grams are counted under the first word they come from, so
    /// the explanation reads "subscribe +1.2" rather than a list of fragments.
    /// `tokens`, when given, are the text's `CommentTokens`.
    public func logit(_ text: String, tokens: Set<String>? = nil) -> (logit: Double, contributions: [(feature: String, weight: Double)]) {
        // The features with a weight, under their names (as `CommentFeatures.explained` names
        // them), and how many distinct features there are. Tokens never start with `#`, so
        // they and the n-grams are distinct.
        let tokens = tokens ?? CommentTokens.tokens(text)
        var weighted: [(feature: String, name: String, weight: Double)] = []
        for token in tokens { if let w = weights[token], w != 0 { weighted.append((token, token, w)) } }
        var packed = Set<UInt64>(), other = Set<String>()
        CommentFeatures.forEachGram(text, kinds: features) { gram, word in
            if let key = gram.packed {
                guard packed.insert(key).inserted, let w = gramWeights[key], w != 0 else { return }
                weighted.append((gram.name, word, w))
            } else {
                let name = gram.name
                guard other.insert(name).inserted, let w = weights[name], w != 0 else { return }
                weighted.append((name, word, w))
            }
        }
        let count = tokens.count + packed.count + other.count
        guard count > 0 else { return (bias, []) }
        let scale = 1 / Double(count).squareRoot()
        var byName: [String: Double] = [:]
        // In a fixed order: sums of doubles depend on it, and dictionaries are ordered by a
        // per-process seed; the same comment must get the same score in every run.
        for (_, name, w) in weighted.sorted(by: { $0.feature < $1.feature }) {
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
        // Split by bytes, as `TokenStatistics` does: a split by Characters reads ten times slower,
        // and the models are most of the rules' bytes.
        let file = TabSeparated(text)
        guard !file.lines.isEmpty, case let header = file.line(0), header.hasPrefix(Self.magic + "\t") else {
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
        weights.reserveCapacity(file.lines.count - 1)
        var parts: [Range<Int>] = []
        for index in file.lines.indices.dropFirst() {
            file.fields(index, into: &parts)
            guard parts.count == 2, let w = file.number(parts[1]), w.isFinite else {
                throw .init(line: index + 1, message: "expected feature<TAB>weight")
            }
            weights[file.string(parts[0])] = w
        }
        self.init(positive: positive, bias: bias, weights: weights, features: kinds)
    }
}
