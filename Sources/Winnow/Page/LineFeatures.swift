import CWinnowScan

/// Shallow features of one line that rule conditions can test (jusText and boilerpipe use the
/// same kind: length, link density, stop-word share, punctuation, position).
public struct LineFeatures: Sendable, Equatable {
    public var words = 0
    /// Characters of the trimmed line, counted as Unicode scalars.
    public var chars = 0
    /// URLs and bare web addresses ("http://…", "www.…", "example.com/…").
    public var links = 0
    /// Share of words that are stop words (`config.yml`: English and the commonest function words of
    /// six other languages; 0 for a line without words).
    public var stopwordRatio = 0.0
    /// The line ends like a sentence: `. ! ? …` possibly followed by a closing quote or bracket.
    public var endsWithPunctuation = false
    /// Share of letters that are capitals.
    public var capsRatio = 0.0
    /// Share of words that start with a capital letter.
    public var titleRatio = 0.0
    /// Relative position of the line in the page, 0 (first line) to 1 (last line).
    public var position = 0.0
    /// A blank line (or the page edge) comes directly before / after this line.
    public var gapBefore = false
    public var gapAfter = false
    /// Non-blank lines between this line and the nearest prose line (0 for a prose line itself;
    /// the page's line count when the page has no prose). Menus, footers and teaser lists sit
    /// far from prose; subheads, bylines and captions sit next to it.
    public var proseDistance = 0
    /// The line lies within a main prose block: a run of prose lines (joined across short gaps)
    /// holding at least a set share of the words of the largest such run, or a run of long
    /// prose lines chained under the story's runs (`Config.Prose.chainWords`). The story is
    /// there; teaser text and sidebar blurbs form small runs outside it.
    public var inMainBlock = false
    /// The line lies within the largest main block or a main block above it: the story. A main
    /// block below the largest one may be its second part, or an author bio, a sidebar or a thread.
    public var inStoryBlock = false
    /// For a line above the first line of a main block (the largest one or one above it): the
    /// non-blank lines from here down to it (1 right above it); 0 otherwise. A story's headline
    /// and byline sit a few lines above its first paragraph, often apart from it by share
    /// buttons or a photo credit.
    public var aboveMainBlock = 0
    /// For a line below the last line of the page's last main block: the non-blank lines from
    /// there down to it (1 right below it); 0 otherwise. The story has ended above it.
    public var belowMainBlock = 0
    /// For a prose line outside the story's block (`inStoryBlock`) whose nearest prose line
    /// below is a line of the story's block, with no prose between, or is such a cut-off line
    /// itself within `prose.block_gap` (a lead of several paragraphs): the non-blank lines down
    /// to the story (1 right above it); 0 otherwise. A lead cut from the story by a photo widget.
    public var aboveStoryProse = 0
    /// The same below: a prose line outside the story's block whose nearest prose line above
    /// is the story's or, within `prose.block_gap`, such a line; the non-blank lines up to the
    /// story (1 right below it).
    public var belowStoryProse = 0
    /// For a line above a line marked `story-byline` (the story's byline or dateline): the
    /// non-blank lines down to it (1 right above it), counted up to a main block or another
    /// byline; 0 otherwise. The headline and standfirst stand there even when a tag strip or
    /// share bar keeps them far from the text.
    public var aboveByline = 0
    /// For a line below a line marked `list-heading` ("Key points"): the non-blank lines up to
    /// it (1 right below it), counted up to `Labeler.listReach` and stopping at another such
    /// heading; 0 otherwise. A story's own summary list stands there, past its last paragraph, or
    /// a teaser box's titles under its heading ("Related Posts").
    public var belowListHeading = 0
    /// The line starts a comment in the repeated layout of the page's reader thread: a bare
    /// name line, a name over a date, or a date over a name (see `ThreadLayout`).
    public var layoutHeader = false
    /// The line is a cell or the header of a story table flattened one cell per line: short
    /// lines repeating a row shape with numbers in it, next to story prose (see `StoryTable`).
    public var tableCell = false
    /// The line is an item of a numbered list ("1. …", "2. …", "3. …", one item per line) whose
    /// first item lies in the story's block or a few lines under its last line, or whose last item stands
    /// right over the story's block (see `Labeler.markStoryLists`):
    /// the story's own list (a tracklist, a book's contents, the steps), not a most-read list.
    public var storyList = false
    /// The line is one part of a date printed one part per line ("24" / "Jul" / "2012", a clock
    /// time under them), see `Labeler.markSplitDates`.
    public var splitDate = false
    /// The next non-blank line is a title cut short by an ellipsis ("Ten quiet lessons from a
    /// harbour town in ..."): a teaser's; the line over it may be its writer's name (see
    /// `Labeler.markOverCutTitles`).
    public var overCutTitle = false
    /// The line is a title, its one-sentence summary or a short line under the summary (a date,
    /// "Read more") in a run of three or more such teasers outside the story's block, one after
    /// another (see `Labeler.markTeaserBoxes`).
    public var teaserBox = false
    /// The page's non-blank lines (the same on every line): a record of one or two short lines
    /// (a post, a note) has no story around it for its lines to stand apart from.
    public var pageLines = 0
    /// The line's runs of one or two ASCII letters or digits (no such character on either side:
    /// whole words for the prefilter), as the bits of the `ShortWords` table whose key is
    /// `shortWordsKey` (0: none; the prefilter then finds them itself). Step 300 in
    /// docs/performance.md.
    public var shortWords: UInt64 = 0
    public var shortWordsKey: UInt64 = 0

    public init() {}

    /// Text features of `text` alone; position and gaps are set by the caller that knows the page.
    public init(text: String, stopwords: Set<String>) {
        self.init(text: text, stopwords: StopwordTable(stopwords))
    }

    /// The same, with the stop words prepared once (`RuleSet.stopwords`): every line of every
    /// page comes through here, so it reads the UTF-8 bytes as bit masks (`init(utf8:)`), and looks
    /// up ASCII words without building a String. Words are `Tokens.words`'s.
    /// `shortWords`: the table to set `shortWords` by (the rule set's `Prefilters.shortWords`).
    /// `spans`: room for `ws_line_features`' spans that the caller keeps (`SpanRoom`), else the
    /// call makes its own.
    public init(text: String, stopwords: StopwordTable, shortWords: ShortWords? = nil) {
        var line = text
        self = line.withUTF8 { LineFeatures(utf8: $0, stopwords: stopwords, shortWords: shortWords) }
    }

    init(text: String, stopwords: StopwordTable, shortWords: ShortWords?, spans: SpanRoom) {
        var line = text
        self = line.withUTF8 { LineFeatures(utf8: $0, stopwords: stopwords, shortWords: shortWords, spans: spans.spans) }
    }

    /// Room for the spans `ws_line_features` leaves to Swift (`spanCapacity` of them), kept by
    /// its owner: one per labeller (`Labeler.spanRoom`), as its match scratch is. The room is
    /// 6 KB, more than `withUnsafeTemporaryAllocation` puts on the stack, so each line's own
    /// room was a `malloc` and a `free` (about 540 instructions and 2 I1 misses a line; step 561
    /// in docs/performance.md).
    final class SpanRoom {
        let spans: UnsafeMutablePointer<WSSpan>

        init() { spans = .allocate(capacity: LineFeatures.spanCapacity) }
        deinit { spans.deallocate() }
    }

    /// Counted from bit masks of the line's bytes (`ws_line_features`, C: 64 bytes classified at
    /// once, words walked by their edges' bits; step 450 in docs/performance.md); the stretches it
    /// leaves to Swift (words with bytes that are not ASCII, long words, link runs) are counted
    /// here, and a line it cannot take (too many such stretches, 4,096 bytes without a space) is
    /// counted by the byte loop (`init(scalarUTF8:)`), which gives the same features.
    /// `spans`: room for `spanCapacity` spans, else the call makes its own.
    init(utf8 b: UnsafeBufferPointer<UInt8>, stopwords: StopwordTable, shortWords table: ShortWords? = nil,
         spans room: UnsafeMutablePointer<WSSpan>? = nil) {
        var tables = stopwords.featureTables
        tables.shortBit = table.map { UnsafePointer($0.bitOf) }
        var c = WSFeatureCounts()
        let counted = if let room {
            LineFeatures.count(b, &tables, &c, spans: room, stopwords)
        } else {
            withUnsafeTemporaryAllocation(of: WSSpan.self, capacity: LineFeatures.spanCapacity) {
                LineFeatures.count(b, &tables, &c, spans: $0.baseAddress!, stopwords)
            }
        }
        guard counted else {
            self.init(scalarUTF8: b, stopwords: stopwords, shortWords: table)
            return
        }
        self.init()
        words = c.words
        if let table {
            shortWords = c.shortWords
            shortWordsKey = table.key
        }
        stopwordRatio = words > 0 ? Double(c.stop) / Double(words) : 0
        titleRatio = words > 0 ? Double(c.titled) / Double(words) : 0
        chars = c.chars
        capsRatio = c.letters > 0 ? Double(c.capitals) / Double(c.letters) : 0
        if let end = LineFeatures.lastNonClosing(b, LineFeatures.asciiClass, LineFeatures.commonScalarClass) {
            endsWithPunctuation = LineFeatures.isTerminal(end)
        }
        links = c.links
    }

    /// Room for the spans `ws_line_features` leaves to Swift; a line with more is counted by the
    /// byte loop.
    static let spanCapacity = 256

    /// `ws_line_features` into `c` with `spanCapacity` spans of room at `spans`, and the spans it
    /// leaves counted here: false when the line does not fit (the byte loop counts it).
    @inline(never)
    static func count(_ b: UnsafeBufferPointer<UInt8>, _ tables: inout WSFeatureTables, _ c: inout WSFeatureCounts,
                      spans: UnsafeMutablePointer<WSSpan>, _ stopwords: StopwordTable) -> Bool {
        let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let found = ws_line_features(base, b.count, &tables, &c, spans, spanCapacity)
        guard found >= 0 else { return false }
        for k in 0..<found {
            let span = spans[k]
            switch span.kind {
            case Int(WS_SPAN_REGION): region(b, span.start, span.end, stopwords, &c)
            case Int(WS_SPAN_LONG_WORD): c.stop &+= stopwords.stopCount(asciiLowercasing: b, span.start, span.end)
            default: if isLink(UnsafeBufferPointer(rebasing: b[span.start..<span.end])) { c.links &+= 1 }
            }
        }
        return true
    }

    /// Adds to `c` what the region `b[start..<end]` holds: a maximal run of ASCII letters, digits,
    /// `'`, `-` and bytes that are not ASCII, with one of the last (`WS_SPAN_REGION`): its words,
    /// their first capitals and stop words, and its non-ASCII characters, letters and capitals
    /// (the ASCII bytes' are counted in C). The byte loop's steps, on the region alone: a region
    /// starts and ends no word outside it (the bytes around it are ASCII and neither in a word
    /// nor joining one).
    @inline(never)
    static func region(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ stopwords: StopwordTable,
                       _ c: inout WSFeatureCounts) {
        let common = commonScalarClass
        let run = asciiRunTable
        let n = b.count
        var tokenStart = -1, tokenASCII = true
        var words = 0, titled = 0, stop = 0, chars = 0, letters = 0, capitals = 0
        var i = start
        while i < end {
            let byte = b[i]
            if byte < 0x80 {
                if run[Int(byte)] != 0 {
                    if tokenStart < 0 {
                        tokenStart = i
                        tokenASCII = true
                    }
                } else {
                    // A joiner (`'` or `-`), the region's only other ASCII bytes.
                    let joins = i + 1 < n && (b[i + 1] < 0x80 ? run[Int(b[i + 1])] != 0 : isWord(decode(b, i + 1).value))
                    if tokenStart >= 0, !joins {
                        let (t, s) = otherWord(b, tokenStart, i, ascii: tokenASCII, firstKnown: false, stopwords, common)
                        words += 1
                        titled += t
                        stop += s
                        tokenStart = -1
                    }
                }
                i += 1
                continue
            }
            let (s, w) = decode(b, i)
            let next = i + w
            let k = commonClass(s, common)
            let inWord = k != uncommon ? k & word != 0 : isWord(s)
            let joins = tokenStart >= 0 && s == 0x2019 && next < n && isWord(decode(b, next).value)
            if inWord || joins {
                if tokenStart < 0 { tokenStart = i }
                tokenASCII = false
            } else if tokenStart >= 0 {
                let (t, s) = otherWord(b, tokenStart, i, ascii: tokenASCII, firstKnown: false, stopwords, common)
                words += 1
                titled += t
                stop += s
                tokenStart = -1
            }
            let (isSpace, isLetter, isUpper) = spaceLetterUpper(k, s)
            if !isSpace {
                if isLetter {
                    letters += 1
                    if isUpper { capitals += 1 }
                }
                chars += 1
            }
            i = next
        }
        if tokenStart >= 0 {
            let (t, s) = otherWord(b, tokenStart, end, ascii: tokenASCII, firstKnown: false, stopwords, common)
            words += 1
            titled += t
            stop += s
        }
        c.words += words
        c.titled += titled
        c.stop += stop
        c.chars += chars
        c.letters += letters
        c.capitals += capitals
    }

    /// The byte loop: every byte classified by a table in turn, the non-ASCII ones decoded (the
    /// features before step 450; `init(utf8:)` falls back to it, and tests compare the two).
    init(scalarUTF8 b: UnsafeBufferPointer<UInt8>, stopwords: StopwordTable, shortWords table: ShortWords? = nil) {
        let n = b.count
        var wordCount = 0, stop = 0, titled = 0
        // The ASCII letters and capitals of the line, in one pass of their own; the loop adds
        // the other scripts' letters.
        var asciiCapitals: UInt64 = 0
        let asciiLetters = ws_ascii_letters(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, n, &asciiCapitals)
        var letters = Int(truncatingIfNeeded: asciiLetters), capitals = Int(truncatingIfNeeded: asciiCapitals)
        var count = 0
        var tokenStart = -1
        var tokenASCII = true
        // Links: the run of bytes since the last space or tab, and where its first `.` or `:`
        // stands (-1: none; every web-address form has one; `runIsLink` looks only at those runs).
        var runStart = 0, firstMark = -1, linkCount = 0
        // Once, not a lazy global's check per byte; a raw pointer, read without a bounds check.
        let classes = LineFeatures.asciiClassTable
        let common = LineFeatures.commonScalarClass
        // Whether the current word's first character was counted in `titled` already (an ASCII
        // one, where the run loop starts it).
        var firstKnown = false
        let run = LineFeatures.asciiRunTable
        let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
        // The runs of one or two bytes, by the table's bits (`shortWords`).
        let shortBit = table?.bitOf
        var short: UInt64 = 0
        var i = 0
        while i < n {
            var byte = b[i]
            if byte < 0x80 {
                // ASCII (most bytes): one table lookup classifies the byte.
                var c = classes[Int(byte)]
                if c & LineFeatures.word != 0 {
                    // A letter or digit (most bytes): in a word, counted, neither closing nor
                    // space, and it neither ends nor marks a link's run.
                    if tokenStart < 0 {
                        tokenStart = i
                        tokenASCII = true
                        if c & LineFeatures.upper != 0 { titled &+= 1 }
                        firstKnown = true
                    }
                    // The run of ASCII letters and digits from here: its letters and capitals
                    // are counted once a line (`ws_ascii_letters`), its end found 16 bytes at once
                    // (`ws_ascii_run16`, SSE2) with no branch on its length, which a loop over its
                    // bytes mispredicted at about every word (step 411 in docs/performance.md).
                    var j = i
                    if i &+ 16 <= n {
                        j = i &+ Int(truncatingIfNeeded: ws_ascii_run16(base + i))
                        // A run of 16 bytes or more goes on byte by byte.
                        if j &- i == 16 { while j < n, run[Int(base[j])] != 0 { j &+= 1 } }
                    } else {
                        // The line's last 15 bytes.
                        repeat { j &+= 1 } while j < n && run[Int(base[j])] != 0
                    }
                    count &+= j &- i
                    // The run is all of a run of ASCII letters and digits: it started at the
                    // byte after one that is none (or at the line's start), and ends before one.
                    if j &- i <= 2, let shortBit {
                        short |= 1 &<< UInt64(shortBit[ShortWords.index(base[i], j &- i == 2 ? base[i &+ 1] : nil)])
                    }
                    i = j
                    // The byte that ended the run, when ASCII (a space, most often), is taken
                    // below without going round the loop (step 222 in docs/performance.md).
                    guard j < n else { continue }
                    byte = base[j]
                    guard byte < 0x80 else { continue }
                    c = classes[Int(byte)]
                }
                if byte == 0x20 || byte == 0x09 {
                    if firstMark >= 0, LineFeatures.runIsLink(b, runStart, i, firstMark: firstMark) { linkCount += 1 }
                    runStart = i &+ 1
                    firstMark = -1
                } else if byte == 0x2E || byte == 0x3A {
                    if firstMark < 0 { firstMark = i }
                }
                // Words: runs of word characters, joined across an apostrophe or hyphen between two.
                let joins = (byte == 0x27 || byte == 0x2D) && i &+ 1 < n
                    && (base[i &+ 1] < 0x80 ? run[Int(base[i &+ 1])] != 0 : LineFeatures.isWord(LineFeatures.decode(b, i + 1).value))
                if tokenStart >= 0, !joins {
                    // A word of ASCII bytes whose first letter the run loop counted (most words):
                    // counted here, with no call; any other word by `otherWord`.
                    wordCount &+= 1
                    if tokenASCII && firstKnown {
                        stop &+= stopwords.stopCount(asciiLowercasing: b, tokenStart, i)
                    } else {
                        let (t, s) = LineFeatures.otherWord(b, tokenStart, i, ascii: tokenASCII, firstKnown: firstKnown, stopwords, common)
                        titled &+= t
                        stop &+= s
                    }
                    firstKnown = false
                    tokenStart = -1
                }
                // Characters, whitespace aside (no letter gets here). Wrapping arithmetic: `i` is
                // below the line's count (step 334 in docs/performance.md).
                if c & LineFeatures.space == 0 { count &+= 1 }
                i &+= 1
                continue
            }
            let (s, w) = LineFeatures.decode(b, i)
            let next = i + w
            // Most non-ASCII characters (accented letters, curly quotes, dashes) have their
            // properties in a table; the others are asked of the Unicode tables.
            let c = LineFeatures.commonClass(s, common)
            let isWord = c != LineFeatures.uncommon ? c & LineFeatures.word != 0 : LineFeatures.isWord(s)
            let joins = tokenStart >= 0 && s == 0x2019 && next < n && LineFeatures.isWord(LineFeatures.decode(b, next).value)
            if isWord || joins {
                if tokenStart < 0 { tokenStart = i }
                tokenASCII = false
            } else if tokenStart >= 0 {
                let (t, s) = LineFeatures.otherWord(b, tokenStart, i, ascii: tokenASCII, firstKnown: firstKnown, stopwords, common)
                wordCount &+= 1
                titled &+= t
                stop &+= s
                firstKnown = false
                tokenStart = -1
            }
            let (isSpace, isLetter, isUpper) = LineFeatures.spaceLetterUpper(c, s)
            if !isSpace {
                if isLetter {
                    letters += 1
                    if isUpper { capitals += 1 }
                }
                count += 1
            }
            i = next
        }
        if tokenStart >= 0 {
            let (t, s) = LineFeatures.otherWord(b, tokenStart, n, ascii: tokenASCII, firstKnown: firstKnown, stopwords, common)
            wordCount &+= 1
            titled &+= t
            stop &+= s
        }
        words = wordCount
        if let table {
            shortWords = short
            shortWordsKey = table.key
        }
        stopwordRatio = words > 0 ? Double(stop) / Double(words) : 0
        titleRatio = words > 0 ? Double(titled) / Double(words) : 0
        chars = count
        capsRatio = letters > 0 ? Double(capitals) / Double(letters) : 0
        if let end = LineFeatures.lastNonClosing(b, LineFeatures.asciiClass, common) { endsWithPunctuation = LineFeatures.isTerminal(end) }
        if firstMark >= 0, LineFeatures.runIsLink(b, runStart, n, firstMark: firstMark) { linkCount += 1 }
        links = linkCount
    }

    /// What a word of `b[start..<end]` adds to the counts of first capitals and of stop words, for
    /// a word the byte loop does not count itself: one with a non-ASCII byte, one whose first
    /// letter it did not see, one at the line's end. Out of line and without captures, so that
    /// the loop's counters stay in registers (step 220 in docs/performance.md).
    @inline(never)
    static func otherWord(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, ascii: Bool, firstKnown: Bool,
                          _ stopwords: StopwordTable, _ common: [UInt8]) -> (titled: Int, stop: Int) {
        var titled = 0
        if !firstKnown {
            let first = decode(b, start).value
            let c = commonClass(first, common)
            if c != uncommon ? c & upper != 0 : isUppercase(first) { titled = 1 }
        }
        let stop = ascii ? stopwords.contains(asciiLowercasing: b, start, end)
                         : stopwords.contains(nonASCIILowercasing: b, start, end)
        return (titled, stop ? 1 : 0)
    }

    /// The line's last character that is neither whitespace nor closing (`isClosing`), read
    /// backwards from its end: what the forward pass kept track of at every byte, at about three
    /// instructions a byte (step 97 in docs/performance.md).
    static func lastNonClosing(_ b: UnsafeBufferPointer<UInt8>, _ classes: [UInt8], _ common: [UInt8]) -> UInt32? {
        var j = b.count
        while j > 0 {
            var k = j - 1
            while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }
            let v = decode(b, k).value
            j = k
            let isSpace: Bool
            if v < 0x80 {
                isSpace = classes[Int(v)] & space != 0
            } else {
                let c = commonClass(v, common)
                isSpace = c != uncommon ? c & space != 0 : properties(v).space
            }
            if isSpace || isClosing(v) { continue }
            // A closing quote or ellipsis whose UTF-8 bytes were decoded as Latin-1 or
            // Windows-1252 before the page reached us ("â" then U+0080 or "€", then U+009D, U+0099
            // or "™" for ” and ’, "¦" for …) ends a sentence as the character would: a quote is
            // skipped like `isClosing`, the ellipsis is terminal.
            if closesMojibake(v) || v == 0xA6, let start = mojibakeStart(b, before: k) {
                if v == 0xA6 { return 0x2026 }
                j = start
                continue
            }
            return v
        }
        return nil
    }

    /// Where "â" then U+0080 or "€" starts, if those two scalars end right before byte `end`.
    static func mojibakeStart(_ b: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        guard end > 0 else { return nil }
        var k = end - 1
        while k > 0, b[k] & 0xC0 == 0x80 { k -= 1 }
        let second = decode(b, k).value
        guard k > 0, second == 0x80 || second == 0x20AC else { return nil }
        var m = k - 1
        while m > 0, b[m] & 0xC0 == 0x80 { m -= 1 }
        return decode(b, m).value == 0xE2 ? m : nil
    }

    /// ASCII byte classes, for the one-pass loop: word character (letter or digit), whitespace,
    /// letter, capital, closing character (`isClosing`).
    static let word: UInt8 = 1, space: UInt8 = 2, letter: UInt8 = 4, upper: UInt8 = 8, closing: UInt8 = 16
    static let asciiClass: [UInt8] = (0..<128).map { (v: UInt32) -> UInt8 in
        var c: UInt8 = 0
        if (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { c |= word }
        if v == 0x20 || (v >= 0x09 && v <= 0x0D) { c |= space }
        if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { c |= letter }
        if v >= 0x41 && v <= 0x5A { c |= upper }
        if isClosing(v) { c |= closing }
        return c
    }

    /// `asciiClass` in memory of its own, never freed: the byte loop reads it at every byte, and
    /// an array's read is checked against its count (step 99 in docs/performance.md).
    nonisolated(unsafe) static let asciiClassTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        table.initialize(from: asciiClass, count: 128)
        return UnsafePointer(table)
    }()

    /// For each byte, what the run loop of ASCII letters and digits adds up: 0 for a byte that
    /// ends the run (not an ASCII letter or digit), else bit 63 (set on every letter and digit, so
    /// that none reads 0; its carries leave the word), plus 1 for a letter and `1 << 32` for a
    /// capital: the low half sums the letters, bits 32-62 the capitals. Since step 411 the loop
    /// reads only whether an entry is 0 (letters and capitals come from `ws_ascii_letters`).
    nonisolated(unsafe) static let asciiRunTable: UnsafePointer<UInt64> = {
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
        for v in 0..<256 {
            let c = v < 128 ? asciiClass[v] : 0
            table[v] = c & word == 0 ? 0 : 1 << 63 | (c & letter != 0 ? 1 : 0) | (c & upper != 0 ? 1 << 32 : 0)
        }
        return UnsafePointer(table)
    }()

    /// Whitespace, alphabetic and uppercase of a scalar: from its common class `k` where it has
    /// one, else from `properties` (both the region loop and the line loop count by it).
    @inline(__always)
    static func spaceLetterUpper(_ k: UInt8, _ v: UInt32) -> (space: Bool, letter: Bool, upper: Bool) {
        k != uncommon ? (k & space != 0, k & letter != 0, k & upper != 0) : properties(v)
    }

    /// Whitespace, alphabetic and uppercase, as `Unicode.Scalar.Properties` says.
    @inline(never)
    static func properties(_ v: UInt32) -> (space: Bool, letter: Bool, upper: Bool) {
        let p = Unicode.Scalar(v)!.properties
        return (p.isWhitespace, p.isAlphabetic, p.isUppercase)
    }

    /// The classes (`word` as `isWord`, then `space`, `letter`, `upper` as `properties`) of
    /// U+0080-U+07FF (Latin letters with marks, Greek, Cyrillic, Hebrew, Arabic) and
    /// U+2000-U+206F (spaces, quotes, dashes): the non-ASCII characters of most lines, which
    /// cost about 250 instructions a property through the Unicode tables.
    /// Written out below, one hex digit a scalar in order (the sum of `word` 1, `space` 2,
    /// `letter` 4, `upper` 8): asked of the Unicode tables (`computedCommonScalarClass`) they
    /// cost about 3.4 M instructions, on the first line of every process (step 330 in
    /// docs/performance.md). `PageTests.commonScalarClassTableIsTheUnicodeProperties` checks the
    /// digits against the tables and prints them anew when they differ (another Unicode version).
    static let commonScalarClass: [UInt8] = {
        let hex: StaticString = """
        0000020000000000000000000000000020000000005000000011050001501110DDDDDDDDDDDDDDDDDDDDDDD0DDDDDDD5
        55555555555555555555555055555555D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D55D5D5D5D
        5D5D5D5D55D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5DD5D5D555DD5D5DD5DDD55DDDD5DD5DDD555DD5D
        D5D5D5DD5D55D5DD5DDD5D5DD555D5555555D55D55D55D5D5D5D5D5D5D5D55D5D5D5D5D5D5D5D5D55D55D5DDD5D5D5D5
        D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5555555DD5DD55D5DDDD5D5D5D5D55555555555555555
        555555555555555555555555555555555555555555555555555555555555555555555555555555555555555555555555
        550000555555555555000000000000005555500000005050000000000000000000000000000000000000000000000000
        00000000000000000000000000000000000005000000000000000000000000000005555555555555D5D550D50055550D
        000000D0DDD0D0DD5DDDDDDDDDDDDDDDDD0DDDDDDDDD55555555555555555555555555555555555D55DDD555D5D5D5D5
        D5D5D5D5D5D5D5D55555D50D5DD55DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD5555555555555555
        55555555555555555555555555555555D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D500000000D5D5D5D5D5D5D5D5D5D5D5
        D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5DD5D5D5D5D5D5D55D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5
        D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D5D50DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD005000000
        555555555555555555555555555555555555555550000000000000000000000000000000000000005555555555555505
        055055050000000055555555555555555555555555500005555000000000000000000000000000005555555555500000
        555555555555555555555555555555555555555555555555555555550555555511111111110000555555555555555555
        555555555555555555555555555555555555555555555555555555555555555555555555555555555555055555555000
        055555555000055511111111115550050000000000000000555555555555555555555555555555555555555555555555
        000000000000055555555555555555555555555555555555555555555555555555555555555555555555555555555555
        555555555555555555000000000000001111111111555555555555555555555555555555555000000000550000500000
        222222222220000000000000000000000000000022000002000000000000000000000000000000000000000000000002
        0000000000000000
        """
        var table: [UInt8] = []
        table.reserveCapacity(commonScalarClassCount)
        let p = hex.utf8Start
        for k in 0..<hex.utf8CodeUnitCount {
            let d = p[k]
            if d >= 0x30 && d <= 0x39 { table.append(d - 0x30) } else if d >= 0x41 && d <= 0x46 { table.append(d - 0x41 + 10) }
        }
        precondition(table.count == commonScalarClassCount, "commonScalarClass: \(table.count) digits")
        return table
    }()

    /// U+0080-U+07FF and U+2000-U+206F.
    static let commonScalarClassCount = 0x780 + 0x70

    /// `commonScalarClass` asked of the Unicode tables (`isWord`, `properties`).
    static func computedCommonScalarClass() -> [UInt8] {
        (Array(0x80..<0x800) + Array(0x2000..<0x2070)).map { (v: UInt32) -> UInt8 in
            let (space, letter, upper) = properties(v)
            return (isWord(v) ? word : 0) | (space ? LineFeatures.space : 0) | (letter ? LineFeatures.letter : 0)
                | (upper ? LineFeatures.upper : 0)
        }
    }
    /// `commonClass` of a scalar outside the table.
    static let uncommon: UInt8 = 0xFF

    @inline(__always)
    static func commonClass(_ v: UInt32, _ table: [UInt8]) -> UInt8 {
        if v &- 0x80 < 0x780 { return table[Int(v &- 0x80)] }
        if v &- 0x2000 < 0x70 { return table[Int(v &- 0x2000) &+ 0x780] }
        return uncommon
    }

    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, width: Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return ((b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// Out of line, as are `properties` and `isUppercase`: inlined, their Unicode property
    /// getters made the byte loop's function set up generic metadata and stack space on every
    /// line, for the few scalars that reach them (step 221 in docs/performance.md).
    @inline(never)
    static func isWord(_ v: UInt32) -> Bool { Tokens.isWordScalar(Unicode.Scalar(v)!) }

    @inline(never)
    static func isUppercase(_ v: UInt32) -> Bool {
        v < 0x80 ? (v >= 0x41 && v <= 0x5A) : Unicode.Scalar(v)!.properties.isUppercase
    }

    /// `. ! ? … 。`
    static func isTerminal(_ v: UInt32) -> Bool { v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026 || v == 0x3002 }
    /// The last scalar of a mis-decoded closing quote after "â" and U+0080 (or "€"): U+009D and
    /// U+0099 (Latin-1 reading of ” and ’), "™" (Windows-1252 reading of ’).
    static func closesMojibake(_ v: UInt32) -> Bool { v == 0x9D || v == 0x99 || v == 0x2122 }
    /// Closing quotes and brackets that may follow a sentence end: `" ' ) ] ” ’ » *`.
    static func isClosing(_ v: UInt32) -> Bool {
        v == 0x22 || v == 0x27 || v == 0x29 || v == 0x5D || v == 0x201D || v == 0x2019 || v == 0xBB || v == 0x2A
    }

    /// Counts whitespace-separated tokens that look like web addresses: `http://…`, `https://…`,
    /// `www.…`, or a bare domain such as `example.com` or `bit.ly/x` (letters, digits, `-` and `.`
    /// before the first dot, then one of a few common top-level domains). For a comment's text
    /// (`CommentTokens`); a page line's links are counted in `init`'s own pass, with `isLink`.
    static func countLinks(_ text: String) -> Int {
        var line = text
        return line.withUTF8 { countLinks($0) }
    }

    static func countLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            let start = i
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
            if i > start, isLink(UnsafeBufferPointer(rebasing: bytes[start..<i])) { count += 1 }
        }
        return count
    }

    /// The top-level domains of a bare web address, each packed into an integer (`pack`).
    static let topLevelDomains: [UInt32] = ["com", "org", "net", "ly", "io", "co", "info", "biz", "tv", "me", "us", "uk"].map { pack(Array($0.utf8)[...]) }
    static let longestTopLevelDomain = 4

    /// Up to four bytes as one integer, the first in the low byte; nothing else packs to the same.
    @inline(__always)
    static func pack(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `isLink` of the run `b[start..<end]` whose first `.` or `:` stands at `firstMark`. When
    /// that is its last byte (a word ending a sentence or a label: "end.", "said:", 4,785 of the
    /// 5,890 marked runs of the first 160 news pages), only "www." is a link, as `isLink`
    /// decides; it is answered here, without the call and its searches for the marks (step 331
    /// in docs/performance.md).
    @inline(__always)
    static func runIsLink(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, firstMark: Int) -> Bool {
        guard firstMark == end &- 1 else { return isLink(UnsafeBufferPointer(rebasing: b[start..<end])) }
        return end &- start == 4 && b[start] | 0x20 == 0x77 && b[start &+ 1] | 0x20 == 0x77 && b[start &+ 2] | 0x20 == 0x77
            && b[firstMark] == 0x2E
    }

    /// Whether `token` holds "http://" or "https://" (any case) anywhere: at each `:` followed by
    /// "//", the four or five bytes before it read as "http" or "https". One pass over the bytes;
    /// a search for each form at every place, a closure call a byte, cost about 300 instructions
    /// a link-like run (step 651 in docs/performance.md).
    static func hasWebScheme(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = token.count
        guard n >= 7 else { return false }
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        // "http" ends at `end` (exclusive).
        @inline(__always) func http(endingAt end: Int) -> Bool {
            end >= 4 && lower(token[end - 4]) == 0x68 && lower(token[end - 3]) == 0x74 && lower(token[end - 2]) == 0x74
                && lower(token[end - 1]) == 0x70
        }
        var p = 4
        while p + 2 < n {
            if token[p] == 0x3A, token[p + 1] == 0x2F, token[p + 2] == 0x2F {
                if http(endingAt: p) { return true }
                if p >= 5, lower(token[p - 1]) == 0x73, http(endingAt: p - 1) { return true }
            }
            p += 1
        }
        return false
    }

    static func isLink(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        @inline(__always) func letter(_ b: UInt8) -> Bool { let l = lower(b); return l >= 0x61 && l <= 0x7A }
        // Every form below has a `.` or a `:`; most words have neither. Only `http://` and
        // `https://` need the colon: a word ending a sentence ("end.") skips their search.
        guard token.contains(where: { $0 == 0x2E || $0 == 0x3A }) else { return false }
        // Most tokens with one end a sentence or a label ("end.", "said:"): with the mark only as
        // the last byte, only "www." itself is a link (step 194 in docs/performance.md).
        if !token.dropLast().contains(where: { $0 == 0x2E || $0 == 0x3A }) {
            return token.count == 4 && lower(token[0]) == 0x77 && lower(token[1]) == 0x77 && lower(token[2]) == 0x77 && token[3] == 0x2E
        }
        if hasWebScheme(token) { return true }
        if token.count >= 4, lower(token[0]) == 0x77, lower(token[1]) == 0x77, lower(token[2]) == 0x77, token[3] == 0x2E { return true }
        // A bare domain: the first dot, not at the start, with only letters, digits, '-' or '.'
        // before it... (a dot can only be the first one), then a known top-level domain.
        guard let dot = token.firstIndex(of: 0x2E), dot > 0 else { return false }
        for b in token[..<dot] where !(letter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b >= 0x80) { return false }
        var tld: UInt32 = 0
        var k = dot + 1
        while k < token.count, letter(token[k]) {
            guard k - dot <= longestTopLevelDomain else { return false }
            tld |= UInt32(lower(token[k])) << (8 * (k - dot - 1))
            k += 1
        }
        return k > dot + 1 && topLevelDomains.contains(tld)
    }
}
