/// Decides a reader comment's kind: promotional, on-topic or off-topic.
///
/// The one interface comment moderation goes through, for comments found in pages (the labeler)
/// and comments given on their own (`winnow moderate`), so both use the same model.
public protocol CommentModerator: Sendable {
    /// The context comments are compared with: the article lines and the title, if known.
    func context(article: [String], title: String?) -> CommentContext
    /// `hits` are the rules that fired on the comment's lines; those scoring a comment kind count.
    func moderate(comment: [String], hits: [RuleHit], context: CommentContext) -> ModerationVerdict
}

/// A comment's kind and everything that decided it, for the audit.
public struct ModerationVerdict: Sendable, Equatable {
    public let kind: String
    /// The score that decided the kind: the promotional total when promotional, else the
    /// on-topic margin (on-topic minus off-topic scores, relevance and the bar included).
    public let score: Double
    /// See `Relevance`.
    public let relevance: Double
    public let sharedTerms: [String]
    /// The hits that decided the kind (rules scoring `comment.<kind>` for that question).
    public let hits: [RuleHit]
    /// Every hit that scored a comment kind, learned rules included, each rule once.
    public let evidence: [RuleHit]
    /// False when there was no context: on-topic versus off-topic then rests on rule votes alone.
    public let hadContext: Bool
}
