/// Decides a reader comment's kind: promotional, on-topic or off-topic.
///
/// The one interface comment moderation goes through, so a stronger model can replace this one
/// without touching the labeler.
public protocol CommentModerator: Sendable {
    func moderate(comment: [String], hits: [RuleHit], context: Terms) -> ModerationVerdict
}

/// A comment's kind and everything that decided it, for the audit.
public struct ModerationVerdict: Sendable, Equatable {
    public let kind: String
    /// The score that decided the kind: the promotional total when promotional, else the
    /// on-topic score.
    public let score: Double
    /// Share of the comment's content terms found in the context (proper nouns count double).
    public let relevance: Double
    public let sharedTerms: [String]
    /// The hits that counted towards the kind (rules scoring `comment.<kind>`).
    public let hits: [RuleHit]
}

/// First model: promotional from rule scores; on-topic versus off-topic from term overlap with
/// the article plus rule votes. Thresholds and weights come from `Config.Moderation`.
public struct OverlapModerator: CommentModerator {
    public let settings: Config.Moderation
    public let stopwords: Set<String>

    public init(settings: Config.Moderation, stopwords: Set<String>) {
        self.settings = settings
        self.stopwords = stopwords
    }

    static let promotional = Label(.comment, "promotional")
    static let onTopic = Label(.comment, "on-topic")
    static let offTopic = Label(.comment, "off-topic")

    public func moderate(comment: [String], hits: [RuleHit], context: Terms) -> ModerationVerdict {
        let counted = hits.filter { $0.scores.contains { $0.label.family == .comment && $0.label.kind != nil } }
        let promo = counted.reduce(0) { $0 + $1.score(for: Self.promotional) }
        let terms = Terms(lines: comment, stopwords: stopwords, minLength: settings.minTermLength)
        var shared: [String] = []
        var weight = 0.0
        for (term, _) in terms.weights.sorted(by: { $0.key < $1.key }) {
            if let w = context.weights[term] {
                shared.append(term)
                weight += w
            }
        }
        let relevance = terms.weights.isEmpty ? 0 : weight / Double(terms.weights.count + 1)
        if promo >= settings.promotionalThreshold {
            return ModerationVerdict(kind: "promotional", score: promo, relevance: relevance, sharedTerms: shared,
                                     hits: counted.filter { $0.score(for: Self.promotional) != 0 })
        }
        let votes = counted.reduce(0) { $0 + $1.score(for: Self.onTopic) - $1.score(for: Self.offTopic) }
        let topic = relevance * settings.relevanceWeight + votes
        return ModerationVerdict(kind: topic >= settings.onTopicThreshold ? "on-topic" : "off-topic", score: topic,
                                 relevance: relevance, sharedTerms: shared,
                                 hits: counted.filter { $0.score(for: Self.onTopic) != 0 || $0.score(for: Self.offTopic) != 0 })
    }
}
