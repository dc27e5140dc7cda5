/// The moderation model (docs/rules.md, "Comment moderation").
///
/// 1. **Promotional** when the `comment.promotional` scores reach `promotional_threshold`: the
///    rules of promotional.yml plus the learned rule `lr.promo` (a logistic model whose score
///    never goes below 0: it adds evidence, it does not veto the rules). At least one rule must
///    have fired, unless the learned evidence alone reaches `promotional_learned_alone`; a link
///    alone (1.5) stays below the threshold: a site mentioned in passing is not promotion.
///    In pages, the rules of `page_link_rules` (a link, a video address) are no visible
///    promotion by themselves: with only those, the total must reach `promotional_learned_alone`.
///    Relevance to the context lowers the promotional total (`relevance.on-subject`): a forum
///    answer that points to a shop is answering, not advertising. Without any context,
///    `context.none` adds `promotional_without_context`: a bare link then answers nothing.
/// 2. Otherwise **on-topic** when relevance × `relevance_weight` (`page_relevance_weight` in
///    pages, the pseudo-rule `relevance.shared-terms`) + on-topic scores − off-topic scores
///    reaches `on_topic_threshold` (`page_on_topic_threshold` in pages, the pseudo-rule
///    `threshold.on-topic` or `threshold.page-on-topic` scoring off-topic); the verdict's score
///    is that margin. The learned rules `lr.topic` and `bayes.topic.<bucket>` score
///    `comment.on-topic`, negative when they find the comment off-topic.
///
/// Each rule counts once per comment, however many of its lines it fired on.
public struct CommentModel: CommentModerator {
    public let settings: Config.Moderation
    public let stopwords: Set<String>
    /// Comments found in pages (the labeler) rather than given on their own: logistic rules
    /// then weigh with their `page_weight`, and `page_on_topic_threshold` applies.
    public let inPages: Bool

    public init(settings: Config.Moderation, stopwords: Set<String>, inPages: Bool = true) {
        self.settings = settings
        self.stopwords = stopwords
        self.inPages = inPages
    }

    public init(rules: RuleSet, inPages: Bool = true) {
        self.init(settings: rules.config.moderation, stopwords: rules.config.stopwords, inPages: inPages)
    }

    static let promotional = Label(.comment, "promotional")
    static let onTopic = Label(.comment, "on-topic")
    static let offTopic = Label(.comment, "off-topic")

    public func context(article: [String], title: String?) -> CommentContext {
        let article = article.filter { !Page.isBlank($0) }
        if article.isEmpty && (title.map(Page.isBlank) ?? true) { return .empty }
        return CommentContext(article: article, title: title, settings: settings, stopwords: stopwords)
    }

    public func moderate(comment: [String], hits: [RuleHit], context: CommentContext) -> ModerationVerdict {
        // A header with no text under it says nothing about the subject (the labelling guide:
        // off-topic); scoring its name and date would let a name that shares a word with the
        // story, or the learned rules' guess on no words, decide. Only a header rule's hit on
        // the name (a shop's name, `header_rules`) is read: it can make it promotional.
        var seen: Set<String> = []
        var counted = hits.filter { hit in
            hit.scores.contains { $0.label.family == .comment && $0.label.kind != nil } && seen.insert(hit.ruleID).inserted
        }.map(contextWeighted)
        if comment.allSatisfy(Page.isBlank) {
            let promo = counted.reduce(0) { $0 + $1.score(for: Self.promotional) }
            if promo >= settings.promotionalThreshold {
                return ModerationVerdict(kind: "promotional", score: promo, relevance: 0, sharedTerms: [],
                                         hits: counted.filter { $0.score(for: Self.promotional) != 0 },
                                         evidence: counted, hadContext: !context.isEmpty)
            }
            let none = RuleHit(ruleID: "comment.no-text", description: "a comment header with no text under it: nothing said about the subject",
                               scores: [LabelScore(Self.offTopic, 1)])
            return ModerationVerdict(kind: "off-topic", score: -1, relevance: 0, sharedTerms: [], hits: [none],
                                     evidence: [none] + counted, hadContext: !context.isEmpty)
        }
        let text = comment.joined(separator: "\n")
        // A hit on the story's own subject weighs 0 first: the rules left scoring off-topic are
        // then the ones the long-comment bound counts (talk of faith under a post about faith is
        // no second kind of off-topic talk beside a blessing).
        if inPages && !settings.pageOffStoryRules.isEmpty && !context.isEmpty {
            counted = counted.map { offTheStory($0, context: context) }
        }
        if inPages && (!settings.pageCommentMaxWords.isEmpty || settings.pageOffTopicMaxWords > 0) {
            let words = Tokens.words(text).count
            counted = counted.map { wholeCommentBounded($0, words: words) }
            // Then the general bound, on a long comment's only off-topic rule.
            let offTopicRules = counted.filter { $0.score(for: Self.offTopic) > 0 || $0.score(for: Self.onTopic) < 0 }
            if settings.pageOffTopicMaxWords > 0, words > settings.pageOffTopicMaxWords, offTopicRules.count == 1 {
                counted = counted.map { longCommentAside($0, words: words) }
            }
        }
        let tokens = CommentTokens.tokens(text)
        counted += learnedHits(tokens).map(contextWeighted) + logisticHits(text, tokens: tokens)
        // In a page, praise words are no term of the subject (`page_relevance_ignore`).
        let ignored = inPages ? settings.pageRelevanceIgnore : []
        let relevance = Relevance(comment: comment, context: context, settings: settings, stopwords: stopwords, ignoring: ignored)
        let notCounted = relevance.ignoredShared
        if !notCounted.isEmpty {
            counted.append(RuleHit(ruleID: "moderation.praise-words-not-shared",
                                   description: "in a page, praise words are no term of the subject: \(notCounted.joined(separator: ", ")) not counted as shared with the story (page_relevance_ignore)",
                                   scores: [LabelScore(Self.onTopic, 0)]))
        }
        if let praise = praiseAddsNothing(text, relevance: relevance, context: context, hits: counted) { counted.append(praise) }
        if context.isEmpty && settings.promotionalWithoutContext != 0 {
            counted.append(RuleHit(ruleID: Self.noContextStep,
                                   description: "no article or title to answer: a link or invitation cannot be a reference to the subject",
                                   scores: [LabelScore(Self.promotional, settings.promotionalWithoutContext)]))
        }
        // The story's part only: a link in a comment that talks as the thread does may still sell.
        let storyRelevance = relevance.score - relevance.threadScore
        if storyRelevance > 0 && settings.promotionalRelevanceDiscount != 0 {
            counted.append(RuleHit(ruleID: "relevance.on-subject",
                                   description: "shares the context's terms: a link or offer in it is more likely a passing mention",
                                   scores: [LabelScore(Self.promotional, -settings.promotionalRelevanceDiscount * storyRelevance)]))
        }
        let promo = counted.reduce(0) { $0 + $1.score(for: Self.promotional) }
        // Learned evidence can tip a comment over; alone it must be strong: the labelling
        // guide asks for a visible promotion (a link, an invitation, an offer).
        let promoting = hits.filter { contextWeighted($0).score(for: Self.promotional) > 0 }
        var visible = !promoting.isEmpty
        // In a page, a link is how a reader cites a source or shows a picture: a comment whose
        // only promotional rules say "holds a link" (`page_link_rules`) needs the learned evidence
        // to be strong as well, as if no rule had fired.
        if inPages && visible && !settings.pageLinkRules.isEmpty && promoting.allSatisfy({ settings.pageLinkRules.contains($0.ruleID) }) {
            visible = false
            if promo >= settings.promotionalThreshold && promo < settings.promotionalLearnedAlone {
                counted.append(RuleHit(ruleID: "moderation.link-is-no-invitation",
                                       description: "in a page, a link alone (\(promoting.map(\.ruleID).sorted().joined(separator: ", "))) is no visible promotion: the total \(JSONValue.format((promo * 1000).rounded() / 1000)) stays below promotional_learned_alone (page_link_rules)",
                                       scores: [LabelScore(Self.promotional, 0)]))
            }
        }
        if promo >= settings.promotionalThreshold && (visible || promo >= settings.promotionalLearnedAlone) {
            return ModerationVerdict(kind: "promotional", score: promo, relevance: relevance.score,
                                     sharedTerms: relevance.shared,
                                     hits: counted.filter { $0.score(for: Self.promotional) != 0 },
                                     evidence: counted, hadContext: !context.isEmpty)
        }
        // Relevance and the bar show in the audit as pseudo-rules, so the kind is the sum of
        // what is listed: on-topic when the on-topic scores reach the off-topic ones.
        let weight = inPages ? settings.pageRelevanceWeight ?? settings.relevanceWeight : settings.relevanceWeight
        if storyRelevance > 0 && weight != 0 {
            counted.append(RuleHit(ruleID: "relevance.shared-terms",
                                   description: "shares the context's terms: relevance \(JSONValue.format((storyRelevance * 1000).rounded() / 1000)) × \(JSONValue.format(weight))",
                                   scores: [LabelScore(Self.onTopic, storyRelevance * weight)]))
        }
        // The thread's part (`page_thread_relevance_weight`): terms the story lacks that other comments use.
        if relevance.threadScore > 0 && weight != 0 {
            counted.append(RuleHit(ruleID: "relevance.thread-terms",
                                   description: "shares terms with the thread, not the story: \(relevance.threadShared.prefix(8).joined(separator: ", ")), each used by at least \(settings.pageThreadMinComments) other comments of the page (page_thread_min_comments), at \(JSONValue.format(settings.pageThreadRelevanceWeight)) of its weight (page_thread_relevance_weight): relevance \(JSONValue.format((relevance.threadScore * 1000).rounded() / 1000)) × \(JSONValue.format(weight))",
                                   scores: [LabelScore(Self.onTopic, relevance.threadScore * weight)]))
        }
        let threshold = inPages ? settings.pageOnTopicThreshold ?? settings.onTopicThreshold : settings.onTopicThreshold
        if threshold != 0 {
            counted.append(RuleHit(ruleID: inPages ? "threshold.page-on-topic" : "threshold.on-topic",
                                   description: "the on-topic evidence a comment must show (\(inPages ? "page_on_topic_threshold" : "on_topic_threshold"))",
                                   scores: [LabelScore(Self.offTopic, threshold)]))
        }
        var topic = counted.reduce(0) { $0 + $1.score(for: Self.onTopic) - $1.score(for: Self.offTopic) }
        // On-topic is the prior: a page comment that shares terms with the story but stays
        // below the bar, with no rule and no learned score leaning off-topic, is on-topic. (One
        // that shares no term at all has that against it, unless the story is too short for
        // sharing none to say anything: `page_short_story_terms`.)
        let shortStory = !context.isEmpty && context.weights.count < settings.pageShortStoryTerms
        // (Nor has it, when a `page_prior_rules` rule fires: a reader's question.)
        let prior = settings.pagePriorRules.isEmpty ? nil : counted.first { settings.pagePriorRules.contains($0.ruleID) }?.ruleID
        // What leans off-topic, past the bar: each rule, and a learned score unless its lean is
        // weaker than `page_prior_min_lean` (in pages; a weak lean is named in the prior's hit).
        // (`moderation.praise-adds-nothing` is a step read as such a signal: praise alone, a kind.)
        let leaning = counted.filter { ($0.origin != .step || $0.ruleID == Self.praiseAddsNothingStep)
            && ($0.score(for: Self.offTopic) > 0 || $0.score(for: Self.onTopic) < 0) }
        let weakLeans = inPages ? leaning.filter(weakLean) : []
        if topic < 0 && inPages && settings.pageOffTopicNeedsEvidence && (relevance.score > 0 || shortStory || prior != nil)
            && leaning.count == weakLeans.count {
            let why = storyRelevance > 0 ? "shares the story's terms"
                : relevance.score > 0 ? "shares the thread's terms (relevance.thread-terms)"
                : shortStory ? "the story is short (\(context.weights.count) terms, page_short_story_terms)"
                : "it shares no term with the story but \(prior ?? "") fired (page_prior_rules)"
            let weak = weakLeans.isEmpty ? "" : "; the learned lean of \(weakLeans.map { "\($0.ruleID) \(JSONValue.format($0.score(for: Self.onTopic) - $0.score(for: Self.offTopic)))" }.joined(separator: ", ")) is weaker than \(JSONValue.format(settings.pagePriorMinLean)) (page_prior_min_lean)"
            counted.append(RuleHit(ruleID: "moderation.on-topic-prior",
                                   description: "\(why) and no rule or learned score says off-topic, only the bar\(weak): on-topic is the prior (page_off_topic_needs_evidence)",
                                   scores: [LabelScore(Self.onTopic, -topic)]))
            topic = 0
        }
        // A comment in the thread's own words (`page_thread_off_topic_signals`): the thread says it
        // is part of the conversation, so one phrase rule, or one learned lean, is not enough against it.
        if topic < 0 && inPages && settings.pageThreadOffTopicSignals > 0 && relevance.threadScore > 0 {
            let signals = leaning.filter { !weakLean($0) }.map(\.ruleID)
            if signals.count < settings.pageThreadOffTopicSignals {
                let named = signals.isEmpty ? "none but the bar" : signals.joined(separator: ", ")
                counted.append(RuleHit(ruleID: Self.threadNeedsSignalsStep,
                                       description: "shares the thread's terms (relevance.thread-terms) and \(signals.count) off-topic signal(s) speak against it (\(named)), fewer than \(settings.pageThreadOffTopicSignals) (page_thread_off_topic_signals): on-topic is the prior",
                                       scores: [LabelScore(Self.onTopic, -topic)]))
                topic = 0
            }
        }
        // Too close to the bar to call (`page_off_topic_margin`): a page comment is off-topic only
        // when its score falls below the bar by more than the margin.
        if topic < 0 && inPages && settings.pageOffTopicMargin > 0 && -topic <= settings.pageOffTopicMargin {
            counted.append(RuleHit(ruleID: "moderation.off-topic-margin",
                                   description: "the score \(JSONValue.format((topic * 1000).rounded() / 1000)) is within \(JSONValue.format(settings.pageOffTopicMargin)) of the bar: too close to call off-topic, on-topic is the prior (page_off_topic_margin)",
                                   scores: [LabelScore(Self.onTopic, -topic)]))
            topic = 0
        }
        return ModerationVerdict(kind: topic >= 0 ? "on-topic" : "off-topic", score: topic,
                                 relevance: relevance.score, sharedTerms: relevance.shared,
                                 hits: counted.filter { $0.score(for: Self.onTopic) != 0 || $0.score(for: Self.offTopic) != 0 },
                                 evidence: counted, hadContext: !context.isEmpty)
    }

    /// The engine step of `page_praise_only_max_words`.
    static let praiseAddsNothingStep = "moderation.praise-adds-nothing"

    /// The engine step `moderation.praise-adds-nothing` (`page_praise_only_max_words`): a short page
    /// comment with a praise or thanks word (`page_relevance_ignore`) whose every term the story
    /// lacks is a common word (inverse document frequency below `page_praise_only_term_idf`) says
    /// nothing of its own: the story's words it repeats are the thing praised, not a point about
    /// it. A rule of the rule files that reads something on-topic in it (`hits`: a question, a plan
    /// to make the thing, "Off to go bake my first batch") says it adds something. Scored off-topic
    /// (`page_praise_only_score`), named with the words; nil when it does not hold.
    func praiseAddsNothing(_ text: String, relevance: Relevance, context: CommentContext, hits: [RuleHit]) -> RuleHit? {
        guard inPages, settings.pagePraiseOnlyMaxWords > 0, !context.isEmpty, !relevance.ignored.isEmpty,
              !hits.contains(where: { $0.origin == .rule && $0.score(for: Self.onTopic) > 0 }) else { return nil }
        let words = Tokens.words(text).count
        guard words <= settings.pagePraiseOnlyMaxWords,
              relevance.beyondStory.allSatisfy({ $0.idf < settings.pagePraiseOnlyTermIDF }) else { return nil }
        // Sorted here, for the audit: the step fires on few comments, relevance reads them all.
        let common = relevance.beyondStory.sorted { ($0.idf, $1.term) > ($1.idf, $0.term) }.prefix(6).map(\.term)
        let beyond = common.isEmpty ? "no term the story lacks"
            : "only common words the story lacks (\(common.joined(separator: ", ")), inverse document frequency below \(JSONValue.format(settings.pagePraiseOnlyTermIDF)), page_praise_only_term_idf)"
        let shared = relevance.shared.isEmpty ? "" : "; the story's words it repeats (\(relevance.shared.prefix(6).joined(separator: ", "))) are what it praises"
        return RuleHit(ruleID: Self.praiseAddsNothingStep,
                       description: "praise or thanks (\(relevance.ignored.sorted().joined(separator: ", "))) in \(words) words (at most \(settings.pagePraiseOnlyMaxWords), page_praise_only_max_words) with \(beyond)\(shared): praise alone, nothing said about the subject",
                       scores: [LabelScore(Self.offTopic, settings.pagePraiseOnlyScore)])
    }

    /// The engine step of `page_thread_off_topic_signals`.
    static let threadNeedsSignalsStep = "moderation.thread-needs-signals"
    /// The engine step of `promotional_without_context` (an id in the rule files' `context.`
    /// namespace, so the rule loader refuses it as a rule's: `RuleLoader.reservedIDs`).
    static let noContextStep = "context.none"

    /// Whether a verdict's evidence holds an off-topic rule (a rule of the rule files, not a
    /// learned rule, an engine step or `comment.no-text`: the hit's `origin`, whatever its id):
    /// what `page_thread_chatter_share` counts.
    static func carriesOffTopicRule(_ verdict: ModerationVerdict) -> Bool {
        verdict.evidence.contains { hit in
            hit.origin == .rule && (hit.score(for: offTopic) > 0 || hit.score(for: onTopic) < 0)
        }
    }

    /// The bar's pseudo-rule (`threshold.on-topic`, `threshold.page-on-topic`): an engine step.
    static func isBar(_ hit: RuleHit) -> Bool { hit.origin == .step && hit.ruleID.hasPrefix("threshold.") }

    /// A hit of a token model (`bayes.<name>.<bucket>`), not of a logistic one (`lr.*`).
    static func isTokenModel(_ hit: RuleHit) -> Bool { hit.origin == .learned && hit.ruleID.hasPrefix("bayes.") }

    /// A learned rule's off-topic lean weaker than `page_prior_min_lean` (a probability near one
    /// half): no evidence against the on-topic prior of a page comment.
    func weakLean(_ hit: RuleHit) -> Bool {
        guard settings.pagePriorMinLean > 0, Self.isTokenModel(hit), hit.score(for: Self.offTopic) <= 0 else { return false }
        let lean = hit.score(for: Self.onTopic)
        return lean < 0 && -lean < settings.pagePriorMinLean
    }

    /// A rule hit with its `page_rule_weights` factor applied, for comments in pages, or its
    /// `standalone_rule_weights` factor, for comments given alone; the description says so, so
    /// the audit shows why the score differs from the rule file's.
    func contextWeighted(_ hit: RuleHit) -> RuleHit {
        let (weights, key) = inPages ? (settings.pageRuleWeights, "in pages: page_rule_weights")
                                     : (settings.standaloneRuleWeights, "alone: standalone_rule_weights")
        // A header rule reads a name, and a comment given alone has none: 0 unless set.
        let implied: Double? = !inPages && settings.headerRules.contains(hit.ruleID) ? 0 : nil
        guard !weights.isEmpty || implied != nil else { return hit }
        // `bayes.topic` weighs all its buckets (`bayes.topic.80`, ...).
        let bucketed = Self.isTokenModel(hit) ? String(hit.ruleID[..<(hit.ruleID.lastIndex(of: ".") ?? hit.ruleID.endIndex)]) : hit.ruleID
        guard let w = weights[hit.ruleID] ?? weights[bucketed] ?? implied else { return hit }
        return hit.reweighted(description: "\(hit.description) (× \(JSONValue.format(w)) \(key))",
                              scores: hit.scores.map { LabelScore($0.label, $0.score * w) })
    }

    /// A page comment's hit of a `page_comment_max_words` rule weighs 0 when the comment's whole
    /// text has more words than the bound (a "Great post." line over a point); the description says so.
    func wholeCommentBounded(_ hit: RuleHit, words: Int) -> RuleHit {
        guard let bound = settings.pageCommentMaxWords[hit.ruleID], words > bound else { return hit }
        return hit.reweighted(description: "\(hit.description) (× 0: the comment runs to \(words) words, more than \(bound), page_comment_max_words)",
                              scores: hit.scores.map { LabelScore($0.label, 0) })
    }

    /// The hit of the only rule scoring a page comment off-topic weighs 0 when the comment's whole
    /// text has more words than `page_off_topic_max_words` (the caller checks both): one laugh, one
    /// blessing or one aside in a long comment is not its main point, while several kinds of
    /// off-topic talk in it are. The description says so.
    func longCommentAside(_ hit: RuleHit, words: Int) -> RuleHit {
        guard hit.score(for: Self.offTopic) > 0 || hit.score(for: Self.onTopic) < 0 else { return hit }
        return hit.reweighted(description: "\(hit.description) (× 0: the comment runs to \(words) words, more than \(settings.pageOffTopicMaxWords), and this is its only off-topic rule: one phrase in a long comment is no main point, page_off_topic_max_words)",
                              scores: hit.scores.map { LabelScore($0.label, 0) })
    }

    /// A page comment's hit of a `page_off_story_rules` rule weighs 0 when the words it matched
    /// are terms of the story ("faith" under a post about faith): the rule tells talk that leaves
    /// the story's subject, and under such a story it does not leave it; the description names the term.
    func offTheStory(_ hit: RuleHit, context: CommentContext) -> RuleHit {
        guard settings.pageOffStoryRules.contains(hit.ruleID), let matched = hit.matched else { return hit }
        let terms = Terms(lines: [matched], stopwords: stopwords, minLength: settings.minTermLength).terms
        let shared = Set(terms.compactMap { context.match($0) }).sorted()
        guard !shared.isEmpty else { return hit }
        return hit.reweighted(description: "\(hit.description) (× 0: \(shared.joined(separator: ", ")) is a term of the story, so the talk is its subject, page_off_story_rules)",
                              scores: hit.scores.map { LabelScore($0.label, 0) })
    }

    /// One hit per logistic model: `lr.<name>`, its matched text naming the features that
    /// contributed most to the log-odds, with their signed contributions.
    /// `tokens` are the text's `CommentTokens`.
    func logisticHits(_ text: String, tokens: Set<String>) -> [RuleHit] {
        guard !settings.logistic.isEmpty else { return [] }
        return settings.logistic.map { rule in
            let (logit, contributions) = rule.model.logit(text, tokens: tokens)
            let strongest = contributions.prefix(6).map { "\($0.feature) \($0.weight >= 0 ? "+" : "")\(JSONValue.format(($0.weight * 100).rounded() / 100))" }
            return RuleHit(ruleID: "lr.\(rule.name)",
                           description: "logistic regression (\(rule.file)): log-odds of \(rule.model.positive) \(JSONValue.format((logit * 100).rounded() / 100)) × \(JSONValue.format(inPages ? rule.pageWeight : rule.weight))",
                           scores: [LabelScore(rule.label, rule.score(logit: logit, inPage: inPages))],
                           matched: strongest.joined(separator: ", "), origin: .learned)
        }
    }

    /// One hit per learned model: `bayes.<name>.<bucket>`, its matched text naming the tokens
    /// that decided the probability, from the comment's `CommentTokens`.
    func learnedHits(_ tokens: Set<String>) -> [RuleHit] {
        guard !settings.learned.isEmpty else { return [] }
        let words = inPages ? tokens.filter { !$0.contains(" ") && !$0.hasPrefix("<") && !$0.allSatisfy(\.isNumber) } : []
        return settings.learned.map { rule in
            // Pages come in any language; comments given alone are the models' own forums.
            let known = words.isEmpty ? 1 : Double(words.count { rule.statistics.counts[$0] != nil }) / Double(words.count)
            if inPages && known < rule.minKnownWords {
                return RuleHit(ruleID: "bayes.\(rule.name).unknown-words",
                               description: "learned token statistics (\(rule.file)): \(Int((known * 100).rounded()))% of the words known, below min_known_words: another language or jargon, no evidence",
                               scores: [LabelScore(rule.label, 0)], origin: .learned)
            }
            let (p, evidence) = rule.statistics.classify(tokens)
            let bucket = rule.bucket(for: p)
            let strongest = evidence.prefix(6).map { "\($0.token) \(JSONValue.format(($0.probability * 100).rounded() / 100))" }
            return RuleHit(ruleID: "bayes.\(rule.name).\(bucket.id)",
                           description: "learned token statistics (\(rule.file)): P(\(rule.statistics.positive)) = \(JSONValue.format((p * 1000).rounded() / 1000))",
                           scores: [LabelScore(rule.label, bucket.score)],
                           matched: strongest.joined(separator: ", "), origin: .learned)
        }
    }
}
