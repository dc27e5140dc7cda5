import Testing
@testable import Winnow

/// How page comments get their kind (docs/rules.md, "Comment moderation"): the bar and relevance
/// as pseudo-rules, on-topic as the prior, header rules, trailing lines, out-of-vocabulary text.
@Suite struct PageCommentKindTests {
    let rules = Repo.rules
    static let offTopic = Label(.comment, "off-topic")

    /// An off-topic rule's hit, as the page's rules would give it.
    static func offTopicHit(_ id: String, _ description: String, _ score: Double) -> RuleHit {
        RuleHit(ruleID: id, description: description, scores: [LabelScore(offTopic, score)], origin: .rule)
    }

    /// Settings under which a page comment needs evidence to be off-topic, with a bar of 5.
    static func evidenceSettings() -> Config.Moderation {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 5
        settings.pageOffTopicNeedsEvidence = true
        return settings
    }

    /// `evidenceSettings` with the thread's terms counted: a bar of 1, story relevance weighed 5,
    /// a term two other comments use shared with the thread at 0.25.
    static func threadSettings() -> Config.Moderation {
        var settings = evidenceSettings()
        settings.onTopicThreshold = 1
        settings.pageRelevanceWeight = 5
        settings.pageThreadRelevanceWeight = 0.25
        settings.pageThreadMinComments = 2
        return settings
    }

    /// The context of a one-line story about a bridge, for `model`.
    static func bridgeStory(_ model: CommentModel) -> CommentContext {
        model.context(article: ["The harbour bridge reopened after the storm."], title: nil)
    }

    /// The model that decides the kind of a comment found in a page, with no stop words.
    static func pageModel(_ settings: Config.Moderation) -> CommentModel {
        CommentModel(settings: settings, stopwords: [], inPages: true)
    }

    /// A short story and its comment counter, for comments to be added under it.
    static let story = """
        The harbour bridge reopens
        The harbour bridge reopened on Monday after three weeks of repairs to its cables, and the council said the ferries would keep their summer timetable until the end of the month.
        2 Comments

        """

    func verdicts(_ text: String) -> [ModerationVerdict] {
        Labeler(rules: rules).label(Page(source: "t", lines: text.components(separatedBy: "\n"))).segments.compactMap(\.moderation)
    }

    /// The bar and relevance show as pseudo-rules and the score is the margin they leave.
    @Test func barAndRelevanceArePseudoRules() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 2
        let asks = Self.offTopicHit("topic.asks-back", "question", 1)
        let verdict = CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: ["Why?"], hits: [asks], context: .empty)
        #expect(verdict.kind == "off-topic")
        #expect(verdict.score == -3)
        let bar = try #require(verdict.evidence.first { $0.ruleID == "threshold.on-topic" })
        #expect(bar.score(for: Self.offTopic) == 2)

        let context = CommentModel(settings: settings, stopwords: [], inPages: false).context(article: ["The harbour bridge reopened."], title: nil)
        let about = CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: ["harbour bridge"], hits: [], context: context)
        #expect(about.evidence.contains { $0.ruleID == "relevance.shared-terms" && $0.score(for: Label(.comment, "on-topic")) > 0 })
    }

    /// A page comment that shares terms with the story but stays below the bar is on-topic by
    /// `moderation.on-topic-prior` when nothing leans off-topic; an off-topic rule, or no shared term at
    /// all, keeps it off-topic.
    @Test func onTopicIsThePriorForCommentsSharingTerms() {
        var settings = Self.evidenceSettings()
        let model = Self.pageModel(settings)
        let context = Self.bridgeStory(model)
        let shares = model.moderate(comment: ["the bridge looks fine"], hits: [], context: context)
        #expect(shares.kind == "on-topic")
        #expect(shares.evidence.contains { $0.ruleID == "moderation.on-topic-prior" })
        let aside = Self.offTopicHit("topic.chat", "chat", 1)
        #expect(model.moderate(comment: ["the bridge looks fine"], hits: [aside], context: context).kind == "off-topic")
        #expect(model.moderate(comment: ["my cat sleeps all day"], hits: [], context: context).kind == "off-topic")
        #expect(CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: ["the bridge looks fine"], hits: [], context: context).kind == "off-topic")
    }

    /// What leans off-topic against the on-topic prior (`leaning` in `CommentModel.moderate`, which
    /// `page_thread_off_topic_signals` counts too) is a rule's or a learned model's hit, never an
    /// engine step's (`RuleHit.origin`), whatever its id: not the bar alone (`threshold.*`, as
    /// before gaps30), nor a step leaning off-topic under any other id. The same hit made by a
    /// rule, or a strong learned lean, is evidence and keeps the comment off-topic.
    @Test func noEngineStepLeansAgainstThePrior() {
        let model = Self.pageModel(Self.evidenceSettings())
        let context = Self.bridgeStory(model)
        let comment = ["the bridge looks fine"]
        for id in ["comment.made-up-step", "walk.made-up-step", "topic.chat"] {
            let step = RuleHit(ruleID: id, description: "an engine step", scores: [LabelScore(Self.offTopic, 1)])
            #expect(step.origin == .step)
            let kept = model.moderate(comment: comment, hits: [step], context: context)
            #expect(kept.kind == "on-topic" && kept.evidence.contains { $0.ruleID == "moderation.on-topic-prior" }, "\(id)")
            #expect(model.moderate(comment: comment, hits: [Self.offTopicHit(id, "a rule", 1)], context: context).kind == "off-topic", "\(id)")
            let learned = RuleHit(ruleID: id, description: "a learned lean", scores: [LabelScore(Self.offTopic, 1)], origin: .learned)
            #expect(model.moderate(comment: comment, hits: [learned], context: context).kind == "off-topic", "\(id)")
        }
    }

    /// Under a story of fewer terms than `page_short_story_terms`, a comment sharing none is
    /// on-topic by the prior too; under a longer story, or with an off-topic rule, it is not.
    @Test func shortStoriesLetTheRepliesSharingNoTermBe() {
        var settings = Self.evidenceSettings()
        settings.pageShortStoryTerms = 5
        let model = Self.pageModel(settings)
        let short = model.context(article: ["Bridge reopens"], title: nil)
        let reply = model.moderate(comment: ["the cables were rusted for years"], hits: [], context: short)
        #expect(reply.kind == "on-topic")
        #expect(reply.evidence.contains { $0.ruleID == "moderation.on-topic-prior" && $0.description.contains("short") })
        let aside = Self.offTopicHit("topic.chat", "chat", 1)
        #expect(model.moderate(comment: ["the cables were rusted for years"], hits: [aside], context: short).kind == "off-topic")
        let long = model.context(article: ["The harbour bridge reopened on Monday after three weeks of repairs, the council said."], title: nil)
        #expect(model.moderate(comment: ["my cat sleeps all day"], hits: [], context: long).kind == "off-topic")
    }

    /// A page comment a `page_prior_rules` rule fires on (a reader's question) keeps the on-topic
    /// prior at relevance 0 too: the bar alone does not make it off-topic; an off-topic rule still
    /// does, and so does sharing no term when the rule did not fire or the setting is empty.
    @Test func aQuestionSharingNoTermKeepsThePrior() {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 1
        settings.pageOffTopicNeedsEvidence = true
        settings.pageRuleWeights = ["topic.asks-back": 0]
        settings.pagePriorRules = ["topic.asks-back"]
        let model = Self.pageModel(settings)
        let context = model.context(article: ["The harbour bridge reopened on Monday after three weeks of repairs, the council said."], title: nil)
        let asks = Self.offTopicHit("topic.asks-back", "question", 1)
        let question = model.moderate(comment: ["Was this taken in Iowa last August?"], hits: [asks], context: context)
        #expect(question.kind == "on-topic")
        #expect(question.evidence.contains { $0.ruleID == "moderation.on-topic-prior" && $0.description.contains("topic.asks-back") })
        #expect(model.moderate(comment: ["Was this taken in Iowa last August."], hits: [], context: context).kind == "off-topic")
        let aside = Self.offTopicHit("topic.chat", "chat", 1)
        #expect(model.moderate(comment: ["Was this taken in Iowa last August?"], hits: [asks, aside], context: context).kind == "off-topic")
        settings.pagePriorRules = []
        #expect(Self.pageModel(settings).moderate(comment: ["Was this taken in Iowa last August?"], hits: [asks], context: context).kind == "off-topic")
    }

    /// A line found in the text of two comments (a signature, a quotation) is read as neither
    /// one's say: the story's words in it count for neither, and the audit names it; a comment
    /// made only of such lines keeps them.
    @Test func repeatedLinesAreNoCommentsOwnSay() throws {
        let found = verdicts(Self.story + """
            Maria said...
            My cat sleeps all day on the sofa.
            Council ferries and cables, summer forever!
            Tom said...
            The repairs took longer than the engineers had promised us.
            Council ferries and cables, summer forever!
            """)
        #expect(found.count == 2)
        for verdict in found {
            #expect(verdict.evidence.contains { $0.ruleID == "comment.repeated-lines" })
            #expect(!verdict.sharedTerms.contains { $0.hasPrefix("council") || $0.hasPrefix("ferr") })
        }
        let lines = ["intro", "my own words", "a motto", "a motto", "a motto", "more of my own"]
        let repeated = Labeler.repeatedLines([[1, 2], [3], [4, 5]], lines: lines, comments: 2)
        #expect(repeated == [2, 3, 4])
        #expect(Labeler.repeatedLines([[1, 2], [3], [4, 5]], lines: lines, comments: 0).isEmpty)
        #expect(Labeler.withoutRepeats([1, 2], repeated: repeated, comments: 2).lines == [1])
        let alone = Labeler.withoutRepeats([3], repeated: repeated, comments: 2)
        #expect(alone.lines == [3] && alone.hit == nil)
        // A sentence a later comment quotes from inside an earlier comment's line is the later
        // comment's quotation; the earlier line keeps its place, and an earlier line a later one
        // holds (a parent's text printed again over its reply) is the earlier comment's own.
        let quoted = ["intro",
                      "Nice points. The new bridge will carry twice the traffic of the old ferry route, they said.",
                      "Response to Jo",
                      "The new bridge will carry twice the traffic of the old ferry route,",
                      "Nonsense, and you know it.",
                      "Short line of five words.",
                      "Short line of five words. And more besides."]
        #expect(Labeler.repeatedLines([[1], [2, 3, 4], [5], [6]], lines: quoted, comments: 2) == [3])
        #expect(Labeler.repeatedLines([[2, 3, 4], [1]], lines: quoted, comments: 2).isEmpty)
        #expect(Labeler.repeatedLines([[1], [2, 3, 4]], lines: quoted, comments: 0).isEmpty)
        // A thread of many lines that open alike: each opening is looked up in its first
        // `quoteCandidates` lines only (a quote of the first is still found; one of a line past
        // them is not), so such a thread costs lines x candidates, not lines squared.
        let alike = (0..<200).map { "the new bridge will carry number \($0) of the cars over the old ferry route" }
        let quote = "the new bridge will carry number 0 of the cars"
        let late = "the new bridge will carry number 150 of the cars"
        let thread = (0..<200).map { [$0] } + [[200], [201]]
        let capped = Labeler.repeatedLines(thread, lines: alike + [quote, late], comments: 2)
        #expect(capped == [200])
    }

    /// In a page, rules that only say "holds a link" (`page_link_rules`) are no visible
    /// promotion: with only those the total must reach `promotional_learned_alone`, and the audit
    /// names the step; an invitation makes the same total promotional, and a comment given alone
    /// keeps the old reading.
    @Test func aLinkAloneIsNoInvitationInPages() throws {
        var settings = Config.Moderation()
        settings.promotionalThreshold = 2
        settings.promotionalLearnedAlone = 4
        settings.pageLinkRules = ["promo.link", "promo.video-link"]
        let promo = Label(.comment, "promotional")
        let link = RuleHit(ruleID: "promo.link", description: "link", scores: [LabelScore(promo, 1.5)], origin: .rule)
        let video = RuleHit(ruleID: "promo.video-link", description: "video", scores: [LabelScore(promo, 2)], origin: .rule)
        let invite = RuleHit(ruleID: "promo.self-promotion", description: "visit my", scores: [LabelScore(promo, 1)], origin: .rule)
        let comment = ["have you seen this one? https://example.com/x"]
        let page = Self.pageModel(settings)
        let cited = page.moderate(comment: comment, hits: [link, video], context: .empty)
        #expect(cited.kind != "promotional")
        let step = try #require(cited.evidence.first { $0.ruleID == "moderation.link-is-no-invitation" })
        #expect(step.description.contains("promo.link, promo.video-link"))
        #expect(page.moderate(comment: comment, hits: [link, invite], context: .empty).kind == "promotional")
        #expect(CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: comment, hits: [link, video], context: .empty).kind == "promotional")
        settings.promotionalLearnedAlone = 3
        #expect(Self.pageModel(settings).moderate(comment: comment, hits: [link, video], context: .empty).kind == "promotional")
    }

    /// A `page_comment_max_words` rule counts only when the whole comment is that short: praise
    /// standing for the comment is off-topic, a "Great post." line over a point weighs nothing
    /// (the audit says so); comments given alone are not bounded.
    @Test func praiseOverAPointDoesNotCount() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 0
        settings.pageCommentMaxWords = ["topic.short-praise": 5]
        let praise = Self.offTopicHit("topic.short-praise", "praise", 2)
        let page = Self.pageModel(settings)
        #expect(page.moderate(comment: ["Great post."], hits: [praise], context: .empty).kind == "off-topic")
        let more = ["Great post.", "But the cables were rusted for years before anyone looked at them."]
        let verdict = page.moderate(comment: more, hits: [praise], context: .empty)
        #expect(verdict.kind == "on-topic")
        let bounded = try #require(verdict.evidence.first { $0.ruleID == "topic.short-praise" })
        #expect(bounded.score(for: Self.offTopic) == 0 && bounded.description.contains("page_comment_max_words"))
        #expect(CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: more, hits: [praise], context: .empty).kind == "off-topic")
    }

    /// Above `page_off_topic_max_words`, a long page comment's only off-topic rule weighs 0 (one
    /// laugh closing a point is no main point; the audit says so); two kinds of off-topic talk in
    /// it still count, a short comment keeps its rule, and comments given alone are not bounded.
    @Test func oneAsideInALongCommentDoesNotCount() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 0
        settings.pageOffTopicMaxWords = 12
        let laugh = Self.offTopicHit("topic.laughter", "laugh", 1)
        let chat = Self.offTopicHit("topic.chat", "chat", 1.5)
        let page = Self.pageModel(settings)
        #expect(page.moderate(comment: ["Ha ha, so true."], hits: [laugh], context: .empty).kind == "off-topic")
        let long = ["The cables were rusted for years before anyone looked at them, and the ferries paid for it all summer. Ha ha."]
        let verdict = page.moderate(comment: long, hits: [laugh], context: .empty)
        #expect(verdict.kind == "on-topic")
        let aside = try #require(verdict.evidence.first { $0.ruleID == "topic.laughter" })
        #expect(aside.score(for: Self.offTopic) == 0 && aside.description.contains("page_off_topic_max_words"))
        #expect(page.moderate(comment: long, hits: [laugh, chat], context: .empty).kind == "off-topic")
        #expect(CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: long, hits: [laugh], context: .empty).kind == "off-topic")
    }

    /// The long-comment bound counts the off-topic rules left after `page_off_story_rules` has
    /// zeroed a hit on the story's own subject: under a post about faith, talk of faith is no
    /// second kind of off-topic talk, so a blessing closing a long comment is its only off-topic
    /// rule and weighs 0 (it was counted as one of two, and the comment read off-topic).
    @Test func aHitOnTheStorysSubjectIsNoSecondOffTopicRule() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 0
        settings.relevanceWeight = 0
        settings.pageOffTopicMaxWords = 12
        settings.pageOffStoryRules = ["topic.faith-talk"]
        let stopwords: Set<String> = ["the", "is", "was", "what", "about", "this", "and", "for", "all", "of", "to", "a", "on", "it", "in"]
        let model = CommentModel(settings: settings, stopwords: stopwords, inPages: true)
        let faith = RuleHit(ruleID: "topic.faith-talk", description: "faith", scores: [LabelScore(Self.offTopic, 1)], matched: "faith", origin: .rule)
        let blessing = Self.offTopicHit("topic.prayer-aside", "blessing", 2)
        let sermon = model.context(article: ["Faith is what the sermon was about this Sunday."], title: nil)
        let bridge = Self.bridgeStory(model)
        let long = ["The sermon said faith grows in small daily habits, and the choir sang the old hymn twice before the end. Bless you all."]
        let under = model.moderate(comment: long, hits: [faith, blessing], context: sermon)
        #expect(under.kind == "on-topic")
        let aside = try #require(under.evidence.first { $0.ruleID == "topic.prayer-aside" })
        #expect(aside.score(for: Self.offTopic) == 0 && aside.description.contains("page_off_topic_max_words"))
        // Under a story about something else both rules count: two kinds of off-topic talk.
        #expect(model.moderate(comment: long, hits: [faith, blessing], context: bridge).kind == "off-topic")
    }

    /// With `page_prior_min_lean`, a learned score leaning off-topic by less than it (a probability
    /// near one half) is no evidence against the on-topic prior of a comment sharing the story's
    /// terms; the prior's hit names the lean. A stronger lean still makes it off-topic.
    @Test func aWeakLearnedLeanKeepsThePrior() throws {
        var settings = Self.evidenceSettings()
        settings.pagePriorMinLean = 0.5
        let model = Self.pageModel(settings)
        let context = Self.bridgeStory(model)
        let weak = RuleHit(ruleID: "bayes.topic.40", description: "learned", scores: [LabelScore(Label(.comment, "on-topic"), -0.2)], origin: .learned)
        let strong = RuleHit(ruleID: "bayes.topic.20", description: "learned", scores: [LabelScore(Label(.comment, "on-topic"), -1.1)], origin: .learned)
        let verdict = model.moderate(comment: ["the bridge looks fine"], hits: [weak], context: context)
        #expect(verdict.kind == "on-topic")
        let prior = try #require(verdict.evidence.first { $0.ruleID == "moderation.on-topic-prior" })
        #expect(prior.description.contains("bayes.topic.40 -0.2") && prior.description.contains("page_prior_min_lean"))
        #expect(model.moderate(comment: ["the bridge looks fine"], hits: [strong], context: context).kind == "off-topic")
        settings.pagePriorMinLean = 0
        #expect(Self.pageModel(settings).moderate(comment: ["the bridge looks fine"], hits: [weak], context: context).kind == "off-topic")
    }

    /// With `page_off_topic_margin`, a page comment whose score falls below the bar by no more
    /// than the margin is on-topic (`moderation.off-topic-margin` makes up the score and names
    /// the setting); one further below stays off-topic, and comments given alone are not touched.
    @Test func aScoreJustBelowTheBarIsNoOffTopicCall() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 1
        settings.pageOffTopicMargin = 0.25
        let model = Self.pageModel(settings)
        let near = RuleHit(ruleID: "topic.wishes", description: "wishes", scores: [LabelScore(Label(.comment, "on-topic"), 0.9)], origin: .rule)
        let verdict = model.moderate(comment: ["Good luck to the crews."], hits: [near], context: .empty)
        #expect(verdict.kind == "on-topic" && verdict.score == 0)
        let margin = try #require(verdict.evidence.first { $0.ruleID == "moderation.off-topic-margin" })
        #expect(margin.description.contains("-0.1") && margin.description.contains("page_off_topic_margin"))
        #expect(model.moderate(comment: ["Good luck to the crews."], hits: [], context: .empty).kind == "off-topic")
        #expect(CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: ["Good luck to the crews."], hits: [near], context: .empty).kind == "off-topic")
    }

    /// With `page_thread_relevance_weight`, a page comment's term that the story lacks but that at
    /// least `page_thread_min_comments` other comments use is shared with the thread: a reply in the
    /// thread's own words ("the ferry fares") is on-topic by the prior, and the pseudo-rule
    /// `relevance.thread-terms` names the terms and its part of relevance; a term only one other
    /// comment uses, or the setting at 0, leaves the comment at relevance 0, off-topic by the bar.
    @Test func termsTheThreadUsesAreSharedWithTheThread() throws {
        var settings = Self.threadSettings()
        let stopwords: Set<String> = ["the", "went", "again"]
        let model = CommentModel(settings: settings, stopwords: stopwords, inPages: true)
        let story = Self.bridgeStory(model)
        let comment = ["The ferry fares went up again."]
        // Counts include the comment itself: "ferry" and "fare" are used by two other comments.
        let verdict = model.moderate(comment: comment, hits: [], context: story.with(thread: ["ferry": 3, "fare": 3, "cable": 1]))
        #expect(verdict.kind == "on-topic" && verdict.relevance > 0)
        let part = try #require(verdict.evidence.first { $0.ruleID == "relevance.thread-terms" })
        #expect(part.description.contains("fare, ferry") || part.description.contains("ferry, fare"))
        #expect(part.description.contains("page_thread_relevance_weight"))
        #expect(!verdict.evidence.contains { $0.ruleID == "relevance.shared-terms" })
        #expect(verdict.sharedTerms.isEmpty)
        let prior = try #require(verdict.evidence.first { $0.ruleID == "moderation.on-topic-prior" })
        #expect(prior.description.contains("thread"))
        #expect(model.moderate(comment: comment, hits: [], context: story.with(thread: ["ferry": 2, "fare": 2])).kind == "off-topic")
        #expect(model.moderate(comment: comment, hits: [], context: story).kind == "off-topic")
        settings.pageThreadRelevanceWeight = 0
        #expect(CommentModel(settings: settings, stopwords: stopwords, inPages: true)
            .moderate(comment: comment, hits: [], context: story.with(thread: ["ferry": 3, "fare": 3])).kind == "off-topic")
    }

    /// With `page_thread_off_topic_signals`, a comment that shares the thread's terms is
    /// off-topic only when that many signals say so: one phrase rule against a reply in the
    /// thread's own words keeps the on-topic prior (`moderation.thread-needs-signals`, naming the
    /// rule and the setting); two rules, no thread terms, or the setting at 0 leave it off-topic.
    @Test func oneSignalIsNotEnoughAgainstTheThreadsTerms() throws {
        var settings = Self.threadSettings()
        settings.pageThreadOffTopicSignals = 2
        let stopwords: Set<String> = ["the", "went", "again"]
        let model = CommentModel(settings: settings, stopwords: stopwords, inPages: true)
        let story = Self.bridgeStory(model)
        let thread = story.with(thread: ["ferry": 3, "fare": 3])
        let comment = ["Ha, the ferry fares went up again."]
        let laugh = Self.offTopicHit("topic.laughter", "laughter", 1)
        let chat = Self.offTopicHit("topic.chat", "chat", 1.5)
        let one = model.moderate(comment: comment, hits: [laugh], context: thread)
        #expect(one.kind == "on-topic" && one.score == 0)
        let step = try #require(one.evidence.first { $0.ruleID == "moderation.thread-needs-signals" })
        #expect(step.description.contains("topic.laughter") && step.description.contains("page_thread_off_topic_signals"))
        #expect(model.moderate(comment: comment, hits: [laugh, chat], context: thread).kind == "off-topic")
        #expect(model.moderate(comment: comment, hits: [laugh], context: story).kind == "off-topic")
        settings.pageThreadOffTopicSignals = 0
        #expect(CommentModel(settings: settings, stopwords: stopwords, inPages: true).moderate(comment: comment, hits: [laugh], context: thread).kind == "off-topic")
    }

    /// A made-up thread of readers laughing about a cat on a keyboard, under a story about a
    /// bridge: every comment carries an off-topic rule, so with `page_thread_chatter_share` the
    /// thread's terms ("keyboard", used by all four) are not counted on the page
    /// (`relevance.thread-chatter` on each comment) and the comments stay at relevance 0,
    /// off-topic; with the guard off, the chatter lifts itself past relevance 0.
    @Test func chatterDoesNotLiftItselfThroughTheThread() throws {
        let thread = Self.story.replacingOccurrences(of: "2 Comments", with: "4 Comments") + """
            Jon said...

            Haha my cat Milo sleeps on the keyboard again lol

            Anna said...

            Lol a keyboard cat, haha, mine naps there too

            Bea said...

            Haha keyboard naps are the best lol

            Cal said...

            Lol the keyboard is warm, cats know haha

            """
        #expect(rules.config.moderation.pageThreadChatterShare > 0 && rules.config.moderation.pageThreadRelevanceWeight > 0)
        let guarded = verdicts(thread)
        #expect(guarded.count == 4)
        #expect(guarded.allSatisfy { $0.kind == "off-topic" && $0.relevance == 0 })
        let note = try #require(guarded.first?.evidence.first { $0.ruleID == Labeler.threadChatterStep })
        #expect(note.description.contains("4 of the page's 4 comments") && note.description.contains("page_thread_chatter_share"))
        var config = rules.config
        config.moderation.pageThreadChatterShare = 0
        let open = Labeler(rules: RuleSet(rules: rules.rules, config: config)).label(Page(source: "t", lines: thread.components(separatedBy: "\n"))).segments.compactMap(\.moderation)
        #expect(open.count == 4 && open.allSatisfy { $0.relevance > 0 && !$0.evidence.contains { $0.ruleID == Labeler.threadChatterStep } })
    }

    /// What `page_thread_chatter_share` counts, an off-topic rule, is told by what made the hit
    /// (`RuleHit.origin`), not by its id: a rule of the rule files counts, weighted or not; an
    /// engine step whose id looks like a rule's does not, nor a learned model's lean. (A rule may
    /// not take an engine step's prefix, `relevance.` or `moderation.`: the loader refuses it,
    /// RuleLoaderTests.reservedIdsAreRefusedWithFileLineAndID.)
    @Test func anOffTopicRuleIsToldByWhatMadeTheHitNotByItsID() throws {
        let file = "- {id: talk.laughing-aside, description: a laugh, pattern: 'haha', scores: {comment.off-topic: 1}}\n"
        let loaded = try RuleLoader.load(directory: try temporaryRuleDirectory(["talk.yml": file]))
        let laugh = try #require(loaded.rules.first { $0.id == "talk.laughing-aside" })
        let offTopic = [LabelScore(Self.offTopic, 1)]
        let ruleHit = RuleMatcher.Candidate(rule: laugh, hit: RuleHit(ruleID: laugh.id, description: laugh.description, scores: offTopic),
                                            author: nil).hit
        func carries(_ hit: RuleHit) -> Bool {
            CommentModel.carriesOffTopicRule(ModerationVerdict(kind: "off-topic", score: -1, relevance: 0, sharedTerms: [], hits: [hit],
                                                               evidence: [hit], hadContext: true))
        }
        #expect(ruleHit.origin == .rule && carries(ruleHit))
        var settings = Config.Moderation()
        settings.pageRuleWeights = [laugh.id: 0.5]
        let weighted = CommentModel(settings: settings, stopwords: [], inPages: true).contextWeighted(ruleHit)
        #expect(weighted.description.contains("page_rule_weights") && weighted.origin == .rule && carries(weighted))
        #expect(!carries(RuleHit(ruleID: "topic.made-up-step", description: "an engine step", scores: offTopic)))
        #expect(!carries(RuleHit(ruleID: "topic.made-up-model", description: "a learned lean", scores: offTopic, origin: .learned)))
    }

    /// In a page, `page_relevance_ignore` words (praise) are no term shared
    /// with the story: praise that borrows the post's words is not lifted over the bar by them
    /// (the audit names the words left out); a point about the subject keeps its terms, and
    /// comments given alone are not touched.
    @Test func praiseWordsAreNoSharedTerms() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 1
        settings.pageRelevanceWeight = 5
        settings.pageRelevanceIgnore = ["adorable", "post"]
        let page = Self.pageModel(settings)
        let context = page.context(article: ["An adorable post: the harbour bridge reopened with new cables."], title: nil)
        let praise = page.moderate(comment: ["Adorable post!"], hits: [], context: context)
        #expect(praise.kind == "off-topic")
        #expect(praise.relevance == 0)
        let note = try #require(praise.evidence.first { $0.ruleID == "moderation.praise-words-not-shared" })
        #expect(note.description.contains("adorable, post"))
        #expect(page.moderate(comment: ["Adorable, the cables look new."], hits: [], context: context).kind == "on-topic")
        let alone = CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: ["Adorable post!"], hits: [], context: context)
        #expect(alone.relevance > 0 && !alone.evidence.contains { $0.ruleID == "moderation.praise-words-not-shared" })
    }

    /// `moderation.praise-adds-nothing` (`page_praise_only_max_words`): a short comment with a
    /// praise or thanks word whose every term the story lacks is a common word (inverse document
    /// frequency below `page_praise_only_term_idf`) is praise alone, however many story words it
    /// repeats: the step scores it off-topic and, being a signal, the on-topic prior does not
    /// undo it. A word of its own ("cables", "rusted"), an on-topic rule's hit or more words than
    /// the bound, and it is judged as before; comments given alone are not touched.
    @Test func praiseThatAddsNothingIsOffTopic() throws {
        var settings = Self.threadSettings()
        settings.pageRelevanceIgnore = ["thanks", "great"]
        var frequencies = DocumentFrequencies()
        for _ in 0..<50 { frequencies.add(terms: ["article", "read"]) }
        for _ in 0..<50 { frequencies.add(terms: ["weather"]) }
        settings.documentFrequencies = frequencies
        let stopwords: Set<String> = ["the", "for", "on", "this", "after", "again", "last", "was", "a"]
        let model = { (s: Config.Moderation) in CommentModel(settings: s, stopwords: stopwords, inPages: true) }
        let context = model(settings).context(article: ["The harbour bridge reopened after the storm."], title: nil)
        let praise = ["Thanks for the great article on the bridge, a read!"]
        #expect(model(settings).moderate(comment: praise, hits: [], context: context).kind == "on-topic")
        settings.pagePraiseOnlyMaxWords = 20
        settings.pagePraiseOnlyTermIDF = 2.5
        settings.pagePraiseOnlyScore = 2
        let called = model(settings).moderate(comment: praise, hits: [], context: context)
        #expect(called.kind == "off-topic")
        let step = try #require(called.evidence.first { $0.ruleID == "moderation.praise-adds-nothing" })
        #expect(step.description.contains("great, thanks") && step.description.contains("article, read") && step.description.contains("bridge"))
        #expect(step.score(for: Self.offTopic) == 2 && !called.evidence.contains { $0.ruleID == "moderation.on-topic-prior" })
        let point = model(settings).moderate(comment: ["Thanks, the bridge cables rusted again last winter."], hits: [], context: context)
        #expect(point.kind == "on-topic" && !point.evidence.contains { $0.ruleID == "moderation.praise-adds-nothing" })
        let plan = RuleHit(ruleID: "topic.made-up-plan", description: "a plan to go and see it", scores: [LabelScore(Label(.comment, "on-topic"), 0.1)], origin: .rule)
        #expect(!model(settings).moderate(comment: praise, hits: [plan], context: context).evidence.contains { $0.ruleID == "moderation.praise-adds-nothing" })
        let plain = model(settings).moderate(comment: ["The harbour bridge, a read!"], hits: [], context: context)
        #expect(!plain.evidence.contains { $0.ruleID == "moderation.praise-adds-nothing" })
        settings.pagePraiseOnlyMaxWords = 5
        #expect(model(settings).moderate(comment: praise, hits: [], context: context).kind == "on-topic")
        settings.pagePraiseOnlyMaxWords = 20
        let alone = CommentModel(settings: settings, stopwords: stopwords, inPages: false).moderate(comment: praise, hits: [], context: context)
        #expect(!alone.evidence.contains { $0.ruleID == "moderation.praise-adds-nothing" })
    }

    /// The audit's list of praise words left out (`moderation.praise-words-not-shared`) is read
    /// by the tokeniser relevance uses (`Terms`): a praise word that could never be a term (under
    /// `min_term_length`, or a stop word) is not named as left out. It had a tokeniser of its own,
    /// which named "great" here (a short form of the story's name "Greatest") though relevance
    /// never read it.
    @Test func praiseWordsNamedAreThoseRelevanceLeftOut() throws {
        var settings = Config.Moderation()
        settings.minTermLength = 6
        settings.pageRelevanceIgnore = ["great", "adorable", "lovely"]
        let page = CommentModel(settings: settings, stopwords: ["lovely"], inPages: true)
        // "Greatest" is a name of the story (capitalised mid-sentence): "great" is a short form
        // of it, but at five letters it is never a term here, so relevance never left it out.
        let context = page.context(article: ["An adorable and lovely crowd saw the Greatest Harbour bridge reopen with new cables."], title: nil)
        let verdict = page.moderate(comment: ["Great, lovely, adorable bridge!"], hits: [], context: context)
        let note = try #require(verdict.evidence.first { $0.ruleID == "moderation.praise-words-not-shared" })
        #expect(note.description.contains(": adorable not counted"), "\(note.description)")
        #expect(verdict.relevance > 0)   // "bridge" is shared
    }

    /// A shop phrase as the commenter's name is read (`header_rules`), the same words in a
    /// comment's text do not fire that rule; in pages the name weighs 0.5 (`page_rule_weights`),
    /// so a real point under it (the commenter's own walk over the bridge) is judged by its text.
    @Test func headerRulesReadTheNameOnly() {
        let found = verdicts(Self.story + """
            Cheap Boots Outlet said...
            Great bridge, I walked over it twice this week with my family.
            Maria said...
            The cheap boots outlet by the harbour closed during the repairs, the bridge kept the shoppers away.
            """)
        #expect(found.count == 2)
        #expect(found.first?.kind == "on-topic")
        #expect(found.first?.evidence.contains { $0.ruleID == "promo.commercial-name" } == true)
        #expect(found.last?.evidence.contains { $0.ruleID == "promo.commercial-name" } == false)
    }

    /// The header rule's hit on the header line itself is removed (it reads the author only):
    /// the line shows it as the engine step `page.header-rule`, scoring nothing, in the audit.
    @Test func theAuditShowsAHeaderRuleHitRemovedFromItsLine() throws {
        let text = Self.story + "Cheap Boots Outlet said...\nGreat bridge, I walked over it twice this week with my family."
        var labeler = Labeler(rules: rules)
        labeler.auditNotes = true
        let r = labeler.label(Page(source: "t", lines: text.components(separatedBy: "\n")))
        let line = try #require(r.lines.first { $0.text == "Cheap Boots Outlet said..." })
        #expect(!line.hits.contains { $0.ruleID == "promo.commercial-name" })
        let note = try #require(line.hits.first { $0.ruleID == "page.header-rule" })
        #expect(note.description.hasPrefix("rule 'promo.commercial-name' not counted (it would score +"))
        #expect(note.description.hasSuffix("is read on a comment's author only, for the comment's kind, and takes no part in a line's label"))
        #expect(note.scores.isEmpty)
        #expect(AuditReport.render(r).contains("page.header-rule"))
    }

    /// Header rules read the commenter's name alone, and a word that also names people
    /// ("Cheap Charlie") needs a second trade word or a shop noun.
    @Test func headerRulesNeedAShopName() {
        let labeler = Labeler(rules: rules)
        #expect(labeler.nameHits("Cheap Charlie").isEmpty)
        #expect(labeler.nameHits("Casino Royale fan").isEmpty)
        #expect(labeler.nameHits("Cheap Boots Outlet").map(\.ruleID) == ["promo.commercial-name"])
        #expect(labeler.nameHits("Fast Payday Loans").map(\.ruleID) == ["promo.commercial-name"])
        #expect(labeler.nameHits(nil).isEmpty)
    }

    /// A shop's name over no text is promotional, and the audit lists the rule that says so;
    /// a plain name over no text stays off-topic (`comment.no-text`).
    @Test func aShopNameWithNoTextIsPromotional() {
        let found = verdicts(Self.story + """
            Cheap Boots Outlet said...

            Maria said...

            """)
        #expect(found.map(\.kind) == ["promotional", "off-topic"])
        #expect(found.first?.hits.map(\.ruleID) == ["promo.commercial-name"])
        #expect(found.last?.hits.map(\.ruleID) == ["comment.no-text"])
    }

    /// A `page_off_story_rules` rule counts only when the words it matched are no term of the
    /// story: talk of faith under a report on a bridge is off-topic, under a post about faith it is
    /// the subject, and the audit names the term that zeroed the hit. Given alone (`winnow
    /// moderate`) the hit counts as before.
    @Test func offStoryRulesCountOnlyOffTheStory() {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 0
        settings.pageOffStoryRules = ["topic.faith-talk"]
        let stopwords: Set<String> = ["the", "is", "was", "what", "about", "this", "will", "us"]
        let model = CommentModel(settings: settings, stopwords: stopwords, inPages: true)
        let faith = RuleHit(ruleID: "topic.faith-talk", description: "faith", scores: [LabelScore(Self.offTopic, 3)], matched: "faith", origin: .rule)
        let bridge = Self.bridgeStory(model)
        let sermon = model.context(article: ["Faith is what the sermon was about this Sunday."], title: nil)
        let comment = ["Only faith will carry us through."]
        #expect(model.moderate(comment: comment, hits: [faith], context: bridge).kind == "off-topic")
        let under = model.moderate(comment: comment, hits: [faith], context: sermon)
        #expect(under.kind == "on-topic")
        let hit = under.evidence.first { $0.ruleID == "topic.faith-talk" }
        #expect(hit?.score(for: Self.offTopic) == 0)
        #expect(hit?.description.contains("faith is a term of the story") == true)
        let alone = CommentModel(settings: settings, stopwords: stopwords, inPages: false).moderate(comment: comment, hits: [faith], context: sermon)
        #expect(alone.evidence.first { $0.ruleID == "topic.faith-talk" }?.score(for: Self.offTopic) == 3)
    }

    /// A comment whose text gives the home page of a site named like its commenter is
    /// promotional (`moderation.own-site-link`, shown in the verdict's hits); a link with a path,
    /// another site, or the same site in a comment by someone else is not.
    @Test func aCommentersOwnSiteIsPromotional() {
        let found = verdicts(Self.story + """
            Tidewatch said...
            Great bridge, glad the ferries kept going, see you there tidewatch.tv
            Maria said...
            Great bridge, glad the ferries kept going, see you there tidewatch.tv
            """)
        #expect(found.map(\.kind) == ["promotional", "on-topic"])
        #expect(found.first?.hits.contains { $0.ruleID == OwnSiteLink.ruleID && $0.matched == "tidewatch.tv" } == true)
        #expect(found.last?.evidence.contains { $0.ruleID == OwnSiteLink.ruleID } == false)
        #expect(OwnSiteLink.find(author: "harbourgearstore", lines: ["Don't! http://www.harbourgear.co.uk – well, a store would say so"]) == "http://www.harbourgear.co.uk")
        #expect(OwnSiteLink.find(author: "Jane Quay", lines: ["I put it all here: http://janequay.org/2011/02/23/advice/"]) == nil)
        #expect(OwnSiteLink.find(author: "Jane Quay", lines: ["Read it at janequay.org."]) == "janequay.org.")
        #expect(OwnSiteLink.find(author: "Jane Quay", lines: ["Read it at example.org, or mail jane@janequay.org"]) == nil)
        #expect(OwnSiteLink.find(author: "Ed", lines: ["ed.com"]) == nil)
        #expect(OwnSiteLink.find(author: "John", lines: ["Cheaper at johnlewis.com"]) == nil)
        #expect(OwnSiteLink.find(author: "Mark", lines: ["mark.net"]) == "mark.net")
        #expect(OwnSiteLink.find(author: nil, lines: ["tidewatch.tv"]) == nil)
    }

    /// A comment of header lines alone with a line beside it that no comment holds ("Report
    /// abuse", a reply's text taken by a control's rule) keeps the on-topic prior
    /// (`comment.text-elsewhere`); with only blank lines and comments around it, `comment.no-text`
    /// stays, and so it does with the step off (`page_text_elsewhere_lines: 0`).
    @Test func aHeaderBesideUnheldLinesKeepsThePrior() throws {
        let thread = Self.story + """
            Jon said...

            The cables were overdue, and the ferries did fine in the meantime.

            Maria said...
            Report abuse
            Anna said...

            The ferries kept the summer timetable all month, which helped.

            """
        let found = verdicts(thread)
        #expect(found.map(\.kind) == ["on-topic", "on-topic", "on-topic"])
        let maria = try #require(found.dropFirst().first)
        #expect(maria.hits.map(\.ruleID) == ["comment.no-text", Labeler.textElsewhereRule])
        #expect(maria.score == maria.hits.reduce(0) { $0 + $1.score(for: Label(.comment, "on-topic")) - $1.score(for: Self.offTopic) })
        let report = try #require(thread.components(separatedBy: "\n").firstIndex(of: "Report abuse"))
        #expect(maria.hits.last?.description.contains("line \(report + 1) beside it") == true)
        let bare = verdicts(thread.replacingOccurrences(of: "Maria said...\nReport abuse\n", with: "Maria said...\n\n"))
        #expect(bare.map(\.kind) == ["on-topic", "off-topic", "on-topic"])
        #expect(bare.dropFirst().first?.hits.map(\.ruleID) == ["comment.no-text"])
        var config = rules.config
        config.moderation.pageTextElsewhereLines = 0
        let kinds = Labeler(rules: RuleSet(rules: rules.rules, config: config)).label(Page(source: "t", lines: thread.components(separatedBy: "\n"))).segments.compactMap(\.moderation).map(\.kind)
        #expect(kinds == ["on-topic", "off-topic", "on-topic"])
        // The reach: an unheld line three lines off is too far at 2.
        let header = CommentGroup(lines: [5], author: "Maria", headerRule: "h", headerLine: 5)
        let noText = Self.offTopicHit("comment.no-text", "none", 1)
        let empty = ModerationVerdict(kind: "off-topic", score: -1, relevance: 0, sharedTerms: [], hits: [noText], evidence: [noText], hadContext: true)
        var blank = Array(repeating: true, count: 12)
        blank[5] = false; blank[8] = false
        #expect(Labeler.textElsewhere([header], verdicts: [empty], blank: blank, reach: 2)[0].kind == "off-topic")
        #expect(Labeler.textElsewhere([header], verdicts: [empty], blank: blank, reach: 3)[0].kind == "on-topic")
        // The step adds its hit and the +1; the comment's relevance and shared terms stay its own
        // (they were set to 0 and none).
        let sharing = ModerationVerdict(kind: "off-topic", score: -1, relevance: 0.25, sharedTerms: ["ferries"], hits: [noText],
                                        evidence: [noText], hadContext: true)
        let kept = Labeler.textElsewhere([header], verdicts: [sharing], blank: blank, reach: 3)[0]
        #expect(kept.kind == "on-topic" && kept.score == 0 && kept.relevance == 0.25 && kept.sharedTerms == ["ferries"])
    }

    /// A comment that shares no term with the story and is off-topic only by the bar and the token
    /// model is on-topic by `comment.answers-previous` when it shares a term with the comment right
    /// above it (a reply); not when it shares none, nor only a name or a dated line, nor with the step off.
    @Test func aReplySharingTheCommentAboveKeepsThePrior() throws {
        let thread = Self.story + """
            Jon said...

            My cat hates the winter in Winnipeg.

            Anna said...

            Mine too, the snow makes my cat grumpy.

            """
        let found = verdicts(thread)
        #expect(found.map(\.kind) == ["off-topic", "on-topic"])
        let reply = try #require(found.last)
        let hit = try #require(reply.evidence.first { $0.ruleID == Labeler.answersPreviousRule })
        #expect(hit.description.contains("but cat with the comment above it"))
        #expect(reply.score == 0)
        let apart = verdicts(thread.replacingOccurrences(of: "My cat hates the winter in Winnipeg.", with: "My dog hates the rain."))
        #expect(apart.map(\.kind) == ["off-topic", "off-topic"])
        let named = verdicts(thread.replacingOccurrences(of: "Mine too, the snow makes my cat grumpy.", with: "Mine too, in Winnipeg my dog gets grumpy."))
        #expect(named.map(\.kind) == ["off-topic", "off-topic"])
        #expect(Labeler.datedFurniture("Response to jane42, 3 March 2014 9:41AM"))
        #expect(Labeler.datedFurniture("Posted at 10:43PM"))
        #expect(!Labeler.datedFurniture("Mine too, the snow makes my cat grumpy."))
        var config = rules.config
        config.moderation.pageAnswersPreviousTerms = 0
        let kinds = Labeler(rules: RuleSet(rules: rules.rules, config: config)).label(Page(source: "t", lines: thread.components(separatedBy: "\n"))).segments.compactMap(\.moderation).map(\.kind)
        #expect(kinds == ["off-topic", "off-topic"])
    }

    /// A comment of a header or date alone right under the previous comment's text takes that
    /// comment's kind (`comment.trailing-lines`); with a blank line above, `comment.no-text` stays.
    @Test func trailingLinesTakeThePreviousKind() throws {
        let previous = CommentGroup(lines: [10, 11], author: "Jo", headerRule: "h", headerLine: 10)
        let noText = Self.offTopicHit("comment.no-text", "none", 1)
        let empty = ModerationVerdict(kind: "off-topic", score: -1, relevance: 0, sharedTerms: [], hits: [noText], evidence: [noText], hadContext: true)
        let before = ModerationVerdict(kind: "on-topic", score: 2, relevance: 0.5, sharedTerms: ["bridge"], hits: [], evidence: [], hadContext: true)
        let adjacent = CommentGroup(lines: [12], author: nil, headerRule: "d", headerLine: 12)
        let trailing = try #require(Labeler.trailingLines(of: adjacent, after: previous, verdict: empty, previous: before))
        #expect(trailing.kind == "on-topic")
        #expect(trailing.hits.map(\.ruleID) == ["comment.trailing-lines"])
        // The score is what the audit lists (+1 for the kind), not the comment above's 2.
        #expect(trailing.score == trailing.hits.reduce(0) { $0 + $1.score(for: Label(.comment, "on-topic")) })
        #expect(trailing.hits[0].description.contains("on-topic, score 2"))
        let apart = CommentGroup(lines: [13], author: nil, headerRule: "d", headerLine: 13)
        #expect(Labeler.trailingLines(of: apart, after: previous, verdict: empty, previous: before) == nil)
    }

    /// A page comment whose words the learned statistics mostly do not know (another language)
    /// gets no learned evidence (`bayes.topic.unknown-words`); alone, the forum model still scores it.
    @Test func learnedRulesStayOutOfOtherLanguages() {
        let settings = rules.config.moderation
        let text = ["Gestern war die Brücke gesperrt, heute fahren wieder alle Fähren nach Fahrplan."]
        let inPage = CommentModel(settings: settings, stopwords: rules.config.stopwords, inPages: true).moderate(comment: text, hits: [], context: .empty)
        #expect(inPage.evidence.contains { $0.ruleID == "bayes.topic.unknown-words" && $0.scores.allSatisfy { $0.score == 0 } })
        let alone = CommentModel(settings: settings, stopwords: rules.config.stopwords, inPages: false).moderate(comment: text, hits: [], context: .empty)
        #expect(!alone.evidence.contains { $0.ruleID == "bayes.topic.unknown-words" })
    }

    /// With `page_reply_one_signal`, a comment that `moderation.thread-needs-signals` kept
    /// on-topic is off-topic again when it is a reply to an earlier commenter (it names one, or
    /// opens with "@name"): the step's hit gives way to `moderation.reply-one-signal`, naming the
    /// commenter. A comment naming no earlier commenter, or one within `page_off_topic_margin` of
    /// the bar, keeps the step's verdict.
    @Test func aReplyNeedsOnlyOneSignal() throws {
        var settings = Config.Moderation()
        settings.pageOffTopicMargin = 0.1
        let first = CommentGroup(lines: [0, 1], author: "by jo_marsh (1234)", headerRule: "h", headerLine: 0)
        let second = CommentGroup(lines: [2, 3], author: "7. Anna K", headerRule: "h", headerLine: 2)
        let laugh = Self.offTopicHit("topic.laughter", "laughter", 1)
        func kept(_ made: Double) -> ModerationVerdict {
            let step = RuleHit(ruleID: CommentModel.threadNeedsSignalsStep, description: "fewer than 2",
                               scores: [LabelScore(Label(.comment, "on-topic"), made)])
            return ModerationVerdict(kind: "on-topic", score: 0, relevance: 0.2, sharedTerms: [], hits: [laugh, step],
                                     evidence: [laugh, step], hadContext: true)
        }
        let above = ModerationVerdict(kind: "on-topic", score: 2, relevance: 0.5, sharedTerms: ["ferry"], hits: [], evidence: [], hadContext: true)
        let lines = ["by jo_marsh (1234)", "The ferry fares went up again.", "7. Anna K", "Ha, Jo_Marsh, the ferry fares always go up lol."]
        let out = Labeler.replyOneSignal([first, second], verdicts: [above, kept(1.5)], lines: lines, settings: settings, stopwords: [])
        #expect(out[0] == above)
        #expect(out[1].kind == "off-topic" && out[1].score == -1.5)
        #expect(!out[1].evidence.contains { $0.ruleID == CommentModel.threadNeedsSignalsStep })
        let note = try #require(out[1].evidence.first { $0.ruleID == Labeler.replyOneSignalStep })
        #expect(note.description.contains("jo_marsh") && note.description.contains("page_reply_one_signal"))
        var unnamed = lines
        unnamed[3] = "Ha, the ferry fares always go up lol."
        #expect(Labeler.replyOneSignal([first, second], verdicts: [above, kept(1.5)], lines: unnamed, settings: settings, stopwords: [])[1].kind == "on-topic")
        #expect(Labeler.replyOneSignal([first, second], verdicts: [above, kept(0.05)], lines: lines, settings: settings, stopwords: [])[1].kind == "on-topic")
        #expect(Labeler.repliedTo(["@anna_k: lol, no"], earlier: [], own: nil, canName: { _ in true }) == "@anna_k")
        #expect(Labeler.repliedTo(["@7 no idea why"], earlier: [], own: nil, canName: { _ in true }) == nil)
        #expect(Labeler.repliedTo(["Joanna said it first"], earlier: ["Jo"], own: nil, canName: { _ in true }) == nil)
        #expect(Labeler.repliedTo(["Right, Anna K, and the fares?"], earlier: ["7. Anna K"], own: "8. Anna K", canName: { _ in true }) == nil)
        #expect(Labeler.commenterName("by jo_marsh (1234)") == "jo_marsh" && Labeler.commenterName("7. Anna K") == "Anna K")
    }

    /// A commenter's name makes a comment a reply only when it can name someone
    /// (`page_reply_generic_names`, config.yml `stopwords`): a commenter called "Guest", "admin",
    /// "Anonymous", "Will" or "K" above would make any comment that uses the word a reply, and its
    /// one off-topic signal would stand; a name with a word of its own ("Guest123", "Anna K") still
    /// counts, and the bundled config lists the handles.
    @Test func aGenericHandleNamesNoOneToReplyTo() throws {
        var settings = Config.Moderation()
        settings.pageOffTopicMargin = 0.1
        settings.pageReplyGenericNames = ["guest", "admin", "anonymous"]
        let stopwords: Set<String> = ["will", "the", "a", "all"]
        let laugh = Self.offTopicHit("topic.laughter", "laughter", 1)
        let step = RuleHit(ruleID: CommentModel.threadNeedsSignalsStep, description: "fewer than 2", scores: [LabelScore(Label(.comment, "on-topic"), 1.5)])
        let kept = ModerationVerdict(kind: "on-topic", score: 0, relevance: 0.2, sharedTerms: [], hits: [laugh, step], evidence: [laugh, step], hadContext: true)
        let above = ModerationVerdict(kind: "on-topic", score: 2, relevance: 0.5, sharedTerms: ["ferry"], hits: [], evidence: [], hadContext: true)
        func reply(from author: String, says text: String) -> String {
            let first = CommentGroup(lines: [0, 1], author: author, headerRule: "h", headerLine: 0)
            let second = CommentGroup(lines: [2, 3], author: "Maren T", headerRule: "h", headerLine: 2)
            return Labeler.replyOneSignal([first, second], verdicts: [above, kept], lines: [author, "The ferry fares went up.", "Maren T", text],
                                          settings: settings, stopwords: stopwords)[1].kind
        }
        #expect(reply(from: "Guest", says: "Any guest on the ferry pays more, lol.") == "on-topic")
        #expect(reply(from: "by admin (12)", says: "Ask the admin why the ferry fares went up, haha.") == "on-topic")
        #expect(reply(from: "Anonymous", says: "Anonymous tips about the ferry, lol.") == "on-topic")
        #expect(reply(from: "Will", says: "They will raise the ferry fares again, lol.") == "on-topic")
        #expect(reply(from: "The Admin", says: "The admin of the ferry line, haha.") == "on-topic")
        #expect(reply(from: "Guest 12", says: "Guest 12 on the ferry, lol.") == "on-topic")
        #expect(reply(from: "Guest123", says: "Guest123, the ferry fares always go up lol.") == "off-topic")
        #expect(reply(from: "7. Anna K", says: "Ha, Anna K, the ferry fares always go up lol.") == "off-topic")
        // An "@" handle is tested as an earlier author's name is (gaps32: "@admin" made a reply
        // whatever the thread held); a real handle still does, and so does a name in the text after
        // an "@" that names no one.
        #expect(reply(from: "Ola P", says: "@admin the ferry fares went up again, lol.") == "on-topic")
        #expect(reply(from: "Ola P", says: "@Guest: the ferry fares went up again, lol.") == "on-topic")
        #expect(reply(from: "Ola P", says: "@all the ferry fares went up again, lol.") == "on-topic")
        #expect(reply(from: "Ola P", says: "@ola_p the ferry fares went up again, lol.") == "off-topic")
        #expect(reply(from: "Ola P", says: "@admin Ola P, the ferry fares went up again, lol.") == "off-topic")
        #expect(Labeler.canNameSomeone("Guest K", stopwords: stopwords, generic: settings.pageReplyGenericNames) == false)
        let shipped = Repo.rules.config.moderation.pageReplyGenericNames
        #expect(["guest", "anonymous", "admin", "moderator"].allSatisfy(shipped.contains))
        #expect(Labeler.canNameSomeone("Anonymous", stopwords: Repo.rules.config.stopwords, generic: shipped) == false)
        #expect(Labeler.canNameSomeone("Will", stopwords: Repo.rules.config.stopwords, generic: shipped) == false)
    }

    /// With `page_deep_thread_comments`, a comment past the first N of a page that shares no term
    /// with the story or the thread and that nothing but the bar calls off-topic (a weak learned
    /// lean at most) keeps the on-topic prior (`moderation.deep-in-thread`, naming its place); an
    /// earlier comment, one a rule or a strong learned lean calls off-topic, and one with
    /// relevance, stay as they were.
    @Test func deepInAThreadTheBarAloneKeepsThePrior() throws {
        var settings = Config.Moderation()
        settings.pagePriorMinLean = 0.5
        settings.pageDeepThreadComments = 2
        let bar = RuleHit(ruleID: "threshold.page-on-topic", description: "bar", scores: [LabelScore(Self.offTopic, 1)])
        func lean(_ score: Double) -> RuleHit {
            RuleHit(ruleID: "bayes.topic.x", description: "lean", scores: [LabelScore(Label(.comment, "on-topic"), score)], origin: .learned)
        }
        func verdict(_ extra: [RuleHit], relevance: Double = 0) -> ModerationVerdict {
            let evidence = [bar] + extra
            return ModerationVerdict(kind: "off-topic", score: -0.8, relevance: relevance, sharedTerms: [], hits: evidence, evidence: evidence, hadContext: true)
        }
        let alone = verdict([lean(0.2)])
        let out = Labeler.deepInThread([alone, alone, alone, verdict([lean(-0.2)])], settings: settings)
        #expect(out.map(\.kind) == ["off-topic", "off-topic", "on-topic", "on-topic"])
        #expect(out[2].score == 0)
        let step = try #require(out[2].evidence.first { $0.ruleID == Labeler.deepInThreadStep })
        #expect(step.description.contains("comment 3 of the page's 4") && step.description.contains("page_deep_thread_comments"))
        let kept = Labeler.deepInThread([alone, alone, verdict([Self.offTopicHit("topic.laughter", "laughter", 1)]), verdict([lean(-1.1)]),
                                         verdict([lean(0.2)], relevance: 0.1)], settings: settings)
        #expect(kept.map(\.kind) == ["off-topic", "off-topic", "off-topic", "off-topic", "off-topic"])
    }
}
