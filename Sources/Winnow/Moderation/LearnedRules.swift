extension Config {
    /// A logistic model and how its log-odds become a score: `weight` × log-odds to `label`,
    /// at most `limit` and at least −`negative_limit` (one rule must not drown all others; a
    /// negative limit of 0 lets the model add evidence, never take the rules' away).
    public struct LogisticRule: Sendable, Equatable {
        public var name: String
        public var file: String
        public var label: Label
        public var weight: Double
        /// The weight for comments found in pages (`winnow label`): a model trained on forum
        /// answers or video comments is out of its domain under news articles.
        public var pageWeight: Double
        public var limit: Double
        public var negativeLimit: Double
        public var model: LogisticModel

        public func score(logit: Double, inPage: Bool = false) -> Double {
            min(max((inPage ? pageWeight : weight) * logit, -negativeLimit), limit)
        }
    }

    /// One learned model and how its probability becomes a score: the comment's probability
    /// falls in a bucket (by lower bound), and the bucket's score goes to `label`, like
    /// SpamAssassin's BAYES_00 ... BAYES_99 rules.
    public struct LearnedRule: Sendable, Equatable {
        public var name: String
        public var file: String
        public var label: Label
        /// (lower bound, score), sorted by bound; the first bound is 0.
        public var buckets: [(from: Double, score: Double)]
        public var statistics: TokenStatistics
        /// Below this share of a page comment's words known to the statistics (`min_known_words`),
        /// the rule gives no evidence: the text is out of its domain (another language).
        public var minKnownWords = 0.0

        public static func == (a: LearnedRule, b: LearnedRule) -> Bool {
            a.name == b.name && a.file == b.file && a.label == b.label && a.minKnownWords == b.minKnownWords
                && a.buckets.elementsEqual(b.buckets, by: { $0 == $1 }) && a.statistics == b.statistics
        }

        /// The bucket for a probability: its rule-id suffix ("00", "95", ...) and score.
        public func bucket(for probability: Double) -> (id: String, score: Double) {
            let b = buckets.last { probability >= $0.from } ?? buckets[0]
            let percent = Int((b.from * 100).rounded())
            return ((percent < 10 ? "0" : "") + String(percent), b.score)
        }
    }
}
