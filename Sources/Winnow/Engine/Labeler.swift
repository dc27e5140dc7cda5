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
/// One `Labeler` per thread: it owns PCRE2 match scratch space and its own copy of the rules (`RuleSet.threadCopy`).
public struct Labeler {
    public let rules: RuleSet
    public let moderator: any CommentModerator
    let matcher: RuleMatcher

    public init(rules: RuleSet, moderator: (any CommentModerator)? = nil) {
        let rules = rules.threadCopy()
        self.rules = rules
        self.matcher = RuleMatcher(rules: rules)
        self.moderator = moderator ?? CommentModel(rules: rules)
    }

    public func label(_ page: Page) -> PageResult {
        let lines = page.lines
        let blank = lines.map(Page.isBlank)
        var features = lineFeatures(lines, blank: blank)
        var warnings = page.warnings
        var limitHits = Array(repeating: [String](), count: lines.count)
        var candidates = Array(repeating: [RuleMatcher.Candidate](), count: lines.count)
        var limitWarnings = Array(repeating: [String](), count: lines.count)
        func matchLines(_ indices: [Int]) {
            for i in indices where !blank[i] {
                let m = matcher.match(lines[i], features: features[i], contextRules: false)
                candidates[i] = m.candidates
                limitHits[i] = m.limitHits.map(\.ruleID)
                limitWarnings[i] = m.limitHits.map {
                    "line \(i + 1): rule '\($0.ruleID)' stopped at a PCRE2 limit (\($0.message)); counted as not matched"
                }
            }
        }
        matchLines(Array(lines.indices))
        // A thread whose comments start with bare names or dates shows only in its repetition.
        let layout = ThreadLayout.find(lines: lines, features: features, blank: blank, candidates: candidates, config: rules.config)
        if let layout {
            for i in layout.authors.keys { features[i].layoutHeader = true }
            matchLines(layout.authors.keys.sorted())
        }
        // A long reader thread can hold more prose than a short story: when the page has a
        // thread, main blocks are found again with its headers breaking the prose runs, and the
        // rules that test them are matched again.
        let threadLines = Labeler.threadLines(candidates, minimum: rules.config.commentHeaderRepeat)
        if !threadLines.isEmpty {
            var split = features
            markMainBlock(&split, blank: blank, breaks: threadLines)
            if split != features {
                // A line's matches depend only on its text and features: match the changed lines.
                let changed = lines.indices.filter { split[$0] != features[$0] }
                features = split
                matchLines(changed)
            }
        }
        // The story's header stands above its byline: lines there are matched again with
        // their distance to it (byline rules over their page-hit limit mark nothing).
        let bylines = Labeler.bylineLines(candidates, failing: Labeler.pageHitFailures(candidates, thread: threadLines),
                                          thread: threadLines)
        if !bylines.isEmpty {
            let above = Labeler.markAboveBylines(&features, bylines: bylines, blank: blank)
            matchLines(above)
        }
        warnings += limitWarnings.joined()
        Labeler.applyPageHitCounts(&candidates, thread: threadLines)
        Labeler.waivePositionOfRepeatedHeaders(&candidates, minimum: rules.config.commentHeaderRepeat)
        var walk = Walk(rules: rules, lines: lines, features: features, blank: blank, candidates: candidates, layoutAuthors: layout?.authors ?? [:])
        // A comment-section mark below the story with no comment under it (a reply form alone)
        // opens nothing: the footer after it is labelled as the body is. (A mark above the story,
        // like an "Add a comment" link, keeps its section: the story's prose is found in it.)
        let emptySection = walk.comments.isEmpty
            && walk.sectionMark.map { mark in !features[mark...].contains { $0.inMainBlock } } ?? false
        if emptySection {
            walk = Walk(rules: rules, lines: lines, features: features, blank: blank, candidates: candidates,
                        layoutAuthors: layout?.authors ?? [:], emptySection: true)
        }
        if rules.rules.contains(where: \.isContextRule) {
            let decided = DecidedLabels(walk.decisions)
            let nearby = rules.config.nearby
            var contextCandidates = Array(repeating: [RuleMatcher.Candidate](), count: lines.count)
            for i in lines.indices where !blank[i] {
                let (previous, next, current) = (decided.previous(i), decided.next(i), walk.decisions[i]?.label)
                let m = matcher.match(lines[i], features: features[i], contextRules: true) {
                    $0.conditions.holds(previous: previous, next: next, current: current,
                                        around: { decided.around(i, lines: nearby.lines) }, nearbyShare: nearby.minShare)
                }
                contextCandidates[i] = m.candidates
                limitHits[i] += m.limitHits.map(\.ruleID)
            }
            Labeler.applyPageHitCounts(&contextCandidates, thread: threadLines)
            for i in lines.indices { candidates[i] += contextCandidates[i] }
            walk = Walk(rules: rules, lines: lines, features: features, blank: blank, candidates: candidates,
                        layoutAuthors: layout?.authors ?? [:], emptySection: emptySection)
        }
        if walk.signaturesFollowText(features, next: Walk.nextNonBlank(blank)) {
            walk = Walk(rules: rules, lines: lines, features: features, blank: blank, candidates: candidates,
                        layoutAuthors: layout?.authors ?? [:], signaturesBelow: true, emptySection: emptySection)
        }
        var verdicts: [ModerationVerdict] = []
        if !walk.comments.isEmpty {
            let articleText = lines.indices.filter { walk.decisions[$0]?.label == .article }.map { lines[$0] }
            let context = moderator.context(article: articleText, title: articleText.first)
            for comment in walk.comments {
                let text = comment.lines.map { lines[$0] }
                let hits = comment.lines.flatMap { walk.hits[$0] }
                verdicts.append(moderator.moderate(comment: text, hits: hits, context: context))
            }
        }
        var finalLabels = walk.decisions.map { $0?.label }
        var starts = Set<Int>()
        for (comment, verdict) in zip(walk.comments, verdicts) {
            starts.insert(comment.lines[0])
            for i in comment.lines { finalLabels[i] = Label(.comment, verdict.kind) }
        }
        let results = lines.indices.map { i in
            LineResult(number: i + 1, text: lines[i], features: features[i], hits: walk.hits[i],
                       decision: walk.decisions[i], label: finalLabels[i], commentStart: starts.contains(i),
                       limitHits: limitHits[i])
        }
        let segments = Segmenter.segments(lines: results, comments: zip(walk.comments, verdicts).map { ($0.0, $0.1) })
        return PageResult(source: page.source, lines: results, segments: segments, warnings: warnings)
    }

    /// The lines of a reader thread, when the page has one: comment-section marks, and comment
    /// headers or date lines of rules firing on at least `minimum` lines.
    static func threadLines(_ candidates: [[RuleMatcher.Candidate]], minimum: Int) -> Set<Int> {
        let counts = commentStartCounts(candidates)
        guard counts.values.contains(where: { $0 >= minimum }) else { return [] }
        return Set(candidates.indices.filter { i in
            candidates[i].contains { $0.rule.has(.commentSection) || (counts[$0.rule.id] ?? 0) >= minimum }
        })
    }

    /// Removes the hits of a rule with `min_page_hits` or `max_page_hits` from every line when
    /// it fires on fewer or more lines of the page than that (a repeated byline belongs to a
    /// list of teasers, not a story; a date repeated down a list dates its entries).
    static func applyPageHitCounts(_ candidates: inout [[RuleMatcher.Candidate]], thread: Set<Int>) {
        let failing = pageHitFailures(candidates, thread: thread)
        guard !failing.isEmpty else { return }
        for i in candidates.indices { candidates[i].removeAll { failing.contains($0.rule.id) } }
    }

    /// The rules with `min_page_hits` or `max_page_hits` whose count of lines fails it. A reader
    /// thread's lines (`thread`) are not counted: its "Ann Lee | May 3, 2012" headers or date
    /// lines say nothing about the story's byline or a list of posts.
    static func pageHitFailures(_ candidates: [[RuleMatcher.Candidate]], thread: Set<Int>) -> Set<String> {
        var counts: [String: Int] = [:]
        var limits: [String: Conditions] = [:]
        for (i, line) in candidates.enumerated() where !thread.contains(i) {
            for c in line where c.rule.conditions.minPageHits != nil || c.rule.conditions.maxPageHits != nil {
                counts[c.rule.id, default: 0] += 1
                limits[c.rule.id] = c.rule.conditions
            }
        }
        return Set(counts.filter { id, n in
            n < (limits[id]!.minPageHits ?? 0) || n > (limits[id]!.maxPageHits ?? Int.max)
        }.keys)
    }

    /// Lines a `story-byline` rule fires on, leaving out rules in `failing` and a reader
    /// thread's lines (a commenter's header can look like a byline).
    static func bylineLines(_ candidates: [[RuleMatcher.Candidate]], failing: Set<String>, thread: Set<Int>) -> [Int] {
        candidates.indices.filter { i in
            !thread.contains(i) && candidates[i].contains { $0.rule.has(.storyByline) && !failing.contains($0.rule.id) }
        }
    }

    /// How many non-blank lines above a byline `markAboveBylines` reaches.
    static let bylineReach = 8

    /// Sets `aboveByline` on the lines above each byline, up to a main-block line, another
    /// byline or `bylineReach` non-blank lines, and returns the lines it set.
    static func markAboveBylines(_ features: inout [LineFeatures], bylines: [Int], blank: [Bool]) -> [Int] {
        let isByline = Set(bylines)
        var marked: [Int] = []
        for b in bylines {
            var distance = 0
            for i in stride(from: b - 1, through: 0, by: -1) where !blank[i] {
                guard distance < bylineReach, !features[i].inMainBlock, !isByline.contains(i) else { break }
                distance += 1
                features[i].aboveByline = distance
                marked.append(i)
            }
        }
        return marked
    }

    /// On how many lines of the page each comment-header or comment-date rule fires.
    static func commentStartCounts(_ candidates: [[RuleMatcher.Candidate]]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in candidates { for c in line where c.rule.marksCommentStart { counts[c.rule.id, default: 0] += 1 } }
        return counts
    }

    /// Keeps a comment-start rule's out-of-position hits only where the rule fires on at least
    /// `minimum` lines of the page; their hits say so in the audit.
    static func waivePositionOfRepeatedHeaders(_ candidates: inout [[RuleMatcher.Candidate]], minimum: Int) {
        let counts = commentStartCounts(candidates)
        for i in candidates.indices where candidates[i].contains(where: { !$0.inPosition }) {
            candidates[i] = candidates[i].compactMap { c in
                guard !c.inPosition else { return c }
                let n = counts[c.rule.id] ?? 0
                guard n >= minimum else { return nil }
                let hit = RuleHit(ruleID: c.hit.ruleID, description: c.hit.description + " (fires on \(n) lines of this page, so its position condition is waived)",
                                  scores: c.hit.scores, matched: c.hit.matched)
                return RuleMatcher.Candidate(rule: c.rule, hit: hit, author: c.author, inPosition: true)
            }
        }
    }

    func lineFeatures(_ lines: [String], blank: [Bool]) -> [LineFeatures] {
        let last = max(1, lines.count - 1)
        var features = lines.indices.map { i in
            guard !blank[i] else { return LineFeatures() }
            var f = LineFeatures(text: lines[i], stopwords: rules.stopwords)
            f.position = Double(i) / Double(last)
            f.gapBefore = i == 0 || blank[i - 1]
            f.gapAfter = i == lines.count - 1 || blank[i + 1]
            return f
        }
        setProseDistances(&features, blank: blank)
        markMainBlock(&features, blank: blank)
        for i in StoryTable.find(lines: lines, features: features, blank: blank) { features[i].tableCell = true }
        return features
    }

    /// Joins prose lines into blocks across gaps of at most `prose.blockGap` non-prose lines and
    /// marks the lines of the main blocks (see `LineFeatures.inMainBlock`).
    /// Lines in `breaks` (a thread's headers) end the block they would join.
    func markMainBlock(_ features: inout [LineFeatures], blank: [Bool], breaks: Set<Int> = []) {
        let prose = rules.config.prose
        // `lines`: the block's non-blank lines; `gap`: non-prose lines since its last prose line.
        struct Block { var first, last, words, gap, prose, lines: Int }
        var blocks: [Block] = []
        for i in features.indices where !blank[i] {
            features[i].inMainBlock = false
            features[i].aboveMainBlock = 0
            if breaks.contains(i), !blocks.isEmpty {
                blocks[blocks.count - 1].gap = prose.blockGap + 1
            } else if features[i].proseDistance == 0 {
                if let b = blocks.last, b.gap <= prose.blockGap {
                    blocks[blocks.count - 1].last = i
                    blocks[blocks.count - 1].words += features[i].words
                    blocks[blocks.count - 1].lines += b.gap + 1
                    blocks[blocks.count - 1].gap = 0
                    blocks[blocks.count - 1].prose += 1
                } else {
                    blocks.append(Block(first: i, last: i, words: features[i].words, gap: 0, prose: 1, lines: 1))
                }
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].gap += 1
            }
        }
        let largest = blocks.map(\.words).max() ?? 0
        // A dense run of prose (most of its lines prose) is story text even when it is short: a
        // recipe's steps, a second section; teaser text alternates with titles and bylines.
        func dense(_ b: Block) -> Bool {
            prose.denseBlockLines > 0 && b.prose >= prose.denseBlockLines && Double(b.prose) >= prose.denseBlockShare * Double(b.lines)
        }
        for main in blocks where Double(main.words) >= prose.mainBlockShare * Double(largest) || dense(main) {
            for i in main.first...main.last { features[i].inMainBlock = !blank[i] }
            var above = 0
            for i in stride(from: main.first - 1, through: 0, by: -1) where !blank[i] {
                guard !features[i].inMainBlock else { break }
                above += 1
                features[i].aboveMainBlock = above
            }
        }
    }

    /// Counts, for every non-blank line, the non-blank lines to the nearest prose line, in two
    /// sweeps (down, then up).
    func setProseDistances(_ features: inout [LineFeatures], blank: [Bool]) {
        let far = features.count
        var distance = far
        for i in features.indices where !blank[i] {
            distance = rules.config.prose.holds(for: features[i]) ? 0 : min(far, distance + 1)
            features[i].proseDistance = distance
        }
        distance = far
        for i in features.indices.reversed() where !blank[i] {
            distance = features[i].proseDistance == 0 ? 0 : min(far, distance + 1)
            features[i].proseDistance = min(features[i].proseDistance, distance)
        }
    }
}
