/// Moderates comments that arrive on their own (`winnow moderate`, `winnow eval`): runs the
/// rules that score comment kinds over each line of the comment, as if it stood in a page's
/// comment section, then asks the same `CommentModerator` the labeler uses.
///
/// One per thread: it owns PCRE2 match scratch space. Keeps the last context, since comments
/// of one thread usually arrive together.
public final class StandaloneModeration {
    public let moderator: any CommentModerator
    let matcher: RuleMatcher
    let rules: RuleSet
    private var lastContext: (article: String?, title: String?, context: CommentContext)?
    /// The engine step of `asker_off_topic` (an id in the rule files' `topic.` namespace, so the
    /// rule loader refuses it as a rule's: `RuleLoader.reservedIDs`).
    static let byAskerStep = "topic.by-asker"

    public init(rules: RuleSet, moderator: (any CommentModerator)? = nil) {
        let commentRules = rules.rules.filter { rule in
            !rule.isContextRule && rule.scores.contains { $0.label.family == .comment && $0.label.kind != nil }
        }
        self.rules = rules
        self.matcher = RuleMatcher(rules: RuleSet(rules: commentRules, config: rules.config, directory: rules.directory))
        self.moderator = moderator ?? CommentModel(rules: rules, inPages: false)
    }

    public func context(article: String?, title: String?) -> CommentContext {
        if let last = lastContext, last.article == article, last.title == title { return last.context }
        let lines = article.map { Page.splitLines($0) } ?? []
        let context = moderator.context(article: lines, title: title)
        lastContext = (article, title, context)
        return context
    }

    public func moderate(_ record: CommentRecord) -> ModerationVerdict {
        let lines = Page.splitLines(record.text).filter { !Page.isBlank($0) }
        var hits: [RuleHit] = []
        for line in lines {
            let features = LineFeatures(text: line, stopwords: rules.stopwords)
            hits += matcher.match(line, features: features, contextRules: false).candidates
                .filter { $0.rule.conditions.holds(inCommentSection: true) }.map(\.hit)
        }
        if record.asker == true, rules.config.moderation.askerOffTopic != 0 {
            hits.append(RuleHit(ruleID: Self.byAskerStep, description: "written by the person who asked (a reply in their own thread)",
                                scores: [LabelScore(Label(.comment, "off-topic"), rules.config.moderation.askerOffTopic)]))
        }
        return moderator.moderate(comment: lines, hits: hits, context: context(article: record.article, title: record.title))
    }
}
