/// Labels every line of a page and groups reader comments.
///
/// 1. Each non-blank line is matched against the rules (`RuleMatcher`). A thread whose comments
///    start with bare names or dates is found by its repeated layout (`ThreadLayout`), and on a
///    page with a thread the main prose blocks are found again with its headers as breaks; the
///    lines whose features changed are matched again; so are the lines above the story's byline,
///    with their distance to it. Rules with a page-hit limit keep or lose their hits by count.
/// 2. A walk down the page adds the prior for where the line stands (body, comment section,
///    inside a comment), applies the `section` conditions, and decides each line (`Decision`);
///    comment headers open comments, a non-comment line closes one (`Walk`). A section mark
///    below the story with no comment under it opens nothing: the walk runs again without it.
/// 3. Context rules run on the first walk's labels of neighbouring lines (jusText's
///    context-sensitive pass), and the walk runs again with their hits; once more, reading
///    headers as signatures, when the page signs comments below their text.
/// 4. Each comment's kind comes from the moderator, with the article lines as context.
///
/// One `Labeler` per thread: it owns PCRE2 match scratch space and its own copy of the rules
/// (`RuleSet.threadCopy`). Page features are computed in `PageFeatures.swift`, page-wide hit
/// counts in `PageHitCounts.swift`, bylines in `StoryBylines.swift`.
public struct Labeler {
    public let rules: RuleSet
    public let moderator: any CommentModerator
    let matcher: RuleMatcher
    /// The `header_rules` alone, matched against a comment's author (the name its header
    /// gave), not its header line: the line can also hold a comment title or a date.
    let nameMatcher: RuleMatcher?
    /// The rules of `header_rules`, whose hits on a line are dropped.
    let headerRules: [Rule]
    /// The walks' prior hits, built once.
    let priors: Walk.Priors
    /// The walks' arrays and decisions of lines whose hits outlive a page, shared (step 390).
    let sharedDecisions = Walk.SharedDecisions()
    /// Room for the spans of a line's features (`LineFeatures.SpanRoom`), kept for every line.
    let spanRoom = LineFeatures.SpanRoom()
    /// Whether any rule is a context rule, and any an `after_context` one: asked once per page
    /// each, where searching the rules (`contains(where: \.isChained)` reads each rule through a
    /// key path, with an exclusivity check) cost about 6 K instructions a page (step 246 in
    /// docs/performance.md).
    let hasContextRules: Bool
    let hasChainedRules: Bool
    /// Build the audit-only notes (`EngineStep.auditOnly`: `page.hit-limit`, `page.header-rule`,
    /// `page.out-of-position`, `walk.section`, `walk.thread-header`, `moderation.once-per-comment`)
    /// onto the lines they concern; they score nothing. Off, labelling builds none of them
    /// (`winnow audit` sets it; no other output shows them).
    public var auditNotes = false

    public init(rules: RuleSet, moderator: (any CommentModerator)? = nil) {
        let rules = rules.threadCopy()
        self.rules = rules
        self.matcher = RuleMatcher(rules: rules)
        let headerRules = rules.config.moderation.headerRules
        self.headerRules = rules.rules.filter { headerRules.contains($0.id) }
        self.nameMatcher = headerRules.isEmpty ? nil
            : RuleMatcher(rules: RuleSet(rules: self.headerRules, config: rules.config, directory: rules.directory))
        self.moderator = moderator ?? CommentModel(rules: rules)
        self.priors = Walk.Priors(config: rules.config)
        self.hasContextRules = rules.rules.contains { $0.isContextRule }
        self.hasChainedRules = rules.rules.contains { $0.isChained }
    }

    /// How many rounds the `after_context` rules get: how far down a box its label passes.
    static let chainedRounds = 3

    public func label(_ page: Page) -> PageResult {
        let lines = page.lines
        let blank = lines.map(Page.isBlank)
        var features = lineFeatures(lines, blank: blank)
        var warnings = page.warnings
        // The PCRE2 limits hit, by line: few lines have any, so only those are kept (an array
        // of an empty array per line retained and released the empty array per line, step 142).
        var limitHits: [Int: [String]] = [:]
        var candidates = Array(filled: [RuleMatcher.Candidate](), count: lines.count)
        var limitWarnings: [Int: [String]] = [:]
        // The captured arrays are reached once per call, not per line: each access to a captured
        // `var` was an exclusivity check, and each line's features were copied in for the matcher
        // (step 242 in docs/performance.md). A line's earlier limits can only be there when some
        // line had one before the call (the indices are distinct).
        func matchLines(_ indices: [Int]) {
            let current = features
            // The matcher copied out once per call: read from `self` on each line, it was copied
            // there for its call (a `memcpy` and a retain of each of its references; step 392).
            let matcher = matcher
            let hadLimits = !limitHits.isEmpty
            var limited: [(Int, [(ruleID: String, message: String)])] = []
            var cleared: [Int] = []
            // Line by line: perf61's stage-major `matchPage` (steps 550-551 in docs/performance.md)
            // cost 4.7 M instructions more per 160 news pages for I-cache misses that did not
            // cost time (step 590).
            current.withUnsafeBufferPointer { features in
                candidates.withUnsafeMutableBufferPointer { candidates in
                    for i in indices where !blank[i] {
                        let m = matcher.match(lines[i], features: features.baseAddress! + i)
                        candidates[i] = m.candidates
                        if !m.limitHits.isEmpty {
                            limited.append((i, m.limitHits))
                        } else if hadLimits {
                            cleared.append(i)
                        }
                    }
                }
            }
            for i in cleared {
                // Matched again: the line's earlier limits no longer stand.
                limitHits[i] = nil
                limitWarnings[i] = nil
            }
            for (i, hits) in limited {
                limitHits[i] = hits.map(\.ruleID)
                limitWarnings[i] = hits.map {
                    "line \(i + 1): rule '\($0.ruleID)' stopped at a PCRE2 limit (\($0.message)); counted as not matched"
                }
            }
        }
        matchLines(Array(lines.indices))
        // Features computed again (a second story-list pass, main blocks split by a thread):
        // only the lines whose features changed are matched again.
        func adopt(_ next: [LineFeatures]) {
            guard next != features else { return }
            let changed = lines.indices.filter { next[$0] != features[$0] }
            features = next
            matchLines(changed)
        }
        // A thread whose comments start with bare names or dates shows only in its repetition.
        let layout = ThreadLayout.find(lines: lines, features: features, blank: blank, candidates: candidates, config: rules.config)
        // The short replies the layout read as no text above the story (audit only, `layout.short-reply`).
        let shortReplies = auditNotes
            ? ThreadLayout.shortRepliesAboveProse(lines: lines, features: features, blank: blank, candidates: candidates, config: rules.config) : []
        if let layout {
            for i in layout.authors.keys { features[i].layoutHeader = true }
            matchLines(layout.authors.keys.sorted())
        }
        // Headers of a frame that header rules read on other lines, around a name they do not take.
        let frames = HeaderFrames.find(lines: lines, features: features, blank: blank, candidates: candidates, config: rules.config,
                                       taken: layout.map { Set($0.authors.keys) } ?? [])
        if let frames {
            for i in frames.headers.keys { features[i].layoutHeader = true }
            matchLines(frames.headers.keys.sorted())
        }
        var layoutAuthors = layout?.authors ?? [:]
        if let frames { for (i, h) in frames.headers { layoutAuthors[i] = h.author } }
        // A lead-in to the site's furniture ("Use these links to read the related threads:") introduces
        // no list of the story's: its items are matched again without `story_list`.
        let furnitureLeadIns = Set(lines.indices.filter { i in candidates[i].contains { $0.rule.has(.furnitureLeadIn) } })
        if !furnitureLeadIns.isEmpty {
            var unlisted = features
            Labeler.markStoryLists(&unlisted, lines: lines, blank: blank, leadIn: rules.config.prose.leadInList,
                                   furnitureLeadIns: furnitureLeadIns)
            adopt(unlisted)
        }
        // A long reader thread can hold more prose than a short story: when the page has a
        // thread, main blocks are found again with its headers breaking the prose runs, and the
        // rules that test them are matched again.
        let threadLines = Labeler.threadLines(candidates, minimum: rules.config.commentHeaderRepeat)
        if !threadLines.isEmpty {
            var split = features
            markMainBlock(&split, blank: blank, breaks: threadLines)
            Labeler.markStoryLists(&split, lines: lines, blank: blank, leadIn: rules.config.prose.leadInList,
                                   furnitureLeadIns: furnitureLeadIns)
            Labeler.markTeaserBoxes(&split, lines: lines, blank: blank)
            // A line's matches depend only on its text and features.
            adopt(split)
        }
        // The story's header stands above its byline: lines there are matched again with
        // their distance to it (byline rules over their page-hit limit mark nothing).
        let bylines = Labeler.bylineLines(candidates, failing: Labeler.pageHitFailures(candidates, blank: blank, thread: threadLines),
                                          thread: threadLines)
        if !bylines.isEmpty {
            let above = Labeler.markAboveBylines(&features, bylines: bylines, blank: blank)
            matchLines(above)
        }
        // A story's own list stands under its heading ("Key points"): lines there are matched
        // again with their distance to it.
        let listHeadings = lines.indices.filter { i in candidates[i].contains { $0.rule.has(.listHeading) } }
        if !listHeadings.isEmpty {
            matchLines(Labeler.markBelowListHeadings(&features, headings: listHeadings, blank: blank))
        }
        for i in limitWarnings.keys.sorted() { warnings += limitWarnings[i]! }
        // The hits a step removed from lines, by line, shown on them in the audit as that step
        // (`page.hit-limit`); the context rounds' own, which the signed-below walk makes again, apart.
        var notCounted = Labeler.applyPageHitCounts(&candidates, blank: blank, thread: threadLines, notes: auditNotes)
        var contextNotCounted: [Int: [RuleHit]] = [:]
        let beforeWaiving = auditNotes ? candidates : []
        Labeler.waivePositionOfRepeatedHeaders(&candidates, minimum: rules.config.commentHeaderRepeat, lines: lines, blank: blank,
                                               lookahead: rules.config.commentSectionLookahead)
        if auditNotes {
            Labeler.addOutOfPositionNotes(&notCounted, before: beforeWaiving, after: candidates, minimum: rules.config.commentHeaderRepeat)
        }
        // Header rules (`header_rules`: a shop phrase as the commenter's name) only feed
        // moderation, read on the comment's author below; they take no part in a line's label
        // (a story title with a shop word stays a title). The line shows each hit removed as the
        // engine step `page.header-rule`.
        // (Compared by identity, lines without one skipped: hashing every candidate's id a line
        // cost more.)
        let headerRules = self.headerRules
        func isHeaderRule(_ c: RuleMatcher.Candidate) -> Bool { headerRules.contains { $0 === c.rule } }
        if !headerRules.isEmpty {
            for i in lines.indices where candidates[i].contains(where: isHeaderRule) {
                if auditNotes {
                    notCounted[i, default: []] += candidates[i].filter(isHeaderRule).map {
                        RuleHit(ruleID: Labeler.headerRule, description: Labeler.notCounted($0.hit, why: Labeler.headerRuleReason), scores: [],
                                matched: $0.hit.matched)
                    }
                }
                candidates[i].removeAll(where: isHeaderRule)
            }
        }
        // Every walk reads the same page; they differ in how the comment section is read.
        // (The next non-blank lines found once for every walk; the config passed, not the rule set.)
        let nextLine = Walk.nextNonBlank(blank)
        // A run of lines one header rule fires on, with no text between, is a list in a header's
        // shape (a footer's links named after the site): the rule's hits there count for nothing
        // (`walk.header-run`).
        for (i, notes) in Labeler.removeHeaderRuns(&candidates, next: nextLine, features: features, notes: auditNotes) { notCounted[i, default: []] += notes }
        let walkNotes = auditNotes ? WalkNotes() : nil
        // A walk after the first takes over the last one's hits and decisions where they stand
        // unchanged (`Walk.decidedAs`).
        func walkPage(signedBelowMark: Int? = nil, emptySection: Bool = false, storyHeaders: [Int: RuleHit] = [:], previous: Walk? = nil) -> Walk {
            Walk(config: rules.config, lines: lines, features: features, blank: blank, candidates: candidates, layoutAuthors: layoutAuthors,
                 signedBelowMark: signedBelowMark, emptySection: emptySection, storyHeaders: storyHeaders, threadLines: threadLines,
                 priors: priors, nextLine: nextLine, previous: previous, notes: walkNotes, shared: sharedDecisions)
        }
        var walk = walkPage()
        // A story under a byline that reads as a comment header ("Press Association" over a
        // date) came out as the page's first comment: its header opens nothing, and shows the
        // engine step `walk.story-as-comment`.
        var storyHeaders: [Int: RuleHit] = [:]
        if let header = Labeler.storyReadAsComment(walk, features: features) { storyHeaders[header] = Walk.storyAsComment }
        if !storyHeaders.isEmpty {
            walk = walkPage(storyHeaders: storyHeaders, previous: walk)
        }
        // A comment-section mark below the story with no comment under it (a reply form alone)
        // opens nothing: the footer after it is labelled as the body is. (A mark above the story,
        // like an "Add a comment" link, keeps its section: the story's prose is found in it.)
        let emptySection = walk.comments.isEmpty
            && walk.sectionMark.map { mark in !features[mark...].contains { $0.inMainBlock } } ?? false
        if emptySection {
            walk = walkPage(emptySection: true, storyHeaders: storyHeaders, previous: walk)
        }
        // The context rules of one round, on the labels of `decisions`: the plain ones in the
        // first round, the `after_context` ones in the later rounds.
        func contextHits(_ decided: DecidedLabels, chained: Bool) -> [[RuleMatcher.Candidate]] {
            let nearby = rules.config.nearby
            // Built at the round's first hit: most rounds have none (empty when none).
            var contextCandidates: [[RuleMatcher.Candidate]] = []
            // The features read in place (as `matchLines` does), the matcher copied out once.
            let allFeatures = features
            let matcher = matcher
            allFeatures.withUnsafeBufferPointer { features in
                for i in lines.indices where !blank[i] {
                    let (previous, next, current) = (decided.previous(i), decided.next(i), decided.current(i))
                    // Only the round's rules whose label tests admit these labels and whose word
                    // counts admit the line's (often none) are visited.
                    let visiting = matcher.contextRules(current: current, previous: previous, next: next, chained: chained,
                                                        words: features[i].words)
                    if visiting.isEmpty { continue }
                    // Known labels (all but a made-up kind's): their list holds only the round's
                    // rules whose label tests pass, so only `nearby` is tested again (step 785).
                    let exact = matcher.listsExactly(current: current, previous: previous, next: next)
                    let m = matcher.match(lines[i], features: features.baseAddress! + i, visiting: visiting) {
                        exact
                            ? $0.contextTest!.holdsNearby(nearbyShare: nearby.minShare,
                                                          nearbyCount: { decided.count(around: i, lines: nearby.lines, matching: $0) })
                            : $0.isChained == chained
                                && $0.contextTest!.holds(previous: previous, next: next, current: current, nearbyShare: nearby.minShare,
                                                         nearbyCount: { decided.count(around: i, lines: nearby.lines, matching: $0) })
                    }
                    if !m.candidates.isEmpty {
                        if contextCandidates.isEmpty { contextCandidates = Array(filled: [], count: lines.count) }
                        contextCandidates[i] = m.candidates
                    }
                    for hit in m.limitHits where !(limitHits[i]?.contains(hit.ruleID) ?? false) { limitHits[i, default: []].append(hit.ruleID) }
                }
            }
            if !contextCandidates.isEmpty {
                for (i, notes) in Labeler.applyPageHitCounts(&contextCandidates, blank: blank, thread: threadLines, notes: auditNotes) {
                    // A chained rule removed again in a later round is listed once.
                    for note in notes where !(contextNotCounted[i]?.contains(note) ?? false) { contextNotCounted[i, default: []].append(note) }
                }
            }
            return contextCandidates
        }
        // The context rounds: the context rules on the walk's labels, the walk again with their
        // hits, then the `after_context` rounds, each followed by a walk.
        func contextRounds(signedBelowMark: Int? = nil) {
            // The walk's labels as the rounds read them, made again only after a walk: a chained
            // round after a plain one that added no hit reads the same (step 786).
            var decided: DecidedLabels?
            func labels() -> DecidedLabels {
                if let decided { return decided }
                let made = DecidedLabels(walk.decisions)
                decided = made
                return made
            }
            if hasContextRules {
                let contextCandidates = contextHits(labels(), chained: false)
                // Without a context hit the walk would read the same page as the last one and give
                // the same answer: it runs again only when some line gained a hit.
                if contextCandidates.contains(where: { !$0.isEmpty }) {
                    for i in lines.indices where !contextCandidates[i].isEmpty { candidates[i] += contextCandidates[i] }
                    walk = walkPage(signedBelowMark: signedBelowMark, emptySection: emptySection, storyHeaders: storyHeaders, previous: walk)
                    decided = nil
                }
            }
            // `after_context` rules read the context pass's labels; a round that adds hits changes
            // labels, so the next round reads those (at most three rounds: a box's label passes
            // three lines down). A hit, once made, stays: its own line's new label must not undo it.
            if hasChainedRules {
                for _ in 0..<Labeler.chainedRounds {
                    let chained = contextHits(labels(), chained: true)
                    guard !chained.isEmpty else { break }
                    var added = false
                    for i in lines.indices {
                        for c in chained[i] where !candidates[i].contains(where: { $0.rule === c.rule }) {
                            candidates[i].append(c)
                            added = true
                        }
                    }
                    if !added { break }
                    walk = walkPage(signedBelowMark: signedBelowMark, emptySection: emptySection, storyHeaders: storyHeaders, previous: walk)
                    decided = nil
                }
            }
        }
        contextRounds()
        // The engine step `walk.signed-below`: when the page signs its comments below their
        // text, the walk is made again so, and the context rounds again on its labels: their hits
        // so far read the neighbours' labels of a thread cut one comment off (a comment's line
        // under a sign-up line read as the sign-up box's pitch).
        let signedBelow = walk.signedBelow(lines, features, candidates: candidates, next: nextLine,
                                           inCommentPrior: priors.hits(signaturesBelow: true)[Walk.Priors.index(.inComment)])
        if let mark = signedBelow.mark {
            if let footer = signedBelow.storyFooter { storyHeaders[footer] = Walk.signedBelowFooter }
            for i in lines.indices where candidates[i].contains(where: { $0.rule.isContextRule || $0.rule.isChained }) {
                candidates[i].removeAll { $0.rule.isContextRule || $0.rule.isChained }
            }
            contextNotCounted = [:]
            walk = walkPage(signedBelowMark: mark, emptySection: emptySection, storyHeaders: storyHeaders, previous: walk)
            contextRounds(signedBelowMark: mark)
        }
        var verdicts: [ModerationVerdict] = []
        if !walk.comments.isEmpty {
            let articleText = lines.indices.filter { walk.decisions[$0]?.label == .article }.map { lines[$0] }
            let context = moderator.context(article: articleText, title: articleText.first)
            // The header and date lines name the commenter and the time, not what they
            // say: a blog name like "Brown Sugar Kitchen" or a month shared with the byline
            // must not count as talk about the subject. A comment of header and date alone
            // says nothing (`comment.no-text`).
            // The header rules read only the author's name.
            // A line holding only a date ("Mar 4" under a layout's name line) says nothing either.
            let saidLines = walk.comments.map { comment in
                comment.lines.filter { i in
                    i != comment.headerLine && !candidates[i].contains { $0.rule.marksCommentStart || $0.rule.has(.threadDate) }
                }
            }
            let repeats = rules.config.moderation.pageRepeatedLineComments
            let repeated = Labeler.repeatedLines(saidLines, lines: lines, comments: repeats)
            var texts: [[String]] = [], quoting: [[String]] = []
            let kept = saidLines.map { Labeler.withoutRepeats($0, repeated: repeated, comments: repeats) }
            for ((said, _), allSaid) in zip(kept, saidLines) {
                texts.append(said.map { lines[$0] })
                quoting.append(allSaid.map { lines[$0] })
            }
            // The thread's terms (`page_thread_relevance_weight`): how many comments use each.
            let threadContext = rules.config.moderation.pageThreadRelevanceWeight > 0 && !context.isEmpty
                ? context.with(thread: Labeler.threadTerms(texts, settings: rules.config.moderation, stopwords: rules.config.stopwords))
                : context
            if auditNotes {
                for (said, _) in kept { for (i, note) in Labeler.countedOnce(said, hits: walk.hits) { notCounted[i, default: []].append(note) } }
            }
            let commentHits = walk.comments.enumerated().map { k, comment in
                kept[k].lines.flatMap { walk.hits[$0] } + nameHits(comment.author) + ownSiteHits(comment.author, text: texts[k])
                    + (kept[k].hit.map { [$0] } ?? [])
            }
            func moderated(_ context: CommentContext) -> [ModerationVerdict] {
                var verdicts: [ModerationVerdict] = []
                for (k, comment) in walk.comments.enumerated() {
                    var verdict = moderator.moderate(comment: texts[k], hits: commentHits[k], context: context)
                    if let previous = verdicts.last, let trailing = Labeler.trailingLines(of: comment, after: walk.comments[verdicts.count - 1],
                                                                                         verdict: verdict, previous: previous) {
                        verdict = trailing
                    }
                    verdicts.append(verdict)
                }
                return verdicts
            }
            verdicts = moderated(threadContext)
            // The engine step `relevance.thread-chatter` (`page_thread_chatter_share`): on a page
            // where that share of the comments carry an off-topic rule, the thread's terms are not counted.
            if let chatter = Labeler.threadChatter(verdicts, counted: !threadContext.thread.isEmpty, settings: rules.config.moderation) {
                verdicts = moderated(context).map { Labeler.noted($0, chatter) }
            }
            if rules.config.moderation.pageReplyOneSignal {
                verdicts = Labeler.replyOneSignal(walk.comments, verdicts: verdicts, lines: lines, settings: rules.config.moderation,
                                                  stopwords: rules.config.stopwords)
            }
            let reach = rules.config.moderation.pageTextElsewhereLines
            if reach > 0 { verdicts = Labeler.textElsewhere(walk.comments, verdicts: verdicts, blank: blank, reach: reach) }
            let answers = rules.config.moderation.pageAnswersPreviousTerms
            if answers > 0 {
                verdicts = Labeler.answersPrevious(walk.comments, verdicts: verdicts, texts: texts, quoting: quoting, settings: rules.config.moderation,
                                                   stopwords: rules.config.stopwords, minShared: answers)
            }
            if rules.config.moderation.pageDeepThreadComments > 0 {
                verdicts = Labeler.deepInThread(verdicts, settings: rules.config.moderation)
            }
        }
        var finalLabels = walk.decisions.map { $0?.label }
        // A flag per line, not a set: the results read it per line, and the set hashed every
        // line's index (step 463 in docs/performance.md).
        var starts = [Bool](filled: false, count: lines.count)
        for (comment, verdict) in zip(walk.comments, verdicts) {
            starts[comment.lines[0]] = true
            for i in comment.lines { finalLabels[i] = Label(.comment, verdict.kind) }
        }
        let table = FeatureTable(features)
        notCounted.merge(contextNotCounted) { $0 + $1 }
        if let walkNotes {
            for (i, c) in walkNotes.sectionDropped { notCounted[i, default: []].append(Labeler.sectionNote(c)) }
            for (i, instead) in walkNotes.threadWaived { notCounted[i, default: []].append(Labeler.threadHeaderNote(instead)) }
        }
        if auditNotes, let layout, let counter = layout.counter {
            for i in layout.authors.keys { notCounted[i, default: []].append(Labeler.layoutCounterNote(counter, comments: layout.authors.count)) }
        }
        if auditNotes, let frames {
            for (i, h) in frames.headers { notCounted[i, default: []].append(Labeler.headerFrameNote(like: h.like)) }
        }
        for (i, firstProse) in shortReplies {
            notCounted[i, default: []].append(Labeler.shortReplyNote(firstProse: firstProse < lines.count ? firstProse : nil))
        }
        let results = lines.indices.map { i in
            // The removed hits follow the line's own, scoring nothing: the decision is the walk's.
            LineResult(number: i + 1, text: lines[i], features: table, hits: notCounted.isEmpty ? walk.hits[i] : walk.hits[i] + (notCounted[i] ?? []),
                       decision: walk.decisions[i], label: finalLabels[i], commentStart: starts[i],
                       limitHits: limitHits.isEmpty ? [] : limitHits[i] ?? [])
        }
        let segments = Segmenter.segments(lines: results, comments: zip(walk.comments, verdicts).map { ($0.0, $0.1) })
        let thread = ThreadShape(walk: walk, signedBelow: signedBelow, layoutHeaders: layout.map { Set($0.authors.keys) } ?? [])
        return PageResult(source: page.source, lines: results, segments: segments,
                          warnings: Labeler.withNoArticleWarning(warnings, labels: finalLabels), thread: thread)
    }

    /// `warnings` and, for a page with a non-blank line and none labelled article (a page of
    /// furniture, a list or a thread alone: `clean` printed nothing, with no word said; session 28,
    /// gaps32), `PageResult.noArticleWarning`; a page of blank lines is warned about as such. Out
    /// of line: written in `label`, it changed how the optimizer compiled the rest of that
    /// function (+0.7 M instructions of labelling, retains and an `isHeader` search no longer inlined).
    @inline(never)
    static func withNoArticleWarning(_ warnings: [String], labels: [Label?]) -> [String] {
        var sawLine = false
        for label in labels {
            if label == .article { return warnings }
            if label != nil { sawLine = true }
        }
        return sawLine ? warnings + [PageResult.noArticleWarning] : warnings
    }

    /// The engine step `walk.section` (audit only): a rule whose `section` condition failed where
    /// the walk stood, so that the walk left its hit out of the line's decision.
    static let sectionStep = "walk.section"

    static func sectionNote(_ c: RuleMatcher.Candidate) -> RuleHit {
        let why = c.rule.conditions.section == .comments
            ? "its condition section: comments holds only in the comment section, and the walk had not opened it here"
            : "its condition section: body holds only outside the comment section, and the walk had opened it here"
        return RuleHit(ruleID: sectionStep, description: notCounted(c.hit, why: why), scores: [], matched: c.hit.matched)
    }

    /// The engine step `walk.thread-header` (audit only): a comment header that opened a comment
    /// where the walk takes a header's comment away (above the story's first prose, or undated
    /// inside its prose: `instead`), because its rule repeats down the page (`Labeler.threadLines`).
    static let threadHeaderStep = "walk.thread-header"

    static func threadHeaderNote(_ instead: RuleHit) -> RuleHit {
        let place = instead === Walk.headerAboveStory ? "above the story's first prose line" : "inside the story's main prose blocks, with no date"
        return RuleHit(ruleID: threadHeaderStep,
                       description: "a comment header \(place) opens a comment all the same (not \(instead.ruleID)): its rule, or a comment-section mark, marks a reader thread (a comment-start rule on at least comment_header_repeat lines of this page)",
                       scores: [])
    }

    /// The engine step `layout.counter` (audit only): a thread layout (`ThreadLayout`) of fewer
    /// than `comment_header_repeat` comments, which counts because the comment counter over it
    /// states a number: two comments of a dated shape under any such counter, bare names only
    /// as many as it states, with no more of that shape under it (docs/rules.md, step 7).
    static let layoutCounterStep = "layout.counter"

    static func layoutCounterNote(_ counter: (line: Int, stated: Int, shape: ThreadLayout.Shape), comments: Int) -> RuleHit {
        let why = counter.shape == .nameOverText
            ? "the counter on line \(counter.line + 1) states \(counter.stated), as many bare-name comments as the layout found, and no more of them follow"
            : "the counter on line \(counter.line + 1) states a number (\(counter.stated)), and under such a counter \(ThreadLayout.fewestDatedUnderCounter) comments of a name with a date are enough (the rest may stand behind a \"See all\" link)"
        return RuleHit(ruleID: layoutCounterStep,
                       description: "this line starts one of the \(comments) comments of a thread layout, fewer than comment_header_repeat: it counts because \(why)",
                       scores: [])
    }

    /// The engine step `layout.frame` (audit only): a comment header found by its frame
    /// (`HeaderFrames`): the words before the name and the date's shape after it are those of two
    /// or more header lines that header rules read, the name is one they do not take (session 22, walk27).
    static let headerFrameStep = "layout.frame"

    static func headerFrameNote(like line: Int) -> RuleHit {
        RuleHit(ruleID: headerFrameStep,
                description: "this line has the frame of the comment headers that header rules read on line \(line + 1) and others (the words before the name, the shape of the date after it) around a name they do not take: a header of the same template",
                scores: [])
    }

    /// The engine step `layout.short-reply` (audit only): a reply of one or two words ending like a
    /// sentence under a bare name, which the thread layout (`ThreadLayout.role`) reads as no
    /// comment's text because it stands above the page's first prose line (session 18, walk23).
    static let shortReplyStep = "layout.short-reply"

    static func shortReplyNote(firstProse: Int?) -> RuleHit {
        let prose = firstProse.map { "line \($0 + 1)" } ?? "none on this page"
        return RuleHit(ruleID: shortReplyStep,
                       description: "a reply of one or two words ending like a sentence, under a bare name, is no comment's text for the thread layout here: it stands above the page's first prose line (\(prose)), where a fact box's values (\"Difficulty\" over \"Easy.\") end so too",
                       scores: [])
    }

    /// The engine step `moderation.once-per-comment` (audit only): each rule counts once for a
    /// comment's kind (`CommentModel.moderate`), however many of its lines it fired on; a note on
    /// each line where it fired again, naming the line where it counted. `said` are the comment's
    /// lines moderation reads.
    static let oncePerCommentStep = "moderation.once-per-comment"

    static func countedOnce(_ said: [Int], hits: [[RuleHit]]) -> [(Int, RuleHit)] {
        var first: [String: Int] = [:]
        var notes: [(Int, RuleHit)] = []
        for i in said {
            for hit in hits[i] where hit.scores.contains(where: { $0.label.family == .comment && $0.label.kind != nil }) {
                if let f = first[hit.ruleID] {
                    notes.append((i, RuleHit(ruleID: oncePerCommentStep,
                                             description: "rule '\(hit.ruleID)' counted once for the comment's kind, on line \(f + 1): a rule counts once per comment, however many of its lines it fires on (it still counts for this line's own label)",
                                             scores: [], matched: hit.matched)))
                } else {
                    first[hit.ruleID] = i
                }
            }
        }
        return notes
    }

    /// The engine step `page.header-rule`: a `header_rules` hit removed from its line.
    static let headerRule = "page.header-rule"
    static let headerRuleReason = "a header_rules rule (config.yml moderation) is read on a comment's author only, for the comment's kind, and takes no part in a line's label"

    /// The engine step `moderation.own-site-link`: the comment's text gives the home page of a
    /// site named like its commenter (`OwnSiteLink`), scoring `page_own_site_link` promotional.
    func ownSiteHits(_ author: String?, text: [String]) -> [RuleHit] {
        let score = rules.config.moderation.pageOwnSiteLink
        guard score != 0, let link = OwnSiteLink.find(author: author, lines: text) else { return [] }
        return [RuleHit(ruleID: OwnSiteLink.ruleID,
                        description: "the comment gives the home page of a site named like its commenter (\(author ?? "")): the commenter's own site (page_own_site_link)",
                        scores: [LabelScore(Label(.comment, "promotional"), score)], matched: link)]
    }

    /// The `header_rules` hits on a commenter's name ("Cheap Boots Outlet").
    func nameHits(_ author: String?) -> [RuleHit] {
        guard let nameMatcher, let author, !Page.isBlank(author) else { return [] }
        return nameMatcher.match(author, features: LineFeatures(text: author, stopwords: rules.stopwords), contextRules: false)
            .candidates.map(\.hit)
    }
}
