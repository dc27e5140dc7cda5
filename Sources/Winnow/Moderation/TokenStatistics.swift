import Foundation

/// Learned token statistics for one yes/no question ("is this comment promotional?"), in the
/// manner of SpamAssassin's and SpamBayes' Bayes classifiers: for each token, in how many
/// labelled comments of each class it occurred. A comment's probability combines the per-token
/// probabilities of its strongest tokens with Fisher's chi-square method (Robinson), so the
/// verdict can be explained by naming those tokens.
public struct TokenStatistics: Sendable, Equatable {
    /// The label the probability is about ("promotional", "on-topic").
    public var positive: String
    public var positiveDocuments = 0
    public var negativeDocuments = 0
    /// Token -> (positive documents, negative documents) containing it.
    public var counts: [String: Counts] = [:]

    public struct Counts: Sendable, Equatable {
        public var positive = 0
        public var negative = 0
    }

    /// Robinson's prior: a token seen `n` times has probability (s·x + n·p) / (s + n).
    static let priorStrength = 3.0, priorProbability = 0.5
    /// Tokens whose probability is this close to 0.5 say nothing and are left out.
    static let minStrength = 0.05
    /// At most this many tokens (the strongest) take part in one verdict.
    static let maxTokens = 150

    public init(positive: String) { self.positive = positive }

    /// Counts one labelled comment.
    public mutating func add(tokens: Set<String>, isPositive: Bool) {
        if isPositive { positiveDocuments += 1 } else { negativeDocuments += 1 }
        for token in tokens {
            if isPositive { counts[token, default: Counts()].positive += 1 } else { counts[token, default: Counts()].negative += 1 }
        }
    }

    /// A token's smoothed probability of the positive class, nil when never seen.
    public func probability(of token: String) -> Double? {
        guard let c = counts[token], positiveDocuments > 0, negativeDocuments > 0 else { return nil }
        let pos = Double(c.positive) / Double(positiveDocuments)
        let neg = Double(c.negative) / Double(negativeDocuments)
        let p = pos + neg > 0 ? pos / (pos + neg) : Self.priorProbability
        let n = Double(c.positive + c.negative)
        return (Self.priorStrength * Self.priorProbability + n * p) / (Self.priorStrength + n)
    }

    /// The combined probability of the positive class and the tokens that decided it,
    /// strongest first.
    public func classify(_ tokens: Set<String>) -> (probability: Double, evidence: [(token: String, probability: Double)]) {
        var evidence: [(token: String, probability: Double)] = []
        for token in tokens {
            if let p = probability(of: token), abs(p - 0.5) >= Self.minStrength { evidence.append((token, p)) }
        }
        evidence.sort { (abs($0.probability - 0.5), $1.token) > (abs($1.probability - 0.5), $0.token) }
        evidence = Array(evidence.prefix(Self.maxTokens))
        guard !evidence.isEmpty else { return (0.5, []) }
        let n = evidence.count
        let hamEvidence = Self.chiSquareQ(-2 * evidence.reduce(0) { $0 + log($1.probability) }, degrees: 2 * n)
        let spamEvidence = Self.chiSquareQ(-2 * evidence.reduce(0) { $0 + log(1 - $1.probability) }, degrees: 2 * n)
        return ((1 + hamEvidence - spamEvidence) / 2, evidence)
    }

    /// Upper tail of the chi-square distribution for even degrees of freedom.
    static func chiSquareQ(_ x2: Double, degrees: Int) -> Double {
        let m = x2 / 2
        var term = exp(-m), sum = term
        if degrees > 2 {
            for i in 1..<(degrees / 2) {
                term *= m / Double(i)
                sum += term
            }
        }
        return min(sum, 1)
    }

    // MARK: file format

    /// Tab-separated text: a header line, then `token<TAB>positive<TAB>negative` sorted by token.
    /// Tokens seen fewer than `minCount` times are dropped to keep the file small.
    public func serialized(minCount: Int = 2) -> String {
        var out = "#winnow-token-statistics\tpositive=\(positive)\tdocuments=\(positiveDocuments)/\(negativeDocuments)\n"
        for (token, c) in counts.sorted(by: { $0.key < $1.key }) where c.positive + c.negative >= minCount {
            out += "\(token)\t\(c.positive)\t\(c.negative)\n"
        }
        return out
    }

    public struct FormatError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(parsing text: String) throws(FormatError) {
        // Split on bytes: Character splitting made loading the models most of a short run's time.
        let file = TabSeparated(text)
        guard !file.lines.isEmpty, case let header = file.line(0), header.hasPrefix("#winnow-token-statistics\t") else {
            throw FormatError(line: 1, message: "not a token-statistics file (first line must start with '#winnow-token-statistics')")
        }
        let fields = header.split(separator: "\t").dropFirst()
        var positive: String?
        var documents: (Int, Int)?
        for field in fields {
            if field.hasPrefix("positive=") { positive = String(field.dropFirst("positive=".count)) }
            if field.hasPrefix("documents=") {
                let parts = field.dropFirst("documents=".count).split(separator: "/")
                if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) { documents = (a, b) }
            }
        }
        guard let positive, let documents else {
            throw FormatError(line: 1, message: "header needs positive=<label> and documents=<positive>/<negative>")
        }
        self.init(positive: positive)
        positiveDocuments = documents.0
        negativeDocuments = documents.1
        counts.reserveCapacity(file.lines.count - 1)
        var parts: [Range<Int>] = []
        for index in file.lines.indices.dropFirst() {
            file.fields(index, into: &parts)
            guard parts.count == 3, let a = file.integer(parts[1]), let b = file.integer(parts[2]), a >= 0, b >= 0 else {
                throw FormatError(line: index + 1, message: "expected token<TAB>positive count<TAB>negative count")
            }
            counts[file.string(parts[0])] = Counts(positive: a, negative: b)
        }
    }
}
