/// A reader comment found on the page: its lines (0-based indices) and author.
public struct CommentGroup: Sendable, Equatable {
    public var lines: [Int]
    public var author: String?
    public var headerRule: String?
    /// The header line (0-based), when a header opened the comment.
    public var headerLine: Int?
}

/// What a walk decided without a hit of its own, kept only for the audit (`Labeler.auditNotes`):
/// each rule whose `section` condition failed on a line, so that the walk left its hit out
/// (`walk.section`), and each comment header that opened a comment only because it repeats down
/// a thread (`threadLines`), with the step that would otherwise have taken it
/// (`walk.thread-header`). Each walk starts them afresh: they are the last walk's.
final class WalkNotes {
    var sectionDropped: [(line: Int, candidate: RuleMatcher.Candidate)] = []
    var threadWaived: [(line: Int, instead: RuleHit)] = []
}

/// One walk down the page: section state, priors, decisions and comment grouping.
struct Walk {
    var hits: [[RuleHit]]
    var decisions: [Decision?]
    /// For each line whose hits the walk gathered and decided by themselves (no
    /// `walk.comment-continues` added), `decidedPlain` with the decision's `commentsAllowed` and
    /// `inComment` bits; 0 for any other line. A later walk of the page takes such a line's hits
    /// and decision over when it would gather the same hits (the same objects, in the same order)
    /// under the same bits (step 245 in docs/performance.md).
    var decidedAs: [UInt8] = []
    static let decidedPlain: UInt8 = 1, decidedInSection: UInt8 = 2, decidedInComment: UInt8 = 4
    var comments: [CommentGroup] = []
    /// The first line whose comment-section mark opened the section.
    var sectionMark: Int?

    /// With `signedBelowMark` (`Walk.signedBelow`), the page signs comments under their text ("Posted by: Jane |
    /// May 3, 2012 at 4:12 pm"): each comment-header line ends a comment, which starts at the
    /// first line after the section mark or after the previous signature; that mark opens the
    /// section, whether or not it would open it by itself. `layoutAuthors` names
    /// the commenters of the headers `ThreadLayout` found. With `emptySection` (an earlier walk
    /// found the section's mark but no comment), the mark opens no section: the lines after it
    /// keep the body's rules, under the `empty_comment_section` prior.
    /// `threadLines` are the lines of a repeated thread (`Labeler.threadLines`).
    /// Header lines in `storyHeaders` (a byline that opened a first comment holding the story:
    /// `Labeler.storyReadAsComment`; the post's own footer over a signed-below thread's mark)
    /// open no comment, and show the step that said so (`Walk.storyAsComment`,
    /// `Walk.signedBelowFooter`).
    /// `nextLine` is `nextNonBlank(blank)`, when the caller has it (the labeller walks a page
    /// two or three times). `previous` is an earlier walk of the same page, whose lines' hits
    /// and decisions this walk takes over where it would build the same (`decidedAs`). With
    /// `notes` (the audit), it records there what it decided without a hit of its own. `shared`:
    /// the labeller's arrays and decisions of lines whose hits are shared objects (`SharedDecisions`).
    init(config: borrowing Config, lines: [String], features: [LineFeatures], blank: [Bool], candidates: [[RuleMatcher.Candidate]],
         layoutAuthors: [Int: String] = [:], signedBelowMark: Int? = nil, emptySection: Bool = false,
         storyHeaders: [Int: RuleHit] = [:], threadLines: Set<Int> = [], priors: Priors? = nil, nextLine: [Int?]? = nil,
         previous: Walk? = nil, notes: WalkNotes? = nil, shared: SharedDecisions? = nil) {
        // (The records kept outside the walk: two more arrays in `Walk` cost 0.26 M instructions
        // over 160 news pages in copies, retains and releases, auditing or not.)
        notes?.sectionDropped.removeAll()
        notes?.threadWaived.removeAll()
        let keepNotes = notes != nil
        let signaturesBelow = signedBelowMark != nil
        // Written in page order, a line at a time (blank lines with none), into room kept by the
        // labeller (`LineRoom`) and moved into the arrays at the end: building them full of empty
        // values first copied each one in through the generic value witnesses (step 94), and
        // appending (step 740 in docs/performance.md) or writing in place (step 702) called out of
        // line twice a line in this long function.
        hits = []
        decisions = []
        let lineCount = blank.count
        let room = shared?.room ?? LineRoom()
        room.reserve(lineCount)
        let (hitRoom, decisionRoom, decidedRoom) = (room.hits, room.decisions, room.decided)
        decidedRoom.initialize(repeating: 0, count: lineCount)
        // The earlier walk's arrays, taken out once (binding the walk on each line retained them all).
        let earlier = previous.flatMap { $0.decisions.count == blank.count ? ($0.hits, $0.decisions, $0.decidedAs) : nil }
        let (earlierHits, earlierDecisions, earlierAs) = earlier ?? ([], [], [])
        let hasEarlier = earlier != nil
        var inSection = false
        var current: CommentGroup?
        var anonymous = false
        // The last name-over-date header taken (`walk.header-date`): its name line, the short
        // line between name and date when there is one (`walk.header-badge`), and the date line.
        var pair: (name: Int, badge: Int?, date: Int)?
        func close() {
            if let c = current, !c.lines.isEmpty { comments.append(c) }
            current = nil
        }
        // Each state's prior hit, built once per labeler (`Priors`), not per walk or line.
        let priorSet = priors ?? Priors(config: copy config)
        let priors = priorSet.hits(signaturesBelow: signaturesBelow)
        let nextLine = nextLine ?? Walk.nextNonBlank(blank)
        let firstProse = features.indices.first { !blank[$0] && features[$0].proseDistance == 0 }
        let lastSignature = signaturesBelow ? Walk.lastSignature(candidates) : nil
        // Signatures glued to the end of a comment's text, in the frame of the page's own
        // signature lines (`walk.glued-signature`): each ends its comment as a signature does.
        let glued = Walk.gluedSignatures(lines: lines, candidates: candidates, mark: signedBelowMark, last: lastSignature,
                                         stopwords: config.stopwords)
        let inCommentPrior = priors[Priors.index(.inComment)]
        let anyStoryHeader = !storyHeaders.isEmpty, anyGlued = !glued.isEmpty
        // A line on which no candidate holds, with no header of its own, has its state's prior
        // as its only hit (or none): such lines share that array, and the decision made for it
        // once per state, section and comment (a key of four bits), where each built an array of
        // hits and one of totals (step 193 in docs/performance.md); both built once per labeller
        // (`Priors`), not per walk (step 342).
        let priorOnly = priorSet.alone(signaturesBelow: signaturesBelow)
        let priorDecisions = priorSet.aloneDecisions(signaturesBelow: signaturesBelow)
        // Line j's decision if it stood under a comment header.
        func inCommentDecision(_ j: Int) -> Decision {
            let hits = (inCommentPrior.map { [$0] } ?? []) + candidates[j].filter { $0.rule.holds(inCommentSection: true) }.map(\.hit)
            return Decision(hits: hits, commentsAllowed: true, inComment: true)
        }
        // Short lines standing over a comment date, by `badgeShape`, counted on the first need.
        var badgeShapes: [String: Int]?
        // Whether line j, a possible badge between a name and a date, has a shape that stands
        // so over a date twice or more on the page.
        func badgeRepeats(_ j: Int) -> Bool {
            guard Walk.isBadgeLine(lines[j], features[j]) else { return false }
            if badgeShapes == nil { badgeShapes = Walk.badgeShapes(lines: lines, features: features, candidates: candidates, next: nextLine) }
            return badgeShapes![Walk.badgeShape(lines[j]), default: 0] >= 2
        }
        // Whether the comment goes on past a weak furniture-looking line i ("Love and Gratitude",
        // "Google +", a name under the text): within a few more such lines comes the comment's
        // text again, its control line ("Reply") or the next comment's header, not a section mark
        // or other furniture.
        func continuesComment(after i: Int) -> Bool {
            var j = nextLine[i]
            for _ in 0..<Walk.commentRunReach {
                guard let k = j, !candidates[k].contains(where: { $0.rule.has(.commentSection) }) else { return false }
                if candidates[k].contains(where: { $0.rule.has(.commentHeader) && $0.rule.holds(inCommentSection: true) }) { return true }
                let d = inCommentDecision(k)
                // Any unruled line is comment under the header's prior: only a sentence shows the text going on.
                if d.label == .comment { return Walk.isSentence(features[k]) }
                if d.label == Walk.commentsHeader { return true }
                guard Walk.isWeakFurniture(d) else { return false }
                j = nextLine[k]
            }
            return false
        }
        for i in blank.indices {
            if blank[i] {
                if anonymous { close(); anonymous = false }
                (hitRoom + i).initialize(to: [])
                (decisionRoom + i).initialize(to: nil)
                continue
            }
            let cands = candidates[i]
            // The candidates read borrowed (`containsBorrowed`, `firstBorrowed`: step 400), not retained one by one.
            var header = cands.firstBorrowed { $0.rule.has(.commentHeader) && $0.rule.holds(inCommentSection: true) }
                .map { (author: $0.author ?? layoutAuthors[i], rule: $0.rule, hit: Optional<RuleHit>.none) }
            let dateLine = cands.firstBorrowed { $0.rule.has(.commentDate) && $0.rule.holds(inCommentSection: true) }
            // The engine step that took a header from the line, shown on it: a story's byline
            // (`storyHeaders`), or a header above the story or inside its prose.
            // (The dictionaries asked only when they hold any: most pages have none, and each lookup
            // was a call a line.)
            var noHeader = anyStoryHeader ? storyHeaders[i] : nil
            // The date line of a name-over-date header found on this line, and the line between them.
            var pairDate: Int?, pairBadge: Int?
            if noHeader != nil {
                header = nil
            } else if header == nil, !signaturesBelow, dateLine == nil,
                      // (The features read in place: the array's getter, left out of line in this
                      // long function, copied the whole `LineFeatures` a line; step 743.)
                      case let numbered = inSection && pair.map({ Walk.numberFollows(lines[$0.name], lines[i], features[i]) }) == true,
                      numbered || features.withUnsafeBufferPointer({ Walk.mayBeNameLine($0[i]) }), let j = nextLine[i],
                      case let (date, d, badge)? = Walk.dateUnderName(i, j, candidates: candidates, next: nextLine, inSection: inSection,
                                                               isBadge: { badgeRepeats($0) && Walk.keptInComment(inCommentDecision($0)) },
                                                               isSecondLine: { current == nil && Walk.isNameLine(lines[$0], features[$0]) }),
                      badge == nil ? numbered || Walk.isNameLine(lines[i], features[i])
                          : Walk.startsWithLetterOrDigit(lines[i]) && Walk.mayBeName(inCommentDecision(i)) {
                // A name line over a date line: the pair is a two-line comment header. In the
                // section, a short line may stand between them ("Total Comments (12)", a badge)
                // when the page repeats it so over other dates: there the name is any short line
                // ("Jo B.", "Eagles in 2031"), as the repeated layout, not the name, shows the header,
                // but no thread control ("Reply" over a name over its date).
                if inSection, let c = current, !Walk.holdsOnlyItsHeader(c), let k = nextLine[d],
                   candidates[k].containsBorrowed(where: { $0.rule.has(.commentHeader) && $0.rule.holds(inCommentSection: true) }) {
                    // Right over the next comment's header ("Jo said..."), with the comment's text
                    // above: a sign-off over the date under that comment, as a date line alone there is.
                    noHeader = Walk.signOffOverDate
                } else {
                    // A numbered commenter ("#3 Jo Doe | Her Blog!") whose name is no name line
                    // by itself: the number after the last header's shows the layout (session 24, walk29).
                    let what = badge != nil ? "name line, then a short line, above a comment date: "
                        : numbered && !Walk.isNameLine(lines[i], features[i])
                            ? "numbered line (the number after the last name-over-date header's) above a comment date: "
                            : "name line above a comment date: "
                    header = (author: String(lines[i].trimmingWhitespace), rule: date.rule,
                              hit: RuleHit(ruleID: date.rule.id, description: what + date.rule.description, scores: date.hit.scores,
                                           origin: .rule))
                    (pairDate, pairBadge) = (d, badge)
                }
            } else if header == nil, !signaturesBelow, inSection, let dateLine, !(current.map(Walk.holdsOnlyItsHeader) ?? false),
                      let j = nextLine[i], features[j].endsWithPunctuation || features[j].words >= 8,
                      !candidates[j].contains(where: { $0.rule.has(.commentHeader) && $0.rule.holds(inCommentSection: true) }) {
                // A date line over a sentence (or a long line: a comment that ends without a stop), not
                // right under a header, starts an anonymous-author
                // comment; over the next comment's header ("Jo said..."), it is the date under a comment.
                header = (author: nil, rule: dateLine.rule, hit: nil)
            }
            // The lines of the name-over-date header above belong to its comment: the date line
            // opens none of its own (a "date, then author" rule reads a time zone as a name), and
            // the short line between name and date stays in it.
            if let p = pair, current?.headerLine == p.name, noHeader == nil {
                if i == p.date, header != nil {
                    (header, noHeader) = (nil, Walk.headerDate)
                } else if let b = p.badge, i > p.name, i <= b {
                    // The badge, and a second short line over it (`dateUnderName`), which would
                    // read as a name over the badge and the date itself.
                    (header, noHeader) = (nil, Walk.headerBadge)
                }
            }
            // A header with no prose above it, or a dateless one inside the story's prose ("Steven
            // Doe writes:" over a quotation), opens no section: a thread starts under a story or a
            // section mark. A thread's repeated headers (`threadLines`) always may, but for the
            // story's own byline signed as its readers are (`isStoryBylineOfThread`, below).
            // (With `notes`, a thread's header that opens all the same is kept for the audit.)
            if let h = header, !inSection, !threadLines.contains(i) || keepNotes {
                // A name over a date line (`h.hit`) is dated too.
                let dated = h.hit != nil || lines[i].utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
                let instead = (firstProse.map({ i < $0 }) ?? true) ? Walk.headerAboveStory
                    : features[i].inMainBlock && !dated ? Walk.headerInStory : nil
                if let instead {
                    if threadLines.contains(i) { notes?.threadWaived.append((i, instead)) } else { (header, noHeader) = (nil, instead) }
                }
            }
            // A thread's header right above the story, the story then a comment-section mark under
            // it before the thread's next header, is the story's own byline.
            if header != nil, !inSection, features[i].aboveMainBlock > 0, threadLines.contains(i),
               Walk.isStoryBylineOfThread(i, candidates: candidates, features: features, threadLines: threadLines) {
                notes?.threadWaived.removeAll { $0.line == i }
                (header, noHeader) = (nil, Walk.storyBylineOfThread)
            }
            let marked = cands.containsBorrowed { $0.rule.has(.commentSection) }
            let opens = i == signedBelowMark || marked
                && (features[i].position >= config.commentSectionMinPosition
                    || Walk.headerFollows(after: i, within: config.commentSectionLookahead, candidates: candidates, next: nextLine,
                                        isPairHeader: { k in
                                            // Below the story's first prose, as a thread is: over a
                                            // blog's bare-name byline and its date it would take the story.
                                            (firstProse.map { k > $0 } ?? false) && storyHeaders[k] == nil
                                                && Walk.isNameLine(lines[k], features[k])
                                        }))
            if opens && !inSection && sectionMark == nil { sectionMark = i }
            // A mark too high on the page with no comment header under it opens nothing: the line
            // shows why (`walk.mark-opens-nothing`).
            if marked, !opens, !inSection, sectionMark == nil, noHeader == nil {
                noHeader = Walk.markOpensNothing(i, lines: lines, features: features, candidates: candidates, next: nextLine,
                                                 firstProse: firstProse, storyHeaders: storyHeaders, config: config)
            } else if emptySection, i == sectionMark, !inSection, noHeader == nil {
                noHeader = Walk.emptyMark
            }
            if header != nil || (opens && !emptySection) { inSection = true }
            let gluedName = anyGlued && header == nil && noHeader == nil ? glued[i] : nil
            if gluedName != nil { noHeader = Walk.gluedSignature }
            if signaturesBelow {
                if current == nil, inSection, let last = lastSignature, i <= last {
                    current = CommentGroup(lines: [], author: nil, headerRule: nil, headerLine: nil)
                }
                if let header {
                    // A footer of actions ("Like · Reply · 3y") names no one; the comment's first
                    // line, when it is a name line, does (Facebook's plugin).
                    let first = current?.lines.first
                    current?.author = header.author ?? first.flatMap { first in
                        Walk.isNameLine(lines[first], features[first]) ? String(lines[first].trimmingWhitespace) : nil
                    }
                    current?.headerRule = header.rule.id
                    current?.headerLine = i
                } else if let gluedName {
                    current?.author = gluedName
                    current?.headerRule = Walk.gluedSignature.ruleID
                    current?.headerLine = i
                }
            } else if let header {
                close()
                current = CommentGroup(lines: [], author: header.author, headerRule: header.rule.id, headerLine: i)
                anonymous = false
                if header.hit != nil, let d = pairDate { pair = (i, pairBadge, d) }
            }
            let state: Config.PriorState = current != nil ? .inComment
                : inSection ? .commentSection : (sectionMark.map { i > $0 } ?? false) ? .emptySection : .body
            // The section's state for the rest of the line, as a constant: the closures below read
            // the variable through an exclusivity check (`swift_beginAccess`), 76 instructions a
            // line (step 341 in docs/performance.md).
            let open = inSection
            if keepNotes { for c in cands where !c.rule.holds(inCommentSection: open) { notes!.sectionDropped.append((i, c)) } }
            var lineHits: [RuleHit]
            var decision: Decision
            if header?.hit == nil, !(signaturesBelow && header != nil), i != signedBelowMark, noHeader == nil,
               !cands.containsBorrowed(where: { $0.rule.holds(inCommentSection: open) }) {
                // The state's prior alone: its shared array, and the decision made once for it.
                let s = Priors.index(state)
                lineHits = priorOnly[s]
                decision = priorDecisions[Priors.aloneKey(state: s, inSection: open, inComment: current != nil)]
            } else {
                let bits = Walk.decidedPlain | (open ? Walk.decidedInSection : 0) | (current != nil ? Walk.decidedInComment : 0)
                let prior = priors[Priors.index(state)]
                let extra = header?.hit
                let signed = signaturesBelow && header != nil, opens = i == signedBelowMark
                // As a constant: `sameAs` read the variable through an exclusivity check.
                let noHeader = noHeader
                // The hits in the order they are gathered below, compared by identity with the
                // earlier walk's: the same objects decide the same.
                func sameAs(_ earlier: [RuleHit]) -> Bool {
                    // (`k` passed to `Walk.takes`, not captured by a local function: called from
                    // the candidates' closure, such a function took an exclusivity check on it,
                    // `swift_beginAccess`, per candidate.)
                    var k = 0
                    if let prior, !Walk.takes(prior, from: earlier, at: &k) { return false }
                    let gathered = cands.allBorrowed { c in !c.rule.holds(inCommentSection: open) || Walk.takes(c.hit, from: earlier, at: &k) }
                    if !gathered { return false }
                    if let extra, !Walk.takes(extra, from: earlier, at: &k) { return false }
                    if signed, !Walk.takes(Walk.signedBelow, from: earlier, at: &k) { return false }
                    if opens, !Walk.takes(Walk.signedBelowOpens, from: earlier, at: &k) { return false }
                    if let noHeader, !Walk.takes(noHeader, from: earlier, at: &k) { return false }
                    return k == earlier.count
                }
                // A line whose hits are its prior and hits of rules without a pattern (one object per
                // rule, shared by every line it fires on) gathers the same objects as many other lines
                // of this page and others: their array and decision are shared (`SharedDecisions`).
                let shareable = shared != nil && extra == nil && !signed && !opens && noHeader == nil
                    && !cands.containsBorrowed { $0.rule.pattern != nil && $0.rule.holds(inCommentSection: open) }
                let sharedKey = Priors.aloneKey(state: 0, inSection: open, inComment: current != nil)
                if hasEarlier, earlierAs[i] == bits, let d = earlierDecisions[i], sameAs(earlierHits[i]) {
                    lineHits = earlierHits[i]
                    decision = d
                } else if shareable, let k = shared!.find(key: sharedKey, sameAs) {
                    (lineHits, decision) = (shared!.hits(k), shared!.decision(k))
                } else {
                    lineHits = []
                    lineHits.reserveCapacity(cands.count + 3)  // prior, candidates, header, run: one allocation
                    if let prior { lineHits.append(prior) }
                    _ = cands.allBorrowed { c in
                        if c.rule.holds(inCommentSection: open) { lineHits.append(c.hit) }
                        return true
                    }
                    if let extra { lineHits.append(extra) }
                    if signed { lineHits.append(Walk.signedBelow) }
                    if opens { lineHits.append(Walk.signedBelowOpens) }
                    if let noHeader { lineHits.append(noHeader) }
                    decision = Decision(hits: lineHits, commentsAllowed: open, inComment: current != nil)
                    if shareable { shared!.add(key: sharedKey, hits: lineHits, decision: decision) }
                }
                decidedRoom[i] = bits
            }
            // In a thread signed below, the comment's text runs from the mark or the last signature
            // to its own: a short first line there ("I love it") is no menu entry either.
            // The date right under a header that holds only it ("jodoe | Harbour Kitchen" over "May 3rd",
            // a date line a menu rule outvotes) is the header's own: the comment goes on.
            if current != nil, header == nil, Walk.isWeakFurniture(decision),
               continuesComment(after: i) || (current!.lines.count == 1 && current!.headerLine.map({ nextLine[$0] == i }) == true
                   && cands.containsBorrowed(where: { $0.rule.has(.threadDate) || $0.rule.has(.commentDate) })) {
                lineHits.append(Walk.commentContinues)
                decision = Decision(hits: lineHits, commentsAllowed: true, inComment: true)
                decidedRoom[i] = 0
            }
            // The line's hits and decision moved into the room (`consume`), not retained there
            // and released here (step 742 in docs/performance.md); the label read first.
            let label = decision.label
            (hitRoom + i).initialize(to: consume lineHits)
            (decisionRoom + i).initialize(to: consume decision)
            if signaturesBelow, current != nil {
                // A widget line ("Reply") inside the text is skipped; the signature ends the comment.
                if label == .comment { current!.lines.append(i) }
                if header != nil || gluedName != nil { close() }
            } else if current != nil {
                if label == .comment {
                    current!.lines.append(i)
                } else if !(label.family == .boilerplate && cands.containsBorrowed { $0.rule.has(.markup) }) {
                    close(); anonymous = false
                }
            } else if inSection && label == .comment {
                current = CommentGroup(lines: [i], author: nil, headerRule: nil, headerLine: nil)
                anonymous = true
            }
        }
        close()
        hits = room.movedHits(lineCount)
        decisions = room.movedDecisions(lineCount)
        decidedAs = room.movedDecided(lineCount)
    }

    /// Room for a walk's lines, kept by the labeller (`SharedDecisions.room`) for all its walks:
    /// each line's hits, decision and `decidedAs` bits are written in place, a store each, and
    /// moved into the walk's arrays, made at their size, at its end. Appended to arrays reserved
    /// at the page's size, a blank line's two appends cost about 80 instructions in calls the
    /// optimizer leaves out of line in `init`, another line's about 100 (step 740 in
    /// docs/performance.md). Between walks the room holds nothing.
    final class LineRoom {
        private(set) var hits: UnsafeMutablePointer<[RuleHit]>
        private(set) var decisions: UnsafeMutablePointer<Decision?>
        private(set) var decided: UnsafeMutablePointer<UInt8>
        private(set) var capacity: Int

        init() {
            capacity = 64
            hits = .allocate(capacity: capacity)
            decisions = .allocate(capacity: capacity)
            decided = .allocate(capacity: capacity)
        }

        deinit {
            hits.deallocate()
            decisions.deallocate()
            decided.deallocate()
        }

        /// Room for `count` lines (what it held before is gone: it holds nothing between walks).
        /// A room grown for one huge page shrinks on the next page of common size, so a worker
        /// does not hold the largest record's room for the rest of a batch.
        func reserve(_ count: Int) {
            let shrink = capacity > 4 * max(count, 4096)
            guard count > capacity || shrink else { return }
            hits.deallocate()
            decisions.deallocate()
            decided.deallocate()
            capacity = shrink ? max(count, 64) : max(count, 2 * capacity)
            hits = .allocate(capacity: capacity)
            decisions = .allocate(capacity: capacity)
            decided = .allocate(capacity: capacity)
        }

        /// The first `count` lines' hits, all written, moved out into an array (the room left empty).
        func movedHits(_ count: Int) -> [[RuleHit]] { LineRoom.moved(hits, count) }

        /// The same of the decisions.
        func movedDecisions(_ count: Int) -> [Decision?] { LineRoom.moved(decisions, count) }

        /// The same of the bits (made through the specialised path, `Array(filled:count:)`,
        /// and written over: the bits are plain bytes).
        func movedDecided(_ count: Int) -> [UInt8] {
            var array = [UInt8](filled: 0, count: count)
            let from = decided
            array.withUnsafeMutableBufferPointer { b in
                if count > 0 { b.baseAddress!.update(from: from, count: count) }
            }
            return array
        }

        /// `from[..<count]` moved into an array by copying their bytes: a move of a value that holds
        /// references and no weak one (both kinds here) is a copy of its bytes, the source then
        /// uninitialised (`moveInitialize` cost the same). Most of the cost is the allocation,
        /// through the standard library's unspecialised path; an array filled with empty values
        /// and written over cost more: each `[]` copied in retained the empty array's storage,
        /// and each `nil` went through the decision's outlined copy (step 745 in
        /// docs/performance.md).
        @inline(__always)
        static func moved<T>(_ from: UnsafeMutablePointer<T>, _ count: Int) -> [T] {
            Array(unsafeUninitializedCapacity: count) { b, n in
                if count > 0 {
                    UnsafeMutableRawPointer(b.baseAddress!).copyMemory(from: from, byteCount: count * MemoryLayout<T>.stride)
                }
                n = count
            }
        }
    }

    /// Whether `earlier[k]` is `h` itself, stepping `k` past it when it is (`sameAs` in `init`).
    @inline(__always)
    static func takes(_ h: RuleHit, from earlier: [RuleHit], at k: inout Int) -> Bool {
        guard k < earlier.count, earlier[k] === h else { return false }
        k += 1
        return true
    }

    /// The engine step `walk.name-line`: whether a line can be a commenter's name, and if not,
    /// the first test it failed. The walk reads a name line over a comment date as a two-line
    /// comment header, lets such a pair open the comment section, and names a comment signed
    /// below its text by its first line; `winnow audit --line N` shows the verdict.
    enum NameLine: Equatable {
        case name
        case tooManyWords(Int)
        case tooLong(Int)
        case sentenceEnd
        case link
        case headlineStopwords
        case label
        case firstCharacter
        case noLetter
        case byline
        case bylineRole(String)
        case sectionWord(String)

        var isName: Bool { self == .name }

        /// The verdict in words, for the audit.
        var explanation: String {
            switch self {
            case .name: "yes: one to four words, no sentence end, no link, not a byline, no section word"
            case .tooManyWords(let n): "no: \(n) words (a name has one to four)"
            case .tooLong(let n): "no: \(n) characters (a name has at most 40)"
            case .sentenceEnd: "no: ends like a sentence (a closing initial, \"Jo B.\", would not count)"
            case .link: "no: holds a link"
            case .headlineStopwords: "no: three or four words with a stop word (a short headline)"
            case .label: "no: a label with a colon (\"Key dates:\"; only a reply word may stand before a final colon, \"Jo replied:\")"
            case .firstCharacter: "no: does not start with a letter or digit"
            case .noLetter: "no: no letter (a bare count)"
            case .byline: "no: a byline (\"By …\")"
            case .bylineRole(let w): "no: ends in the byline role \"\(w)\" (Walk.bylineRoles)"
            case .sectionWord(let w): "no: holds the section-heading word \"\(w)\" (Walk.sectionWords)"
            }
        }
    }

    /// A line that can be a commenter's name: one to four words starting with a letter or digit,
    /// no sentence end, no link, not a byline ("By Jane Doe" over a date is a teaser, and so is a
    /// reporter's role).
    static func isNameLine(_ text: String, _ f: LineFeatures) -> Bool {
        nameLine(text, f) == .name
    }

    /// What `nameLine` asks of the features alone first (one to four words, at most 40
    /// characters, no link): the walk asks it before it looks for a date under the line, which
    /// retained the next line's candidates and searched them for every line (step 343 in
    /// docs/performance.md). False only when `nameLine` is not `.name`.
    @inline(__always)
    static func mayBeNameLine(_ f: LineFeatures) -> Bool {
        (1...4).contains(f.words) && f.chars <= 40 && f.links == 0
    }

    /// `isNameLine` with the reason: the first test the line failed.
    static func nameLine(_ text: String, _ f: LineFeatures) -> NameLine {
        guard (1...4).contains(f.words) else { return .tooManyWords(f.words) }
        guard f.chars <= 40 else { return .tooLong(f.chars) }
        // A closing initial ("Priya N.") is no sentence end.
        guard !f.endsWithPunctuation || endsWithInitial(text) else { return .sentenceEnd }
        guard f.links == 0 else { return .link }
        // A short headline ("New life for Harbourside") has stop words; a name of three or four words has none.
        guard f.words < 3 || f.stopwordRatio == 0 else { return .headlineStopwords }
        var trimmed = text.trimmingWhitespace
        // A label ("Key dates:", "Print article: Print", "Jane Doe:" too, which reads the same) is
        // no name; a name with a reply word ("Marta Reply:") is one.
        if trimmed.contains(":") {
            let lower = trimmed.lowercased()
            guard trimmed.hasSuffix(":"), !trimmed.dropLast().contains(":"),
                  Walk.replyWords.contains(where: { lower.hasSuffix(" " + $0 + ":") }) else { return .label }
        }
        // A thread may number its commenters: "#1 Ines".
        if trimmed.hasPrefix("#") {
            let rest = trimmed.dropFirst().drop { ("0"..."9").contains($0) }
            if rest.count < trimmed.count - 1, rest.first == " " { trimmed = String(rest).trimmingWhitespace }
        }
        guard let first = trimmed.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return .firstCharacter }
        // A bare count ("369" views over a story's date) names no one.
        guard trimmed.unicodeScalars.contains(where: \.properties.isAlphabetic) else { return .noLetter }
        let lower = trimmed.lowercased()
        guard !lower.hasPrefix("by ") && !lower.hasPrefix("by:") else { return .byline }
        // A byline's role ("Gazette staff reporter") is no commenter's name either.
        if let role = Walk.bylineRoles.first(where: { lower.hasSuffix($0) }) { return .bylineRole(role) }
        // Nor is a section heading over a teaser list ("Latest Articles" over "33 minutes ago").
        if let word = lower.split(separator: " ").first(where: { Walk.sectionWords.contains(String($0)) }) { return .sectionWord(String(word)) }
        return .name
    }

    /// Whether `line` numbers its commenter ("#3 Jo Doe | Her Blog!") with the number after the
    /// one `previous` (the last name-over-date header's name line, "#2 Ann") starts with: the
    /// thread numbers its comments, so the line heads the next whatever its name's shape. At
    /// most `numberedNameWords` words and `numberedNameCharacters` characters, no link.
    static func numberFollows(_ previous: String, _ line: String, _ f: LineFeatures) -> Bool {
        guard f.words <= numberedNameWords, f.chars <= numberedNameCharacters, f.links == 0 else { return false }
        func number(_ text: String) -> Int? {
            let t = text.trimmingWhitespace
            guard t.hasPrefix("#") else { return nil }
            let digits = t.dropFirst().prefix { ("0"..."9").contains($0) }
            guard !digits.isEmpty, digits.count <= 5, t.dropFirst(1 + digits.count).first == " " else { return nil }
            return Int(digits)
        }
        guard let p = number(previous), let n = number(line) else { return false }
        return n == p + 1
    }

    /// The most words and characters of a numbered commenter's line (`numberFollows`).
    static let numberedNameWords = 8, numberedNameCharacters = 60

    /// Whether the line ends in a space, a capital letter and a full stop ("Jo B.").
    static func endsWithInitial(_ text: String) -> Bool {
        let tail = text.trimmingWhitespace.unicodeScalars.suffix(3)
        guard tail.count == 3 else { return false }
        let (space, letter, stop) = (tail[tail.startIndex], tail[tail.index(after: tail.startIndex)], tail[tail.index(before: tail.endIndex)])
        return space == " " && letter.properties.isUppercase && stop == "."
    }

    static let replyWords = ["reply", "replied", "says", "said", "wrote", "writes"]

    static let bylineRoles = ["reporter", "correspondent", "staff", "writer", "editor", "newswire", "wire", "press"]

    static let sectionWords: Set<String> = ["latest", "recent", "related", "popular", "trending", "top", "more", "news",
                                            "articles", "stories", "posts", "videos", "photos", "updates", "headlines", "comments",
                                            "search"]

    /// A comment header fires on one of the next `count` non-blank lines, or a line that
    /// `isPairHeader` accepts stands over a comment's date line (the two-line header of
    /// Reddit-like threads: "frogfan22" over "· 5 hr. ago"), as the walk reads such a pair.
    static func headerFollows(after i: Int, within count: Int, candidates: [[RuleMatcher.Candidate]], next: [Int?],
                              isPairHeader: (Int) -> Bool) -> Bool {
        var j = next[i]
        for _ in 0..<count {
            guard let k = j else { return false }
            if candidates[k].contains(where: { $0.rule.has(.commentHeader) }) { return true }
            if let d = next[k], candidates[d].contains(where: { $0.rule.has(.commentDate) }), isPairHeader(k) { return true }
            j = next[k]
        }
        return false
    }

    /// The engine step `walk.mark-opens-nothing` on a comment-section mark above
    /// `comment_section_min_position` with no comment header within `comment_section_lookahead`
    /// lines under it, naming a name over a date there that could not count: the story's own
    /// (`storyHeaders`: its byline, or the post's footer over a signed-below thread's mark, with the
    /// step that said so), or above the story's first prose (a blog's byline). It scores nothing.
    static func markOpensNothing(_ i: Int, lines: [String], features: [LineFeatures], candidates: [[RuleMatcher.Candidate]], next: [Int?],
                                 firstProse: Int?, storyHeaders: [Int: RuleHit], config: Config) -> RuleHit {
        var why = "a comment-section mark at position \(JSONValue.format(features[i].position)) (before comment_section_min_position "
            + "\(JSONValue.format(config.commentSectionMinPosition))) opens the section only over a comment header within the next "
            + "\(config.commentSectionLookahead) lines: none"
        var j = next[i]
        for _ in 0..<config.commentSectionLookahead {
            guard let k = j else { break }
            if let d = next[k], candidates[d].contains(where: { $0.rule.has(.commentDate) }), Walk.isNameLine(lines[k], features[k]) {
                if let step = storyHeaders[k] {
                    why += "; the name over a date at line \(k + 1) is the story's own (\(step.ruleID))"
                } else if !(firstProse.map { k > $0 } ?? false) {
                    why += "; the name over a date at line \(k + 1) stands above the story's first prose"
                }
            }
            j = next[k]
        }
        return RuleHit(ruleID: Walk.markOpensNothingID, description: why, scores: [])
    }

    static let markOpensNothingID = "walk.mark-opens-nothing"

    /// The same step on a mark below the story under which an earlier walk found no comment
    /// (`emptySection`, a reply form alone).
    static let emptyMark = RuleHit(
        ruleID: markOpensNothingID,
        description: "no comment under this comment-section mark below the story (a reply form alone): it opens nothing, the lines under it keep the body's rules (prior.empty_comment_section)",
        scores: [])

    static func holdsOnlyItsHeader(_ c: CommentGroup) -> Bool {
        c.lines.count == 1 && c.headerLine == c.lines[0]
    }

    /// The comment date of a name-over-date header whose name stands on line `i`: on the next
    /// line `j`, or, inside the comment section, on the line after a short line `j` that
    /// `isBadge` accepts and no comment date or header rule fires on (the commenter's post count
    /// or badge between name and date, "Total Comments (12)"). The date's candidate, its line,
    /// and the short line when there is one.
    static func dateUnderName(_ i: Int, _ j: Int, candidates: [[RuleMatcher.Candidate]], next: [Int?], inSection: Bool,
                              isBadge: (Int) -> Bool, isSecondLine: (Int) -> Bool = { _ in false }) -> (RuleMatcher.Candidate, Int, Int?)? {
        func date(_ k: Int) -> RuleMatcher.Candidate? {
            candidates[k].first { $0.rule.has(.commentDate) && $0.rule.holds(inCommentSection: true) }
        }
        func ruled(_ k: Int) -> Bool { candidates[k].contains(where: { $0.rule.has(.commentHeader) || $0.rule.has(.commentDate) }) }
        if let d = date(j) { return (d, j, nil) }
        guard inSection, let k = next[j] else { return nil }
        if let d = date(k) {
            guard !ruled(j), isBadge(j) else { return nil }
            return (d, k, j)
        }
        // A second short line over the badge (the commenter's town: name, town, post count,
        // date; `walk.header-badge` on both), where `isSecondLine` lets it (session 25, walk30).
        guard let m = next[k], let d = date(m), !ruled(j), !ruled(k), isBadge(k), isSecondLine(j) else { return nil }
        return (d, m, k)
    }

    /// How many short lines (`isBadgeLine`) of each shape (`badgeShape`) stand right over a
    /// comment date on the page, with no comment date or header rule of their own; the dates
    /// counted are those `dateUnderName` takes (a date rule that holds in a comment section).
    static func badgeShapes(lines: [String], features: [LineFeatures], candidates: [[RuleMatcher.Candidate]], next: [Int?]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for j in lines.indices where mayBeNameLine(features[j]) {
            guard let k = next[j], candidates[k].contains(where: { $0.rule.has(.commentDate) && $0.rule.holds(inCommentSection: true) }),
                  !candidates[j].contains(where: { $0.rule.has(.commentHeader) || $0.rule.has(.commentDate) }),
                  isBadgeLine(lines[j], features[j]) else { continue }
            counts[badgeShape(lines[j]), default: 0] += 1
        }
        return counts
    }

    /// A badge line's shape: its text in lower case without digits ("Total Comments (12)" and
    /// "Total Comments (7)" are one shape).
    static func badgeShape(_ text: String) -> String {
        String(text.trimmingWhitespace.lowercased().unicodeScalars.filter { !("0"..."9").contains($0) }.map(Character.init))
    }

    /// Whether the trimmed line starts with a letter or a digit.
    static func startsWithLetterOrDigit(_ text: String) -> Bool {
        guard let first = text.trimmingWhitespace.unicodeScalars.first else { return false }
        return first.properties.isAlphabetic || ("0"..."9").contains(first)
    }

    /// A short line that can stand between a commenter's name and the comment's date: one to
    /// four words, at most 40 characters, no link, no sentence end, a letter or digit first (no
    /// price, "$3 -> Free"), and no name of its own (a
    /// second name line would be the header's, the first the comment's sign-off above).
    static func isBadgeLine(_ text: String, _ f: LineFeatures) -> Bool {
        mayBeNameLine(f) && !f.endsWithPunctuation && startsWithLetterOrDigit(text) && !isNameLine(text, f)
    }

    /// A decision that leaves a line free to be a commenter's name over a badge and a date: comment, or a
    /// shape kind (a menu entry, a teaser title, as a short name reads), not thread furniture ("Reply").
    static func mayBeName(_ d: Decision) -> Bool {
        d.label == .comment || shapeKinds.contains(d.label)
    }

    /// A decision that leaves a line in the comment: comment, or weak furniture (less than
    /// `weakFurnitureMargin` over the comment, which `headerBadge` adds).
    static func keptInComment(_ d: Decision) -> Bool {
        d.label == .comment || isWeakFurniture(d)
    }

    /// For every line, the index of the next non-blank line.
    static func nextNonBlank(_ blank: [Bool]) -> [Int?] {
        var next = [Int?](filled: nil, count: blank.count)
        var following: Int?
        // Written in place: `next[i] =` asked for the array's uniqueness a line (step 654 in
        // docs/performance.md).
        next.withUnsafeMutableBufferPointer { next in
            blank.withUnsafeBufferPointer { blank in
                for i in blank.indices.reversed() {
                    next[i] = following
                    if !blank[i] { following = i }
                }
            }
        }
        return next
    }

    /// A boilerplate line that wins over the comment by less than this is weak furniture: the
    /// shape rules of menus and teasers (a short fragment, an unpunctuated packed line) fire on a
    /// commenter's sign-off or list too.
    static let weakFurnitureMargin = 1.0
    /// How many lines past a weak furniture line the comment's text or control may resume.
    static let commentRunReach = 3

    static let commentsHeader = Label(.boilerplate, "comments-header")
    /// The kinds whose weak rules judge a line by its shape alone (menu entries, teaser titles).
    static let shapeKinds = [Label(.boilerplate, "navigation"), Label(.boilerplate, "related")]

    static func isWeakFurniture(_ d: Decision) -> Bool {
        guard Walk.shapeKinds.contains(d.label), let comment = d.totals.first(where: { $0.label == .comment }) else { return false }
        return d.score - comment.score < weakFurnitureMargin
    }

    static let commentContinues = RuleHit(
        ruleID: "walk.comment-continues",
        description: "a weak furniture-looking line inside a comment, with the comment's text, its control line (\"Reply\") or the next comment's header a few lines below: part of the comment",
        scores: [LabelScore(.comment, weakFurnitureMargin)])

    /// The engine step `walk.signed-below` on each signature line of a page read as signing its
    /// comments below their text (`signedBelow`); it scores nothing.
    static let signedBelow = RuleHit(
        ruleID: "walk.signed-below",
        description: "this page signs comments below their text (text between the section mark and the first signature, none after the last): the signature ends the comment above it",
        scores: [])

    /// The same step on the section mark it opened the section at (which may stand too high on
    /// the page to open one by itself), so the audit shows why the section starts there.
    static let signedBelowOpens = RuleHit(
        ruleID: "walk.signed-below",
        description: "this page signs comments below their text: the comment section opens at this mark, the last one within reach above the first signature",
        scores: [])

    /// The same step on the header right over the mark that it read as the post's own footer
    /// ("Posted by Jo at 5:00 PM" over "Comments"): it ends no comment.
    static let signedBelowFooter = RuleHit(
        ruleID: "walk.signed-below",
        description: "this page signs comments below their text: this header, right over the section mark, is the post's own footer and ends no comment",
        scores: [])

    /// The engine step `walk.story-as-comment` (`Labeler.storyReadAsComment`) on the header line
    /// of a first comment that held the story: the line opens no comment; it scores nothing.
    static let storyAsComment = RuleHit(
        ruleID: "walk.story-as-comment",
        description: "a byline or dateline read as a comment header: the comment under it held the story's prose (no section mark above it), so it opens no comment",
        scores: [])

    /// The engine steps on a comment header that opens no comment section (step 5 of
    /// docs/rules.md), each with an id of its own so that an audit tells them apart (session 21;
    /// all three were `walk.header-in-story` before): `walk.header-above-story` above the story's
    /// first prose, `walk.story-byline-of-thread` a thread's header that is the story's own
    /// byline, and `walk.header-in-story` (below) inside its main prose blocks with no date (a
    /// quotation's lead-in, "Jane Doe writes:"). They score nothing.
    static let headerAboveStory = RuleHit(
        ruleID: "walk.header-above-story",
        description: "a comment header above the story's first prose line opens no comment section: a thread starts under a story or a section mark",
        scores: [])
    static let storyBylineOfThread = RuleHit(
        ruleID: "walk.story-byline-of-thread",
        description: "a thread's header above the story's block, with the story and then a comment-section mark before the thread's next header, is the story's own byline (the site signs its story as its comments) and opens no comment section",
        scores: [])

    /// Whether the repeated thread header on line `i`, above the story's block, is the
    /// story's own byline: between it and the thread's next header stand the story's block and,
    /// below the story's last line there, a comment-section mark ("by harbourgirl on Mar 3, 2031 5:13 PM"
    /// over the story, "Comments", then readers signed the same way). A forum's first post has
    /// no section mark between it and the first reply.
    static func isStoryBylineOfThread(_ i: Int, candidates: [[RuleMatcher.Candidate]], features: [LineFeatures],
                                      threadLines: Set<Int>) -> Bool {
        var lastStory: Int?, markBelowStory = false
        for j in i + 1..<candidates.count {
            // (A section mark is a thread line too: the story's own counter stands under its byline.)
            if threadLines.contains(j), candidates[j].contains(where: { $0.rule.has(.commentHeader) }) { break }
            if features[j].inStoryBlock { (lastStory, markBelowStory) = (j, false) }
            else if lastStory != nil, candidates[j].contains(where: { $0.rule.has(.commentSection) }) { markBelowStory = true }
        }
        return markBelowStory
    }

    /// `walk.header-in-story`: a dateless header inside the story's main prose blocks.
    static let headerInStory = RuleHit(
        ruleID: "walk.header-in-story",
        description: "a comment header with no date inside the story's main prose blocks (a quotation's lead-in) opens no comment section",
        scores: [])

    /// The engine step `walk.header-date` on the date line of a name-over-date header (a name
    /// line, maybe a short line, then a comment date): a header rule's hit there, or the date
    /// over a sentence, opens no second comment under the name. It scores nothing.
    static let headerDate = RuleHit(
        ruleID: "walk.header-date",
        description: "the date line of the name-over-date header above: part of that comment's header, it opens no comment of its own",
        scores: [])

    /// The engine step `walk.sign-off-over-date` on a name line over a comment date that stands
    /// right over the next comment's header rule ("Jo said..."), inside a comment with text: the
    /// comment's sign-off over its own date, which the page prints under each comment ("cheers,"
    /// "Ann", "May 3, 2012 4:12 PM", then "Jo said..."). It opens no comment and keeps the line
    /// in the comment over weak furniture, as `walk.header-badge` does (a short name reads as a
    /// menu entry).
    static let signOffOverDate = RuleHit(
        ruleID: "walk.sign-off-over-date",
        description: "a name line over a comment date right over the next comment's header, inside a comment with text: the comment's sign-off over the date under it, part of that comment, no comment header",
        scores: [LabelScore(.comment, weakFurnitureMargin)])

    /// The engine step `walk.glued-signature` on a line of a thread signed below whose end is a
    /// signature of the page's own frame glued to the comment's text ("… see you there. Posted by:
    /// Jo Doe on May 3, 2012 04:12 PM"; `HeaderFrames.gluedSignatures`): the line ends its
    /// comment, as a signature line does, and names its commenter. It scores nothing.
    static let gluedSignature = RuleHit(
        ruleID: "walk.glued-signature",
        description: "this page signs comments below their text, and this line ends with a signature of the page's own frame glued to the comment's text: it ends the comment",
        scores: [])

    /// The lines of a thread signed below (from under `mark` to the `last` signature) that end
    /// with a signature glued to the text (`walk.glued-signature`), and the commenter each names.
    static func gluedSignatures(lines: [String], candidates: [[RuleMatcher.Candidate]], mark: Int?, last: Int?,
                                stopwords: Set<String>) -> [Int: String] {
        guard let mark, let last, mark + 1 < last else { return [:] }
        var headerLines: [(line: Int, author: String)] = []
        for k in (mark + 1)...last {
            if let c = candidates[k].first(where: { $0.rule.has(.commentHeader) && $0.rule.holds(inCommentSection: true) }),
               let author = c.author, !author.isEmpty {
                headerLines.append((k, author))
            }
        }
        guard headerLines.count >= HeaderFrames.fewestRuleHeaders else { return [:] }
        return HeaderFrames.gluedSignatures(lines: lines, headerLines: headerLines, range: (mark + 1)...last, stopwords: stopwords)
    }

    /// The engine step `walk.header-badge` on a short line between a commenter's name line and
    /// the comment's date ("Total Comments (12)", a badge): part of the comment's header.
    static let headerBadge = RuleHit(
        ruleID: "walk.header-badge",
        description: "a short line between a commenter's name line and the comment's date (a post count, a badge): part of the comment's header",
        scores: [LabelScore(.comment, weakFurnitureMargin)])

    static let signedBelowDescription = "prior for a line of a comment whose signature line follows its text (this page signs comments below them)"

    /// The engine step `walk.signed-below`: whether the page signs its comments below their
    /// text, and if so the section mark the first comment starts under. The section opens with a
    /// mark: the one that opened it, or, when none did (a "Comments" line too high on the page
    /// and too far above the first signature to open it), the last `comment-section` line within
    /// `signedBelowReach` non-blank lines above the first signature, outside the story's main
    /// prose blocks as every line between them. When no mark stands above the first header but
    /// one stands right under it, before the second (the post's own "Posted by Jo at 5:00 PM"
    /// footer over the "Comments" line), that header is the story's footer (`storyFooter`), not a
    /// signature, and the thread starts under the mark. Between the mark and the first signature
    /// (from the first line of text on: the mark's own furniture may stand under it), most lines
    /// are text (no boilerplate rule claims them, or they read as a comment's text, `readsAsText`:
    /// a sentence, a line of eight words or more with a link, or of `readsAsTextWords` words or
    /// more, that the comment's prior `inCommentPrior` keeps as comment against the rules that judge the line alone: a context rule's hit read the
    /// neighbours' labels of the walk that put these lines outside a comment), one of them four
    /// words or more; and the line under the last signature (past a date line or two under it: a
    /// two-line header's text comes under its date) is no comment's text: no line with a word that
    /// the prior keeps as comment, however short (a thread signed above under an invitation that
    /// reads as text ends in a two-word comment; session 16, walk20); past a kept line without
    /// words ("»") the next line is read, and a reply form ends the look. A reader's numbered suggestions ("1. Write another book?"), a short cheer ("Cannot
    /// wait for it tho!!!") or a long line that names a feed ("I added your RSS feed to my
    /// reader, …") is claimed by list, menu or sign-up rules outside the section, yet reads as a
    /// comment's text; a reply form's prompt ("What are your thoughts?") stays the form's under
    /// the prior. The verdict says which condition decided (`SignedBelow.Why`).
    func signedBelow(_ lines: [String], _ features: [LineFeatures], candidates: [[RuleMatcher.Candidate]], next: [Int?],
                     inCommentPrior: RuleHit?) -> SignedBelow {
        // One comment is enough under a mark that states one ("One comment", "1 Response"; session 24, walk29).
        guard !comments.isEmpty else { return SignedBelow(.tooFewComments(0)) }
        guard var first = comments.first?.headerLine, var last = comments.last?.headerLine else { return SignedBelow(.noHeader) }
        // The thread's last header is its rule's: a lone header of another rule at the page's end
        // is a teaser's ("Mara Quint Chat – 3/3/31" in a footer's list; session 20, walk25).
        var headed: [String: Int] = [:]
        for c in comments { if let r = c.headerRule { headed[r, default: 0] += 1 } }
        if let l = comments.last(where: { ($0.headerRule.flatMap { headed[$0] } ?? 0) >= 2 })?.headerLine { last = l }
        var storyFooter: Int?
        var mark = sectionMark.flatMap { $0 < first ? $0 : nil }
        if mark == nil {
            let above = (0..<first).reversed().lazy.filter { self.decisions[$0] != nil }.prefix(Walk.signedBelowReach)
            mark = above.first { candidates[$0].contains { $0.rule.has(.commentSection) } }
            if let m = mark, (m...first).contains(where: { features[$0].inStoryBlock }) { return SignedBelow(.markInStory(m)) }
        }
        if mark == nil, comments.count >= 2, Walk.holdsOnlyItsHeader(comments[0]), let second = comments[1].headerLine {
            // The post's own footer over the mark: the mark stands under the first header, before the second.
            let under = (first + 1..<second).prefix { decisions[$0] == nil || !candidates[$0].contains { $0.rule.has(.commentHeader) } }
            // Between them only the post's furniture ("digg this | reddit", "Trackback Pings").
            if let m = under.first(where: { decisions[$0] != nil && candidates[$0].contains { $0.rule.has(.commentSection) } }),
               (first + 1..<m).allSatisfy({ decisions[$0].map { $0.label.family == .boilerplate } ?? true }) {
                (storyFooter, mark, first) = (first, m, second)
            }
        }
        guard let mark else { return SignedBelow(comments.count == 1 ? .tooFewComments(1) : .noMark(first)) }
        guard comments.count >= 2 || Walk.statesOneComment(lines[mark]) else { return SignedBelow(.tooFewComments(comments.count)) }
        let under = (mark + 1..<max(mark + 1, first)).filter { decisions[$0] != nil }
        guard !under.isEmpty else { return SignedBelow(.noLinesBetween(mark: mark, first: first)) }
        func unclaimed(_ j: Int) -> Bool {
            decisions[j] != nil && hits[j].allSatisfy { $0.ruleID.hasPrefix("prior.") || $0.scores.allSatisfy { $0.label.family != .boilerplate } }
        }
        func keptInComment(_ j: Int) -> Bool {
            let hits = (inCommentPrior.map { [$0] } ?? [])
                + candidates[j].filter { !$0.rule.isContextRule && $0.rule.holds(inCommentSection: true) }.map(\.hit)
            return Decision(hits: hits, commentsAllowed: true, inComment: true).label.family == .comment
        }
        // A line of two sentences, the last without its stop ("anyone know when the ferry
        // starts again. The timetable says nothing"), is a comment's text as a sentence is (session 20, walk25).
        func isText(_ j: Int) -> Bool {
            unclaimed(j) || ((Walk.readsAsText(features[j]) || Walk.holdsTwoSentences(lines[j], features[j])) && keptInComment(j))
        }
        // The mark's own furniture ("You can follow this conversation by subscribing…") is no comment's.
        let between = under.drop { !isText($0) }
        let text = between.filter(isText)
        var why = SignedBelow.Why.text(mark: mark, first: first, from: between.first, text: text.count,
                                       lines: between.isEmpty ? under.count : between.count)
        // Headers that are all signatures ("Posted by: Jo | May 3, 2012 at 4:12 pm") sign
        // below whatever the first comment's text reads like ("priceless.").
        let signatures = comments.compactMap(\.headerLine).filter { $0 >= first }
        let signed = signatures.count >= 2 && signatures.allSatisfy { Walk.isSignature(lines[$0]) }
        if !between.isEmpty, 2 * text.count >= between.count {
            if !text.contains(where: { features[$0].words >= 4 }) {
                guard signed else { return SignedBelow(.noLongText(mark: mark, first: first), storyFooter: storyFooter) }
                why = .signatures(mark: mark, first: first)
            }
        } else {
            guard signed else { return SignedBelow(why, storyFooter: storyFooter) }
            why = .signatures(mark: mark, first: first)
        }
        // A header above its text may take two lines (a name over a date): the text comes under the date.
        var j = next[last]
        for _ in 0..<Walk.signedBelowDateReach {
            guard let k = j, candidates[k].contains(where: { $0.rule.has(.commentDate) || $0.rule.has(.threadDate) }) else { break }
            j = next[k]
        }
        // The line under the last signature (past its dates) ends the thread on a page that signs
        // below: a reply form, the thread's furniture. A line kept in a comment is a comment's text,
        // a weakly claimed reply line ("Response to Jo, 2 November 2012") too; past a kept mark
        // without words ("»") the next line is read.
        // (Signatures need no such look: a last signature the header rules miss leaves its text under the one before.)
        for _ in 0..<Walk.signedBelowTextReach {
            guard let k = j else { break }
            // However short ("Agreed, nice."; session 16, walk20: was unclaimed and four words or more).
            if features[k].words > 0, keptInComment(k) {
                guard signed else { return SignedBelow(.textAfterLast(last: last, text: k), storyFooter: storyFooter) }
                why = .signatures(mark: mark, first: first)
                break
            }
            // A reply form ("Post a comment") under the last signature ends the thread.
            guard keptInComment(k) else { break }
            j = next[k]
        }
        return SignedBelow(why, mark: mark, storyFooter: storyFooter)
    }

    /// The verdict of `walk.signed-below` on a page: the mark the first signed-below comment
    /// starts under when taken, the header above that mark read as the story's own footer, and
    /// why (line numbers 0-based; `explanation` prints them 1-based).
    struct SignedBelow: Equatable {
        enum Why: Equatable {
            case tooFewComments(Int)
            case noHeader
            case markInStory(Int)
            case noMark(Int)
            case noLinesBetween(mark: Int, first: Int)
            case text(mark: Int, first: Int, from: Int?, text: Int, lines: Int)
            case noLongText(mark: Int, first: Int)
            case textAfterLast(last: Int, text: Int)
            case signatures(mark: Int, first: Int)
        }
        var why: Why
        var mark: Int?
        var storyFooter: Int?

        init(_ why: Why, mark: Int? = nil, storyFooter: Int? = nil) {
            (self.why, self.mark, self.storyFooter) = (why, mark, storyFooter)
        }

        var explanation: String {
            let verdict = mark != nil ? "yes" : "no"
            let reason: String
            switch why {
            case .tooFewComments(let n): reason = "\(n) comment\(n == 1 ? "" : "s") found, needs 2 (or 1 under a mark that states one)"
            case .noHeader: reason = "no comment header"
            case .markInStory(let m): reason = "the mark at line \(m + 1) stands in the story's prose"
            case .noMark(let f): reason = "no comment-section mark above the first header (line \(f + 1)) within \(Walk.signedBelowReach) lines"
            case .noLinesBetween(let m, let f): reason = "the first header (line \(f + 1)) stands right under the mark (line \(m + 1))"
            case .text(let m, let f, let from, let t, let n):
                // The mark's own furniture right under it is not counted.
                let start = from.map { $0 > m + 1 ? ", from line \($0 + 1) on," : "" } ?? ""
                reason = "\(t) of \(n) lines between the mark (line \(m + 1)) and the first header (line \(f + 1))\(start) read as text, needs \(max(1, (n + 1) / 2))"
            case .noLongText(let m, let f): reason = "no text of four words or more between the mark (line \(m + 1)) and the first header (line \(f + 1))"
            case .textAfterLast(let l, let t): reason = "line \(t + 1), under the last header (line \(l + 1)), reads as a comment's text"
            case .signatures(let m, let f): reason = "every header from line \(f + 1) on is a signature (\"Posted by X | <date>\", \"Posted by X at <date>\"), under the mark (line \(m + 1))"
            }
            let footer = storyFooter.map { "; the header at line \($0 + 1), right over the mark, is the story's footer" } ?? ""
            return "\(verdict): \(reason)" + footer
        }
    }

    /// A comment-section mark that states one comment: "One comment", "1 Response", "One
    /// thought on “…”" (the number first; `walk.signed-below` then takes a single signature).
    static func statesOneComment(_ text: String) -> Bool {
        let words = text.trimmingWhitespace.lowercased().split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "{" || $0 == "}" })
        guard words.count >= 2, words[0] == "one" || words[0] == "1" else { return false }
        return oneCommentNouns.contains(String(words[1]))
    }

    static let oneCommentNouns: Set<String> = ["comment", "response", "reply", "thought", "reaction", "comment:", "response:", "reply:"]

    /// A blog platform's comment signature, which stands under the comment's text: "Posted by"
    /// (a colon may follow) and the name, then "|" or " at " before the date ("Posted by: Jo |
    /// May 3, 2012 at 4:12 pm", "Posted by Jo at May 3, 2012 04:12 PM"). "Posted by Jo on <date>"
    /// heads comments as well as it signs them (development pages), so it is none.
    static func isSignature(_ text: String) -> Bool {
        let t = text.trimmingWhitespace.lowercased()
        guard t.hasPrefix("posted by") else { return false }
        let rest = t.dropFirst("posted by".count)
        guard let r = rest.firstIndex(where: { $0 == "|" }) ?? rest.range(of: " at ")?.lowerBound else { return false }
        // The name: one to six words, no "on" ("Posted by Jo on 01/13/08 at 12:02PM" is the "on"
        // shape); a date after it.
        let name = rest[..<r].split(whereSeparator: { $0 == " " || $0 == ":" })
        return (1...6).contains(name.count) && !name.contains("on") && rest[r...].contains(where: \.isNumber)
    }

    /// The last line of a page signed below that a comment may reach: the last hit of a header
    /// rule firing on two lines or more; a lone header of another rule further down is a teaser's
    /// ("Mara Quint Chat – 3/3/31" in a footer's list; session 20, walk25), and the sidebar above it no
    /// comment. With no such rule, the last header's line.
    static func lastSignature(_ candidates: [[RuleMatcher.Candidate]]) -> Int? {
        var count: [String: Int] = [:]
        for cands in candidates {
            for c in cands where c.rule.has(.commentHeader) { count[c.rule.id, default: 0] += 1 }
        }
        return candidates.lastIndex { $0.contains { $0.rule.has(.commentHeader) && count[$0.rule.id, default: 0] >= 2 } }
            ?? candidates.lastIndex { $0.contains { $0.rule.has(.commentHeader) } }
    }

    /// How many date lines under the last signature `signedBelow` passes over to the line it reads.
    static let signedBelowDateReach = 2
    /// How many lines past those dates `signedBelow` reads for a comment's text.
    static let signedBelowTextReach = 2

    /// How many non-blank lines above the first signature `signedBelow` looks for a mark
    /// that did not open the section.
    static let signedBelowReach = 25

    /// A line of eight words or more with a sentence's end inside it: a stop, a question or an
    /// exclamation mark after a word of two letters or more, then a space and a capital
    /// ("… starts again. The timetable says nothing"). A menu or a title holds no such inner end.
    static func holdsTwoSentences(_ text: String, _ f: LineFeatures) -> Bool {
        guard f.words >= 8 else { return false }
        let b = Array(text.utf8)
        guard b.count >= 4 else { return false }
        for k in 2..<(b.count - 2) where b[k] == 0x2E || b[k] == 0x3F || b[k] == 0x21 {
            let isLetter: (UInt8) -> Bool = { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
            if isLetter(b[k - 1]), isLetter(b[k - 2]), b[k + 1] == 0x20, b[k + 2] >= 0x41, b[k + 2] <= 0x5A { return true }
        }
        return false
    }

    /// A line that reads as a sentence: four words or more, ending like a sentence.
    static func isSentence(_ f: LineFeatures) -> Bool {
        f.words >= 4 && f.endsWithPunctuation
    }

    /// A line that reads as a comment's text for `walk.signed-below`: a sentence, a line of
    /// eight words or more ending in a link (a reader pointing at a page), or a long line however
    /// it ends (a comment's first line running on past a comma).
    static func readsAsText(_ f: LineFeatures) -> Bool {
        isSentence(f) || f.words >= readsAsTextWords || (f.words >= 8 && f.links > 0)
    }

    /// How many words a line that ends neither like a sentence nor in a link needs to read as a
    /// comment's text for `walk.signed-below` (session 15, walk19: was eight): a 14-word
    /// unpunctuated invitation over a thread signed above ("Readers have posted comments on this
    /// story so far and more are welcome below") is no comment's text.
    static let readsAsTextWords = 20

    /// The prior hit of each state (by `index`, nil for a state without a prior),
    /// for a page that signs comments above and below their text. Built once per `Labeler`:
    /// sorting each prior's scores and naming its hit cost about 10 K instructions a walk (step 90
    /// in docs/performance.md). The hits are equal (`RuleHit.==`) to those built per walk.
    struct Priors {
        let above: [RuleHit?]
        let below: [RuleHit?]

        init(config: Config) {
            func hits(signaturesBelow: Bool) -> [RuleHit?] {
                var hits = [RuleHit?](repeating: nil, count: Config.PriorState.allCases.count)
                for state in Config.PriorState.allCases {
                    guard let prior = config.priors[state], !prior.isEmpty else { continue }
                    let description = signaturesBelow && state == .inComment ? Walk.signedBelowDescription : Walk.priorDescription[state]!
                    hits[Priors.index(state)] = RuleHit(ruleID: "prior.\(state.rawValue)", description: description,
                                                 scores: prior.sorted { $0.key < $1.key }.map { LabelScore($0.key, $0.value) })
                }
                return hits
            }
            above = hits(signaturesBelow: false)
            below = hits(signaturesBelow: true)
            func alone(_ hits: [RuleHit?]) -> [[RuleHit]] { hits.map { $0.map { [$0] } ?? [] } }
            aloneAbove = alone(above)
            aloneBelow = alone(below)
            func decisions(_ alone: [[RuleHit]]) -> [Decision] {
                var decisions: [Decision] = []
                for key in 0..<(4 * alone.count) {
                    decisions.append(Decision(hits: alone[key >> 2], commentsAllowed: key & 2 != 0, inComment: key & 1 != 0))
                }
                return decisions
            }
            aloneDecisionsAbove = decisions(aloneAbove)
            aloneDecisionsBelow = decisions(aloneBelow)
        }

        func hits(signaturesBelow: Bool) -> [RuleHit?] { signaturesBelow ? below : above }

        /// For each state (by `index`), the hits of a line with its prior alone: the prior, or none.
        let aloneAbove: [[RuleHit]]
        let aloneBelow: [[RuleHit]]

        func alone(signaturesBelow: Bool) -> [[RuleHit]] { signaturesBelow ? aloneBelow : aloneAbove }

        /// The decision on those hits, for each state, inside the comment section or not, and
        /// under a comment header or not (by `aloneKey`): the walks made them once per walk, and
        /// built and freed their arrays (a walk's `priorDecisions`, step 342 in docs/performance.md).
        let aloneDecisionsAbove: [Decision]
        let aloneDecisionsBelow: [Decision]

        func aloneDecisions(signaturesBelow: Bool) -> [Decision] { signaturesBelow ? aloneDecisionsBelow : aloneDecisionsAbove }

        /// A decision's place in `aloneDecisions`: its state's `index`, then the section and comment bits.
        @inline(__always)
        static func aloneKey(state: Int, inSection: Bool, inComment: Bool) -> Int {
            state << 2 | (inSection ? 2 : 0) | (inComment ? 1 : 0)
        }

        /// A state's place in the hits, without searching `PriorState.allCases` per line.
        @inline(__always)
        static func index(_ state: Config.PriorState) -> Int {
            switch state {
            case .body: 0
            case .commentSection: 1
            case .inComment: 2
            case .emptySection: 3
            }
        }
    }

    /// The hits and decision of lines whose hits are all objects that outlive a page: a state's
    /// prior and the hits of rules without a pattern (`RuleMatcher.featureCandidatesInPosition`:
    /// one hit per rule, with no matched text). Such lines are many ("prior.body" and
    /// "topic.substantial" on most long paragraphs), and each built an array of hits and a
    /// decision with its array of totals, freed with its page (step 390 in docs/performance.md);
    /// now the first line of each such set of hits builds them and the next ones share them. An
    /// entry is found by the same test as a later walk's takeover (`Walk.decidedAs`): the same
    /// objects in the same order, under the same section and comment bits (`key`). The entries
    /// hold their hits, so an identical object is the same object. One per labeller (a thread's),
    /// at most `capacity` entries, the most used first.
    final class SharedDecisions {
        struct Entry {
            let key: Int
            let hits: [RuleHit]
            let decision: Decision
        }
        /// The entries, `count.pointee` of them, in room for `capacity` (a pointer, not an array
        /// property: each access to a class's `var` is an exclusivity check).
        private let entries: UnsafeMutablePointer<Entry>
        private let count: UnsafeMutablePointer<Int>
        static let capacity = 8
        /// The labeller's room for a walk's lines (`LineRoom`).
        let room = LineRoom()

        init() {
            entries = .allocate(capacity: SharedDecisions.capacity)
            count = .allocate(capacity: 1)
            count.initialize(to: 0)
        }

        deinit {
            entries.deinitialize(count: count.pointee)
            entries.deallocate()
            count.deallocate()
        }

        /// How many entries there are.
        var entryCount: Int { count.pointee }

        /// The place of the entry of `key` whose hits `same` accepts, after moving it one place
        /// towards the front.
        @inline(__always)
        func find(key: Int, _ same: ([RuleHit]) -> Bool) -> Int? {
            for k in 0..<count.pointee where entries[k].key == key && same(entries[k].hits) {
                if k == 0 { return 0 }
                swap(&entries[k], &entries[k - 1])
                return k - 1
            }
            return nil
        }

        func hits(_ k: Int) -> [RuleHit] { entries[k].hits }
        func decision(_ k: Int) -> Decision { entries[k].decision }

        /// A new entry, in the last place (over the last entry when full).
        func add(key: Int, hits: [RuleHit], decision: Decision) {
            let e = Entry(key: key, hits: hits, decision: decision)
            if count.pointee == SharedDecisions.capacity {
                entries[count.pointee - 1] = e
            } else {
                (entries + count.pointee).initialize(to: e)
                count.pointee += 1
            }
        }
    }

    static let priorDescription: [Config.PriorState: String] = [
        .body: "prior for a line before the comment section",
        .commentSection: "prior for a line in the comment section, outside any comment",
        .inComment: "prior for a line under a comment header",
        .emptySection: "prior for a line after a comment-section mark with no comment under it (the body's rules apply)",
    ]
}
