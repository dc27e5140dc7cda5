import Foundation

/// A reader thread whose comments each start with a bare name line, a name over a date, or a
/// date over a name (WordPress themes that print no clock time). No single line of it reads as
/// a comment header, and a short line over a paragraph is as often a subhead or a teaser, so
/// the layout counts only where it repeats right after a comment counter ("12 Responses",
/// "{ 85 comments }"), or a comment-section mark in the page's later part: at least
/// `comment_header_repeat` comments, the first within `comment_section_lookahead` lines of the
/// mark, each close to the last, no more of them than a counter says, and the names not a
/// list's entries sharing a word. Its header lines get
/// `LineFeatures.layoutHeader`, which a rule tests, so the audit shows them like any header.
struct ThreadLayout {
    /// Each header line (0-based) and the commenter it names.
    var authors: [Int: String]
    /// When the layout holds fewer than `comment_header_repeat` comments, the counter that let it
    /// count (0-based line), the number it states and the shape found: the audit names this
    /// acceptance on each header (`layout.counter`, `Labeler.layoutCounterNote`).
    var counter: (line: Int, stated: Int, shape: Shape)? = nil

    /// Non-blank lines a comment's text may run to before the next header must come.
    static let maxCommentLines = 25
    /// The comment-section marks tried, from the top of the page.
    static let maxMarks = 8
    /// Under a counter that states a number, this many name-and-date (or date-and-name)
    /// comments are a thread; bare names need `comment_header_repeat` unless the counter states
    /// exactly as many as are found (and no more of them follow), and comments under an
    /// unnumbered mark need `comment_header_repeat`.
    static let fewestDatedUnderCounter = 2

    enum Shape: CaseIterable { case nameOverDate, dateOverName, nameOverText }

    enum Role { case name, date, text, furniture, other }

    static func find(lines: [String], features: [LineFeatures], blank: [Bool],
                     candidates: [[RuleMatcher.Candidate]], config: Config) -> ThreadLayout? {
        underMarks(lines: lines, features: features, blank: blank, candidates: candidates, config: config)
            ?? amongHeaders(lines: lines, features: features, blank: blank, candidates: candidates, config: config)
    }

    /// The fewest comments header rules start in a thread whose bare names `amongHeaders` reads.
    static let fewestRuleHeaders = 2
    /// The fewest bare-name comments `amongHeaders` reads among them, and the fewest comments of
    /// both kinds together.
    static let fewestBareAmongHeaders = 2
    static let fewestMixedComments = 4
    /// Lines in a row that read as neither text nor a date, which part two comments of such a thread.
    static let maxLinesOutOfText = 3

    /// A thread whose comments start some with a header a rule knows (a commenting widget's linked
    /// name, "http://twitter.com/jodoe Jo Doe") and some with a bare name (a commenter with no
    /// profile link: "jodoe42", "Mara Quint"), with no mark over it or header rules
    /// already starting comments under the mark (so `underMarks` looks no further): the bare names
    /// over a comment's text within `maxCommentLines` of the rule's headers, at least
    /// `fewestRuleHeaders` of those and `fewestBareAmongHeaders` bare names. Above the first rule
    /// header a bare name counts only outside the story's block (a story's subheads stand over
    /// its paragraphs). Session 19, walk24: the bare names started no comment.
    static func amongHeaders(lines: [String], features: [LineFeatures], blank: [Bool],
                             candidates: [[RuleMatcher.Candidate]], config: Config) -> ThreadLayout? {
        // (`marksCommentStart`, a stored flag, first: this runs on every page without a layout.)
        let headerLines = lines.indices.filter { i in
            candidates[i].contains { $0.rule.marksCommentStart && $0.rule.has(.commentHeader) && namesOnly(lines[i], author: $0.author) }
        }
        guard headerLines.count >= fewestRuleHeaders else { return nil }
        let rows = Page.nonBlankIndices(blank)
        var rowOf: [Int: Int] = [:]
        for (r, i) in rows.enumerated() { rowOf[i] = r }
        let headerRows = headerLines.compactMap { rowOf[$0] }
        let claim = furnitureClaim(config)
        // Roles only within reach of the rule's headers.
        let from = max(0, headerRows[0] - maxCommentLines), to = min(rows.count, headerRows[headerRows.count - 1] + maxCommentLines + 1)
        var roles = [Role](repeating: .other, count: rows.count)
        for r in from..<to { roles[r] = role(lines[rows[r]], features[rows[r]], candidates[rows[r]], claim: claim) }
        let isHeader = Set(headerRows)
        var elements: [(row: Int, bare: Bool)] = []
        for r in from..<to {
            if isHeader.contains(r) {
                elements.append((r, false))
            } else if roles[r] == .name, r + 1 < rows.count, roles[r + 1] == .text, !isHeader.contains(r + 1), r > 0, roles[r - 1] == .text,
                      !isHeader.contains(r - 1) {
                // Right under the last comment's text: a comment's own first line under its
                // header ("Dear Jo", "FYI", a comment's title) stands under the header or its date.
                elements.append((r, true))
            }
        }
        // Runs of elements each within `maxCommentLines` rows of the last, with no `maxLinesOutOfText`
        // lines in a row between them that read as neither a comment's text nor a date (thread
        // furniture, "Reply", aside): below a thread, a sidebar's headings and teasers.
        func apart(_ a: Int, _ b: Int) -> Bool {
            var inRow = 0
            for r in (a + 1)..<b where roles[r] != .furniture {
                inRow = roles[r] == .text || roles[r] == .date ? 0 : inRow + 1
                if inRow >= maxLinesOutOfText { return true }
            }
            return false
        }
        var runs: [[(row: Int, bare: Bool)]] = []
        for e in elements {
            if let last = runs.last?.last, e.row - last.row <= maxCommentLines, !apart(last.row, e.row) {
                runs[runs.count - 1].append(e)
            } else {
                runs.append([e])
            }
        }
        // An element's commenter, lower-cased: a bare name's line, a rule header's author.
        func commenter(_ e: (row: Int, bare: Bool)) -> String {
            let i = rows[e.row]
            if e.bare { return lines[i].trimmingWhitespace.lowercased() }
            return (candidates[i].first { $0.rule.marksCommentStart && $0.rule.has(.commentHeader) }?.author ?? "").lowercased()
        }
        var authors: [Int: String] = [:]
        for var run in runs {
            // Above the first rule header, no bare name in the story's own block (a story's
            // subheads stand over its paragraphs), unless one of them names a commenter of the
            // thread below (the story's author answering a reader): no subhead does (session 25, walk30).
            let story = run.prefix { $0.bare && features[rows[$0.row]].inStoryBlock }
            let below = Set(run.dropFirst(story.count).map(commenter))
            if !story.contains(where: { below.contains(commenter($0)) }) { run.removeFirst(story.count) }
            let bare = run.filter(\.bare)
            guard run.count - bare.count >= fewestRuleHeaders, bare.count >= fewestBareAmongHeaders, run.count >= fewestMixedComments,
                  readsAsThread(run.map { ($0.row, $0.row) }, roles: roles),
                  namesDiffer(bare.map { String(lines[rows[$0.row]].trimmingWhitespace) }, minimum: config.commentHeaderRepeat)
            else { continue }
            for e in bare { authors[rows[e.row]] = String(lines[rows[e.row]].trimmingWhitespace) }
        }
        return authors.isEmpty ? nil : ThreadLayout(authors: authors)
    }

    /// A header line that holds the commenter's name and nothing else but links ("http://twitter.com/jodoe
    /// Jo Doe"): a widget that prints no date beside a name prints a commenter with no link as
    /// the bare name. A header with a date or "said" ("Jo Doe July 3, 2012", "by jodoe on …")
    /// would still hold one, so a bare line among such headers is a comment's own line.
    static func namesOnly(_ text: String, author: String?) -> Bool {
        guard let author, !author.isEmpty else { return false }
        let words = text.split(whereSeparator: \.isWhitespace).filter { !$0.contains("://") && !$0.lowercased().hasPrefix("www.") }
        return words.joined(separator: " ") == author.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The layout under a comment counter or a comment-section mark (docs/rules.md, step 7).
    static func underMarks(lines: [String], features: [LineFeatures], blank: [Bool],
                           candidates: [[RuleMatcher.Candidate]], config: Config) -> ThreadLayout? {
        let rows = Page.nonBlankIndices(blank)
        let marks = rows.indices.filter { r in candidates[rows[r]].contains { $0.rule.has(.commentSection) } }
        guard let firstMark = marks.first else { return nil }
        // Comment-start lines from each row down, and each line's role below the first mark only:
        // most pages have no mark, and a hostile one with a mark on every line stays linear.
        var startsFrom = [Int](repeating: 0, count: rows.count + 1)
        for r in rows.indices.reversed() {
            startsFrom[r] = startsFrom[r + 1] + (candidates[rows[r]].contains { $0.rule.marksCommentStart } ? 1 : 0)
        }
        let claim = furnitureClaim(config)
        // A reply of one or two words is a comment's text only below the page's first prose line:
        // above the story, a fact box ("Difficulty" over "Easy.", "Cost" over "Free.") stands
        // under the headline's "5 Comments" (session 18, walk23).
        let firstProse = lines.indices.first { !blank[$0] && features[$0].proseDistance == 0 } ?? lines.count
        var roles = [Role](repeating: .other, count: rows.count)
        for r in firstMark..<rows.count {
            roles[r] = role(lines[rows[r]], features[rows[r]], candidates[rows[r]], claim: claim, shortReplies: rows[r] > firstProse)
        }
        // A date without a year ("Mar 3") dates a comment only under a counter that states a
        // number: elsewhere such a line reads as it did before it was a date (a bare name).
        var strictRoles = roles
        for r in firstMark..<rows.count where roles[r] == .date && !hasYear(lines[rows[r]]) {
            strictRoles[r] = role(lines[rows[r]], features[rows[r]], candidates[rows[r]].filter { !$0.rule.has(.threadDate) }, claim: claim,
                                  shortReplies: rows[r] > firstProse)
        }
        for r in marks.prefix(maxMarks) {
            let i = rows[r]
            let stated = statedCount(lines[i])
            let count = stated ?? (features[i].position >= config.commentSectionMinPosition ? Int.max : 0)
            // A counter that states a number vouches for a short thread of dated comments
            // ("Responses (18)" over two name-and-date headers, the rest behind "See all").
            let fewest = stated == nil ? config.commentHeaderRepeat : min(config.commentHeaderRepeat, fewestDatedUnderCounter)
            guard count >= fewest else { continue }
            // Where header rules already start comments under this mark, the layout is known.
            guard startsFrom[r + 1] < config.commentHeaderRepeat else { return nil }
            let plainRoles = roles
            let roles = stated == nil ? strictRoles : roles
            var best: [(header: Int, author: Int)] = []
            var bestShape = Shape.nameOverText
            for shape in Shape.allCases {
                let chain = chain(shape, after: r, roles: roles, lookahead: config.commentSectionLookahead, limit: count)
                if chain.count > best.count { (best, bestShape) = (chain, shape) }
            }
            // Bare names under a counter that states fewer than `comment_header_repeat` comments
            // ("2 Comments" over two names over their text) are a thread when the counter agrees:
            // as many as it states, and no more of that shape under it.
            let agrees = stated.map { n in
                bestShape == .nameOverText && best.count == n && n >= fewestDatedUnderCounter
                    && chain(.nameOverText, after: r, roles: roles, lookahead: config.commentSectionLookahead, limit: n + 1).count == n
            } ?? false
            let enough = best.count >= config.commentHeaderRepeat || (best.count >= fewest && bestShape != .nameOverText) || agrees
            guard enough, readsAsThread(best, roles: roles) else { continue }
            var authors: [Int: String] = [:]
            for h in best { authors[rows[h.header]] = String(lines[rows[h.author]].trimmingWhitespace) }
            // A yearless date read as a bare name ("October 3rd" over the comment) right under a
            // name line ("dunlin"): the name over its date heads the comment. The names are
            // tested after the move, so that the commenters' names differ, not their dates
            // ("October 3rd", "October 9th" share a word; session 22, walk27).
            if bestShape == .nameOverText, stated == nil {
                let starts = Set(best.map(\.header))
                for h in best where plainRoles[h.header] == .date && h.header - 1 > r && roles[h.header - 1] == .name
                    && !starts.contains(h.header - 1) {
                    authors[rows[h.header]] = nil
                    authors[rows[h.header - 1]] = String(lines[rows[h.header - 1]].trimmingWhitespace)
                }
            }
            if namesDiffer(Array(authors.values), minimum: config.commentHeaderRepeat) {
                let counter = best.count < config.commentHeaderRepeat ? stated.map { (i, $0, bestShape) } : nil
                return ThreadLayout(authors: authors, counter: counter)
            }
        }
        return nil
    }

    /// The comments of one shape after the counter at row `r`: the first within `lookahead`
    /// rows, each next within `maxCommentLines` rows of the last, at most `limit` of them.
    /// Rows are indices into the page's non-blank lines.
    static func chain(_ shape: Shape, after r: Int, roles: [Role], lookahead: Int, limit: Int) -> [(header: Int, author: Int)] {
        func role(_ k: Int) -> Role { k < roles.count ? roles[k] : .other }
        func startsComment(_ k: Int) -> (header: Int, author: Int)? {
            switch shape {
            // With a date beside the name, any line of its own may follow ("i like u" too), or a
            // badge ("Author") over the comment's text.
            case .nameOverDate: role(k) == .name && role(k + 1) == .date
                && (ownText(role(k + 2)) || (role(k + 2) == .name && role(k + 3) == .text)) ? (k, k) : nil
            case .dateOverName: role(k) == .date && role(k + 1) == .name && ownText(role(k + 2)) ? (k, k + 1) : nil
            case .nameOverText: role(k) == .name && role(k + 1) == .text ? (k, k) : nil
            }
        }
        func ownText(_ role: Role) -> Bool { role == .text || role == .other }
        var found: [(header: Int, author: Int)] = []
        var last = r
        var k = r + 1
        while k < roles.count, found.count < limit, k - last <= (found.isEmpty ? lookahead : maxCommentLines) {
            if let start = startsComment(k) {
                found.append(start)
                last = k
                k += shape == .nameOverText ? 2 : 3
            } else {
                k += 1
            }
        }
        return found
    }

    /// The boilerplate total at which one rule's hit makes a line furniture in a thread's layout
    /// (`role`): the in-comment prior's (2.0 shipped), which the hit alone would outweigh. Read
    /// before page-hit limits apply, so a rule that needs several hits on a page
    /// (`related.writer-over-cut-title`, `min_page_hits: 2`) keeps its boilerplate total under it
    /// lest a commenter's name over a comment cut short break a thread; PageStructureTests
    /// .aWritersNameOverACutTitleIsNoFurnitureInAThreadsLayout fails if either side moves.
    static func furnitureClaim(_ config: Config) -> Double {
        config.priors[.inComment]?.values.reduce(0, +) ?? 0
    }

    /// What a line can be in a thread's layout. A line with a boilerplate rule that alone would
    /// outweigh the in-comment prior (`claim`, `furnitureClaim`) is none of them; weak votes (a
    /// short fragment, far from prose, a bare date) are what a name or a date line gets anyway.
    static func role(_ text: String, _ f: LineFeatures, _ candidates: [RuleMatcher.Candidate], claim: Double, shortReplies: Bool = true) -> Role {
        if candidates.contains(where: { $0.rule.has(.threadDate) }) { return .date }
        let boilerplate = candidates.map { c in c.hit.scores.filter { $0.label.family == .boilerplate }.reduce(0) { $0 + $1.score } }
        if boilerplate.contains(where: { $0 >= claim }) { return .furniture }
        if Walk.isNameLine(text, f), f.stopwordRatio == 0, text.unicodeScalars.allSatisfy(nameCharacters.contains) { return .name }
        // A comment's text reads as sentences; menu entries and headlines do not. A reply of one
        // or two words ending like a sentence ("Oh dear.", "Thanks!") is a comment's text too: a
        // menu entry or a section name does not end so, and its first word is capitalised anyway;
        // above the story's first prose (`shortReplies` false) a fact box's values end so too.
        return readsAsText(f) || shortReplies && isShortReply(f) ? .text : .other
    }

    /// A line that reads as a sentence of a comment's text: three words or more, ending like a
    /// sentence or eight words or more, not in title case (a headline, a menu entry).
    static func readsAsText(_ f: LineFeatures) -> Bool {
        f.words >= 3 && (f.endsWithPunctuation || f.words >= 8) && f.titleRatio < 0.6
    }

    /// The lines `role` reads as no comment's text only because they stand above the page's first
    /// prose line: a reply of one or two words ending like a sentence right under a bare name,
    /// below the first comment-section mark (a fact box's "Difficulty" over "Easy." under the
    /// headline's counter). The audit shows each as `layout.short-reply` (`Labeler.shortReplyNote`);
    /// returns each line (0-based) with the first prose line (0-based; the page's line count when
    /// there is none). Run for the audit only.
    static func shortRepliesAboveProse(lines: [String], features: [LineFeatures], blank: [Bool],
                                       candidates: [[RuleMatcher.Candidate]], config: Config) -> [(line: Int, firstProse: Int)] {
        let rows = Page.nonBlankIndices(blank)
        guard let firstMark = rows.firstIndex(where: { i in candidates[i].contains { $0.rule.has(.commentSection) } }) else { return [] }
        let firstProse = lines.indices.first { !blank[$0] && features[$0].proseDistance == 0 } ?? lines.count
        let claim = furnitureClaim(config)
        func role(_ r: Int, shortReplies: Bool) -> Role {
            Self.role(lines[rows[r]], features[rows[r]], candidates[rows[r]], claim: claim, shortReplies: shortReplies)
        }
        var found: [(line: Int, firstProse: Int)] = []
        for r in rows.indices.dropFirst(firstMark + 1) where rows[r] < firstProse && isShortReply(features[rows[r]]) {
            if role(r - 1, shortReplies: false) == .name, role(r, shortReplies: false) == .other, role(r, shortReplies: true) == .text {
                found.append((rows[r], firstProse))
            }
        }
        return found
    }

    /// A comment of one or two words ending like a sentence ("Oh dear.", "Thanks!", "Agreed.").
    static func isShortReply(_ f: LineFeatures) -> Bool {
        (1...shortReplyWords).contains(f.words) && f.endsWithPunctuation && f.links == 0
    }

    /// The most words `isShortReply` takes (a longer line needs `role`'s sentence test).
    static let shortReplyWords = 2

    /// A commenter's name: letters, digits, spaces and `. _ - ' ’ @ |` ("Jane Doe", "j.smith_42",
    /// "jodoe | Harbour Kitchen", a name and the commenter's blog); not "Sections »" or "Additionally:".
    static let nameCharacters = CharacterSet.letters.union(.decimalDigits).union(.whitespaces).union(CharacterSet(charactersIn: "._-'’@|"))

    /// Between the headers, a thread is mostly sentences (thread furniture aside); a menu or
    /// a list of teasers that happens to alternate short and long lines is not.
    static func readsAsThread(_ chain: [(header: Int, author: Int)], roles: [Role]) -> Bool {
        guard let first = chain.first?.header, let last = chain.last?.header else { return false }
        // A header's own lines (a name, and the date beside it) are not the comments' text; the
        // date line is the one of the two that is not the author's.
        let own = Set(chain.flatMap { h in roles[h.header] == .date || roles[h.header + 1] == .date ? [h.header, h.header + 1] : [h.header] })
        let body = (first...last).filter { !own.contains($0) && roles[$0] != .furniture }
        let text = body.filter { roles[$0] == .text || roles[$0] == .date }.count
        return 2 * text >= body.count
    }

    /// Commenters' names have little in common; the entries of a list ("SuperFan Badge", "Fact
    /// Checker Badge", ...) share a word. False when one word is in more than half of the
    /// distinct names, and there are at least `minimum` of them.
    static func namesDiffer(_ names: [String], minimum: Int) -> Bool {
        let distinct = Set(names.map { $0.lowercased() })
        guard distinct.count >= minimum else { return true }
        var counts: [Substring: Int] = [:]
        for name in distinct { for word in Set(name.split(separator: " ")) { counts[word, default: 0] += 1 } }
        return !counts.values.contains { 2 * $0 > distinct.count }
    }

    /// Whether a date line names its year (four digits in a row), or it has no letters ("04/03/19"):
    /// a month and a day alone ("Mar 3") also date a teaser list's or an archive's entries.
    static func hasYear(_ text: String) -> Bool {
        var run = 0
        for c in text.unicodeScalars {
            run = ("0"..."9").contains(c) ? run + 1 : 0
            if run == 4 { return true }
        }
        return !text.unicodeScalars.contains(where: \.properties.isAlphabetic)
    }

    /// The number a comment counter states ("12 Responses", "{ 85 comments }", "View all
    /// 1,234 comments"), if any.
    static func statedCount(_ text: String) -> Int? {
        let digit: ClosedRange<Unicode.Scalar> = "0"..."9"
        let run = text.unicodeScalars.drop { !digit.contains($0) }.prefix { digit.contains($0) || $0 == "," }
        let digits = run.filter { digit.contains($0) }.prefix(9)
        return digits.isEmpty ? nil : Int(String(String.UnicodeScalarView(digits)))
    }
}

/// Comment headers of a frame the page repeats, whose name no header rule takes (session 22,
/// walk27). A site prints each comment's header from one template: the same words before the
/// commenter's name ("Posted by: ", "Comment #12 - Posted by: ") and a date of the same shape
/// after it (" | March 2, 2011 at 10:41 AM"). Header rules know names of a few shapes; a name
/// of another ("Jo@harbourworks", "Ted Roe (tedster)", "Lou K/52/170", "Ann, A Cook") made its
/// line no header, and its comment was merged into the one above. Where two or more lines
/// that header rules read share a frame, a line of the same frame around a name (one to six
/// words, a separator such as "|" no word; not led by a stop word nor holding one in lower case
/// unless in title case, `isTitle`: "The ferry left", "Jo met on" before a date are a
/// sentence's) is a header too, within the span of those headers, from a comment-section mark
/// a comment's length or less above the first (session 23, walk28). The frame: the words before the name, lower-cased,
/// each run of digits one digit; after it, what follows with the words of a date (months,
/// weekdays, am, pm) as one letter and each run of digits one digit, which must hold a digit.
/// The lines get `LineFeatures.layoutHeader` and the audit note `layout.frame`
/// (`Labeler.headerFrameNote`), naming a header line of the same frame.
struct HeaderFrames {
    /// Each header line found (0-based), its commenter, and a header line (0-based) of its frame.
    var headers: [Int: (author: String, like: Int)]

    /// The fewest header-rule lines of one frame that let it find others.
    static let fewestRuleHeaders = 2
    /// The most words and characters a name in a frame may have.
    static let maxNameWords = 6, maxNameCharacters = 50
    /// Lines longer than this (characters) are no header of a frame.
    static let maxLineCharacters = 200

    /// One run of a line: letters, digits, white space, or one other character.
    struct Run {
        enum Kind { case letters, digits, space, other }
        var kind: Kind
        var range: Range<String.Index>
    }

    static func runs(_ text: Substring) -> [Run] {
        var out: [Run] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let kind: Run.Kind = c.isLetter ? .letters : c.isNumber && c.isASCII ? .digits : c.isWhitespace ? .space : .other
            var j = text.index(after: i)
            if kind != .other {
                while j < text.endIndex {
                    let d = text[j]
                    let same = kind == .letters ? d.isLetter : kind == .digits ? d.isNumber && d.isASCII : d.isWhitespace
                    if !same { break }
                    j = text.index(after: j)
                }
            }
            out.append(Run(kind: kind, range: i..<j))
            i = j
        }
        return out
    }

    /// The words before a name: lower-cased, a run of digits as "9", white space as one space.
    static func prefixKey(_ text: Substring, _ runs: ArraySlice<Run>) -> String {
        runs.map { r in
            switch r.kind {
            case .letters: text[r.range].lowercased()
            case .digits: "9"
            case .space: " "
            case .other: String(text[r.range])
            }
        }.joined()
    }

    /// The words of a date that change from one header to the next: months, weekdays, am and pm.
    static let dateWords: Set<String> = [
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august",
        "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december", "mon", "monday", "tue", "tues",
        "tuesday", "wed", "wednesday", "thu", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
        "am", "pm", "st", "nd", "rd", "th",
    ]

    /// The shape after a name: its words lower-cased, a date's words (`dateWords`) as "a", a run
    /// of digits as "9", white space as one space.
    static func suffixKey(_ text: Substring, _ runs: ArraySlice<Run>) -> String {
        runs.map { r in
            switch r.kind {
            case .letters:
                let word = text[r.range].lowercased()
                return dateWords.contains(word) ? "a" : word
            case .digits: return "9"
            case .space: return " "
            case .other: return String(text[r.range])
            }
        }.joined()
    }

    struct Frame: Hashable {
        var prefix: String, prefixRuns: Int
        var suffix: String, suffixRuns: Int
    }

    /// The frame of a header line whose rule read `author` in it, when the name stands on whole
    /// runs and a digit follows it.
    /// A rule that read the date's first digits into the name ("Jo Doe10/2/12 2:05 PM", the
    /// name glued to the date, read "Jo Doe1") frames the name's whole runs before them.
    static func frame(_ line: Substring, author: String) -> Frame? {
        guard let range = line.range(of: author) else { return nil }
        let runs = runs(line)
        guard let a = runs.firstIndex(where: { $0.range.lowerBound == range.lowerBound }) else { return nil }
        let end = runs.firstIndex(where: { $0.range.upperBound == range.upperBound })
            ?? runs.firstIndex(where: { $0.kind == .digits && $0.range.contains(range.upperBound) && $0.range.lowerBound > range.lowerBound })
                .flatMap { $0 > a && runs[$0 - 1].kind == .letters ? $0 - 1 : nil }
        guard let b = end, a <= b else { return nil }
        let after = runs[(b + 1)...]
        guard after.contains(where: { $0.kind == .digits }) else { return nil }
        return Frame(prefix: prefixKey(line, runs[..<a]), prefixRuns: a, suffix: suffixKey(line, after), suffixRuns: after.count)
    }

    static func find(lines: [String], features: [LineFeatures], blank: [Bool], candidates: [[RuleMatcher.Candidate]],
                     config: Config, taken: Set<Int>) -> HeaderFrames? {
        // (`marksCommentStart`, a stored flag, first: this runs on every page.)
        var framed: [Frame: [Int]] = [:]
        var inPosition: [Frame: Int] = [:]
        var ruled = Set<Int>()
        for i in lines.indices where candidates[i].contains(where: { $0.rule.marksCommentStart && $0.rule.has(.commentHeader) }) {
            ruled.insert(i)
            guard let c = candidates[i].first(where: { $0.rule.marksCommentStart && $0.rule.has(.commentHeader) && !($0.author ?? "").isEmpty }),
                  lines[i].utf8.count <= maxLineCharacters,
                  let f = frame(lines[i].trimmingWhitespace, author: c.author!) else { continue }
            framed[f, default: []].append(i)
            if c.inPosition { inPosition[f, default: 0] += 1 }
        }
        // Headers of a rule out of its `position` count as the page-hit count waives it: on
        // `comment_header_repeat` lines or more (`Labeler.applyPageHitCounts`).
        let frames = framed.filter { f, found in
            inPosition[f, default: 0] >= fewestRuleHeaders || found.count >= max(fewestRuleHeaders, config.commentHeaderRepeat)
        }
        guard !frames.isEmpty else { return nil }
        let rows = Page.nonBlankIndices(blank)
        var rowOf: [Int: Int] = [:]
        for (r, i) in rows.enumerated() { rowOf[i] = r }
        var headers: [Int: (author: String, like: Int)] = [:]
        // In a fixed order (the frames' first lines), so that a line two frames fit names one.
        for (frame, found) in frames.sorted(by: { $0.value[0] < $1.value[0] }) {
            guard var first = rowOf[found[0]], let last = rowOf[found[found.count - 1]] else { continue }
            // A comment-section mark a comment's length or less above the first rule header
            // ("{ 18 comments }"): the thread starts under it, and a header of the frame there
            // heads its first comment.
            if let mark = (max(0, first - ThreadLayout.maxCommentLines)..<first).last(where: { r in
                candidates[rows[r]].contains { $0.rule.has(.commentSection) } }) {
                first = mark + 1
            }
            let to = min(rows.count, last + ThreadLayout.maxCommentLines + 1)
            for r in first..<to {
                let i = rows[r]
                guard !ruled.contains(i), !taken.contains(i), headers[i] == nil, lines[i].utf8.count <= maxLineCharacters,
                      let name = name(in: lines[i].trimmingWhitespace, frame: frame, stopwords: config.stopwords) else { continue }
                headers[i] = (name, found[0])
            }
        }
        return headers.isEmpty ? nil : HeaderFrames(headers: headers)
    }

    /// The name a line holds in `frame`, if the line is of that frame.
    static func name(in line: Substring, frame: Frame, stopwords: Set<String>) -> String? {
        let runs = runs(line)
        guard runs.count > frame.prefixRuns + frame.suffixRuns else { return nil }
        let nameRuns = runs[frame.prefixRuns..<(runs.count - frame.suffixRuns)]
        guard let firstRun = nameRuns.first, let lastRun = nameRuns.last, firstRun.kind != .space, lastRun.kind != .space,
              suffixKey(line, runs[(runs.count - frame.suffixRuns)...]) == frame.suffix,
              prefixKey(line, runs[..<frame.prefixRuns]) == frame.prefix else { return nil }
        let name = line[firstRun.range.lowerBound..<lastRun.range.upperBound]
        // A separator between words ("Jo | Her Kitchen", "Jo @ Her Blog") is no word of the name.
        let words = name.split(whereSeparator: \.isWhitespace).filter { w in w.contains { $0.isLetter || $0.isNumber } }
        guard (1...maxNameWords).contains(words.count), name.count <= maxNameCharacters,
              let c = name.first, c.isLetter || c.isNumber,
              !stopwords.contains(words[0].lowercased()),
              !words.contains(where: { w in w.first?.isLowercase == true && stopwords.contains(String(w)) }) || isTitle(words, stopwords)
        else { return nil }
        return String(name)
    }

    /// Signatures glued to the end of a comment's text on a page that signs its comments below
    /// them (session 24, walk29): "… see you there. Posted by: Jo Doe on May 3, 2012 04:12 PM",
    /// where the page's other signatures stand on lines of their own. The frames are those of
    /// two or more header lines (`headerLines`, each with the name its rule read) whose words
    /// before the name hold a letter ("posted by: "; a bare name before a date would match any
    /// line ending in a date); a line in `range`, no header itself, whose end is a line of such
    /// a frame after a space, with a word before it, ends its comment. Line (0-based) -> the
    /// commenter named.
    static func gluedSignatures(lines: [String], headerLines: [(line: Int, author: String)], range: ClosedRange<Int>,
                                stopwords: Set<String>) -> [Int: String] {
        var count: [Frame: Int] = [:]
        for h in headerLines where lines[h.line].utf8.count <= maxLineCharacters {
            guard let f = frame(lines[h.line].trimmingWhitespace, author: h.author), f.prefix.contains(where: \.isLetter) else { continue }
            count[f, default: 0] += 1
        }
        let frames = count.filter { $0.value >= fewestRuleHeaders }.keys.sorted { $0.prefix < $1.prefix || ($0.prefix == $1.prefix && $0.suffix < $1.suffix) }
        guard !frames.isEmpty else { return [:] }
        // Each frame's first word: a tail is tried only where it starts.
        let firstWords = frames.map { String($0.prefix.prefix(while: \.isLetter)) }
        let isHeader = Set(headerLines.map(\.line))
        var found: [Int: String] = [:]
        for i in range where !isHeader.contains(i) {
            let line = lines[i].trimmingWhitespace
            let runs = runs(line)
            // The tail starts at a word after a space, with a word before it.
            guard runs.count >= 3, runs.contains(where: { $0.kind == .letters }) else { continue }
            search: for p in 2..<runs.count where runs[p].kind == .letters && runs[p - 1].kind == .space {
                guard runs[..<p].contains(where: { $0.kind == .letters }) else { continue }
                let tail = line[runs[p].range.lowerBound...]
                guard tail.utf8.count <= maxLineCharacters else { continue }
                let word = line[runs[p].range].lowercased()
                for (f, first) in zip(frames, firstWords) where first == word {
                    if let name = name(in: tail, frame: f, stopwords: stopwords) {
                        found[i] = name
                        break search
                    }
                }
            }
        }
        return found
    }

    /// A name in title case may hold stop words in lower case (a blog's or a nickname's title,
    /// "Lover of The Harbour", "Life is a Kitchen"): every other word starts with a capital
    /// letter or a digit, and the last is no stop word. A sentence's verbs and nouns are in
    /// lower case ("Jo met us on").
    static func isTitle(_ words: [Substring], _ stopwords: Set<String>) -> Bool {
        guard let last = words.last, !stopwords.contains(last.lowercased()) else { return false }
        return words.allSatisfy { w in stopwords.contains(String(w)) || w.first.map { $0.isUppercase || $0.isNumber } == true }
    }
}
