extension Config {
    /// `moderation:` in config.yml: thresholds and weights of comment moderation, and the
    /// learned resources it names (paths relative to the rule directory). See docs/rules.md.
    public struct Moderation: Sendable, Equatable {
        /// A comment whose `comment.promotional` scores (rules and learned) reach this is promotional.
        public var promotionalThreshold = 3.0
        /// Weight of relevance in the on-topic score.
        public var relevanceWeight = 10.0
        /// On-topic score (relevance × weight + on-topic scores − off-topic scores) needed for on-topic.
        public var onTopicThreshold = 2.0
        /// The same for comments found in pages; nil means `onTopicThreshold`.
        public var pageOnTopicThreshold: Double?
        /// For comments found in pages: below the on-topic bar, a comment that shares terms with
        /// the story is off-topic only when a rule or learned score leans off-topic; else the
        /// pseudo-rule `moderation.on-topic-prior` keeps it on-topic (`page_off_topic_needs_evidence`).
        public var pageOffTopicNeedsEvidence = false
        /// With `pageOffTopicNeedsEvidence`: under a story of fewer distinct terms than this (a
        /// Slashdot summary), sharing none says little, so the prior holds at relevance 0 too
        /// (`page_short_story_terms`; 0: off).
        public var pageShortStoryTerms = 0
        /// With `pageOffTopicNeedsEvidence`: a page comment one of these rules fires on (a reader's
        /// question, `topic.asks-back`) keeps the on-topic prior at relevance 0 too: sharing no
        /// term with the story is no evidence against a question about it, so only a rule or a
        /// learned score, not the bar alone, makes it off-topic (`page_prior_rules`).
        public var pagePriorRules: Set<String> = []
        /// For comments found in pages: a line found word for word in the text of at least this
        /// many comments of the page (a signature, a quotation) is not read as any one
        /// comment's text (`page_repeated_line_comments`; 0: off).
        public var pageRepeatedLineComments = 0
        /// For comments found in pages: a comment of header lines alone (`comment.no-text`) with a
        /// non-blank line that no comment holds within this many lines of it, short of the
        /// neighbouring comments, had its text taken by another label (a control's rule, the
        /// story): nothing says off-topic, so the engine step `comment.text-elsewhere` leaves it
        /// on-topic (`page_text_elsewhere_lines`; 0: off).
        public var pageTextElsewhereLines = 0
        /// For comments found in pages: a comment off-topic only by the bar and the token model at
        /// relevance 0 that shares at least this many terms with the comment right above it is a
        /// reply to it: the engine step `comment.answers-previous` leaves it on-topic
        /// (`page_answers_previous_terms`; 0: off).
        public var pageAnswersPreviousTerms = 0
        /// Weight of relevance for comments found in pages; nil means `relevanceWeight`.
        public var pageRelevanceWeight: Double?
        /// Rules read on a page comment's header lines (the commenter's name) and nowhere else
        /// (`header_rules`): a shop phrase as the name is a promotion, the same words in the text
        /// are talk about shops.
        public var headerRules: Set<String> = []
        /// Rules whose promotional score says only that a page comment holds a link (`page_link_rules`):
        /// for comments found in pages they are no visible promotion, so a comment whose only
        /// promotional rules are these is promotional only from `promotionalLearnedAlone` on (the
        /// pseudo-rule `moderation.link-is-no-invitation` names the case in the audit).
        public var pageLinkRules: Set<String> = []
        /// For comments found in pages: rule id -> the most words the comment's whole text may
        /// have for that rule to count (`page_comment_max_words`): praise that stands for the
        /// comment, not a "Great post." line over a point; above it the hit weighs 0.
        public var pageCommentMaxWords: [String: Int] = [:]
        /// For comments found in pages: above this many words in the comment's whole text, the
        /// only rule scoring it off-topic weighs 0 (`page_off_topic_max_words`; 0: no bound): one
        /// laugh, one blessing or one aside in a long comment is not its main point; several kinds
        /// of off-topic talk in it are, and count.
        public var pageOffTopicMaxWords = 0
        /// With `pageOffTopicNeedsEvidence`: a learned rule's off-topic score weaker than this
        /// (`bayes.topic.40`, -0.2: a probability near one half) is no evidence against the on-topic
        /// prior of a page comment that shares the story's terms (`page_prior_min_lean`; 0: off).
        public var pagePriorMinLean = 0.0
        /// For comments found in pages: off-topic only when the score falls below the bar by more
        /// than this; closer, the pseudo-rule `moderation.off-topic-margin` keeps the on-topic prior
        /// (`page_off_topic_margin`; 0: off).
        public var pageOffTopicMargin = 0.0
        /// For comments found in pages: a comment's term that is no term of the story but that at
        /// least `pageThreadMinComments` other comments of the page use (the thread's own words
        /// for its subject) is shared with the context at this factor of its inverse document
        /// frequency: the pseudo-rule `relevance.thread-terms` (`page_thread_relevance_weight`; 0: off).
        public var pageThreadRelevanceWeight = 0.0
        /// How many other comments of the page must use a term for it to be a thread term
        /// (`page_thread_min_comments`).
        public var pageThreadMinComments = 2
        /// For comments found in pages: a comment that shares the thread's terms
        /// (`relevance.thread-terms` > 0) is off-topic only when at least this many signals speak
        /// against it (each different off-topic rule, and a learned lean off-topic of at least
        /// `pagePriorMinLean`); with fewer, the engine step `moderation.thread-needs-signals` keeps
        /// the on-topic prior (`page_thread_off_topic_signals`; 0: off).
        public var pageThreadOffTopicSignals = 0
        /// For comments found in pages: when at least this share of the page's comments carry an
        /// off-topic rule, the thread's terms are not counted on the page (commenters chatting
        /// among themselves would lift each other): the pseudo-rule `relevance.thread-chatter`
        /// (`page_thread_chatter_share`; 0: off).
        public var pageThreadChatterShare = 0.0
        /// For comments found in pages: a reply that names an earlier commenter of the page (or
        /// opens with "@name") needs only one off-topic signal even when it shares the thread's
        /// terms: the thread's words are the conversation it answers, no sign that it is on the
        /// story, so `moderation.thread-needs-signals` does not keep it on-topic; the engine step
        /// `moderation.reply-one-signal` says so (`page_reply_one_signal`; false: off).
        public var pageReplyOneSignal = false
        /// ...where the earlier commenter's name must be one that can name someone: a word of it
        /// neither a stop word nor one of these handles, lower-case (`page_reply_generic_names`:
        /// "Guest", "admin", "Anonymous" name no one, and a comment that says "admin" or "guest"
        /// answers no commenter so called).
        public var pageReplyGenericNames: Set<String> = []
        /// For comments found in pages: from the comment after this many on (the 16th with 15),
        /// a comment that shares no term with the story or the thread and that nothing but the
        /// bar calls off-topic (no rule, no learned lean of `pagePriorMinLean`) keeps the on-topic
        /// prior: deep in a long thread readers answer each other more than the story, so sharing
        /// none of its terms says little; the engine step `moderation.deep-in-thread`
        /// (`page_deep_thread_comments`; 0: off).
        public var pageDeepThreadComments = 0
        /// For comments found in pages: a comment of at most this many words that holds a word of
        /// `pageRelevanceIgnore` (praise, thanks) and no term of its own beyond the story's (each
        /// term the story lacks has an inverse document frequency below `pagePraiseOnlyTermIDF`: a
        /// common word) is praise alone, whatever story words it repeats: the engine step
        /// `moderation.praise-adds-nothing` scores it `pagePraiseOnlyScore` off-topic, a signal the
        /// on-topic prior and `moderation.thread-needs-signals` count (`page_praise_only_max_words`; 0: off).
        public var pagePraiseOnlyMaxWords = 0
        /// ...the inverse document frequency from which a term the story lacks is something the
        /// comment adds (`page_praise_only_term_idf`).
        public var pagePraiseOnlyTermIDF = 2.5
        /// ...and the off-topic score of the step (`page_praise_only_score`).
        public var pagePraiseOnlyScore = 2.0
        /// For comments found in pages: rules whose hit counts only when the words it matched are
        /// no term of the story (`page_off_story_rules`): talk of faith is off the subject under a
        /// story about a war, but it is the subject under a devotional post that uses the words;
        /// a hit on a story term weighs 0 and its audit description says which term.
        public var pageOffStoryRules: Set<String> = []
        /// For comments found in pages: words that are no term of relevance (`page_relevance_ignore`),
        /// lower-case: praise ("great", "adorable", "thanks") says how a reader liked the post, and
        /// a post that uses the words lends a praise-only comment the story's words.
        public var pageRelevanceIgnore: Set<String> = []
        /// For comments found in pages: the promotional score of the engine step
        /// `moderation.own-site-link`, a comment whose text gives the home page of a site named
        /// like its commenter (`page_own_site_link`; 0: off).
        public var pageOwnSiteLink = 0.0
        /// Words shorter than this are not content words.
        public var minTermLength = 3
        /// Weight of a context term seen capitalised mid-sentence (a name).
        public var properNounWeight = 2.0
        /// Weight of a context term found in the title.
        public var titleWeight = 2.0
        /// Added to relevance's denominator, so one shared word in a three-word comment is not
        /// full relevance.
        public var relevanceSmoothing = 3.0
        /// Promotional score taken off per unit of relevance (the pseudo-rule `relevance.on-subject`).
        public var promotionalRelevanceDiscount = 0.0
        /// Promotional score added when a comment has no context (the pseudo-rule `context.none`).
        public var promotionalWithoutContext = 0.0
        /// Off-topic score of a comment written by the person who asked (input records with an
        /// asker flag): in a forum thread such replies are mostly thanks and dialogue.
        public var askerOffTopic = 0.0
        /// Reference document frequencies; without them every term weighs 1.
        public var documentFrequencies: DocumentFrequencies?
        /// Learned token statistics, each firing as named rules `bayes.<name>.<bucket>`.
        public var learned: [LearnedRule] = []
        /// Logistic models, each firing as the named rule `lr.<name>`.
        public var logistic: [LogisticRule] = []
        /// Promotional total at which a comment is promotional even though no rule (only the
        /// learned ones) scored promotional; infinity keeps the labelling guide's "a visible promotion".
        public var promotionalLearnedAlone = Double.infinity
        /// For comments found in pages: rule id -> factor on that rule's comment-kind scores
        /// (`page_rule_weights`). A forum signal can mislead under a news story ("?" is a
        /// question back to a forum asker, but a news reader's question is about the story).
        public var pageRuleWeights: [String: Double] = [:]
        /// The same for comments given on their own (`standalone_rule_weights`, `winnow
        /// moderate`): a page signal can mislead in a forum (a long paragraph is a news reader's
        /// argument, but any forum answer that explains runs long).
        public var standaloneRuleWeights: [String: Double] = [:]
        public init() {}
    }
}
