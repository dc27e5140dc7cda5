/// The story's own numbered lists: a tracklist, a book's contents, the steps of a method. Their
/// items are short title-like lines that read as menu entries or teaser titles one by one, but
/// their numbering (1, 2, 3, … one item per line) makes them one list, and a list that starts
/// inside the story or right under its last paragraph is the story's. A most-read list stands
/// under its heading, past the story's last furniture, or beside a sidebar's blurb. A list in
/// parts ("Disc 1", "Disc 2") starts again at 1 a few lines under the part before it. A ranking
/// may print a tie as one item of two numbers ("4, 5. (tied) …", "4-5. …"): the next item goes on
/// after the second. A ranking may also stand right over the story's text ("Cities that top the
/// list:" over the items, the text under them).
extension Labeler {
    /// How many non-blank lines below the story's block a list's first item may stand (the
    /// album's name and "Tracklist:" sit between the text and a tracklist).
    static let storyListReach = 5
    /// The fewest items a numbered run needs to count as a list.
    static let storyListMinItems = 3
    /// How many non-blank lines above the story's block a list's last item may stand (a source
    /// line between a ranking and the text under it).
    static let storyListLeadAbove = 2
    /// How far a tied item's second number may run past its first ("4, 5.", "12-14.").
    static let storyListMaxTie = 9

    /// Whether the first byte of `line` that is no space or tab is an ASCII digit, as every list
    /// item's first scalar is (`listNumbers`).
    /// (Read through the `UTF8View`, which stops at the first such byte: a copy of the line for
    /// `withUTF8` retained and released its storage, more than the byte costs.)
    @inline(__always)
    static func opensWithDigit(_ line: String) -> Bool {
        for c in line.utf8 where c != 0x20 && c != 0x09 { return c &- 0x30 < 10 }
        return false
    }

    /// The number a line opens with as a list item ("12. Title", "3) Title", a tracklist's
    /// "03 Title"), if any.
    static func listNumber(_ line: String) -> Int? { listNumbers(line)?.first }

    /// The numbers a line opens with as a list item: one ("12. Title", "3) Title", a tracklist's
    /// "03 Title"), or a tie's two ("4, 5. (tied) Title", "4-5. Title", "4–5) Title": `last` runs
    /// at most `storyListMaxTie` past `first`), if any.
    static func listNumbers(_ line: String) -> (first: Int, last: Int)? {
        var it = line.unicodeScalars.makeIterator()
        var c = it.next()
        func readNumber() -> (value: Int, digits: Int) {
            var value = 0, digits = 0
            while let s = c, ("0"..."9").contains(s), digits < 4 {
                value = value * 10 + Int(s.value - 48); digits += 1; c = it.next()
            }
            return (value, digits)
        }
        while let s = c, s == " " || s == "\t" { c = it.next() }
        let (number, digits) = readNumber()
        guard (1...3).contains(digits), var mark = c else { return nil }
        var last = number
        // A tie: ", 5", "-5", "–5" before the mark.
        if mark == "," || mark == "-" || mark == "\u{2013}" {
            c = it.next()
            if mark == ",", let s = c, s == " " { c = it.next() }
            let (second, secondDigits) = readNumber()
            guard (1...3).contains(secondDigits), second > number, second - number <= storyListMaxTie,
                  let m = c, m == "." || m == ")" else { return nil }
            last = second; mark = m
        }
        // "3. Title", "3) Title"; a tracklist's zero-padded "03 Title" needs no mark.
        if mark == " " || mark == "\t" {
            guard digits == 2, line.unicodeScalars.first(where: { $0 != " " && $0 != "\t" }) == "0" else { return nil }
        } else {
            guard mark == "." || mark == ")", let space = it.next(), space == " " || space == "\t" else { return nil }
        }
        var rest = it.next()
        while let s = rest, s == " " || s == "\t" { rest = it.next() }
        return rest == nil ? nil : (number, last)
    }

    /// Sets `storyList` on the items of every numbered run (items 1, 2, 3, … on consecutive
    /// non-blank lines, at least `storyListMinItems`; a tie "4, 5." counts as 4 and 5) whose first
    /// item lies in the story's block or at most `storyListReach` non-blank lines below a line of
    /// it, or whose last item stands at most `storyListLeadAbove` non-blank lines over the story's
    /// block; clears it elsewhere.
    /// Lines in `furnitureLeadIns` (a `furniture-lead-in` rule's) introduce no list.
    static func markStoryLists(_ features: inout [LineFeatures], lines: [String], blank: [Bool],
                               leadIn: LeadInList = LeadInList(), furnitureLeadIns: Set<Int> = []) {
        let nonBlank = Page.nonBlankIndices(blank)
        for i in nonBlank { features[i].storyList = false }
        // A line whose first byte past its spaces and tabs is no ASCII digit opens with no number:
        // asked of its bytes first, most lines skip `listNumbers`' scalar iterator (step 603).
        markLeadInLists(&features, lines: lines, nonBlank: nonBlank, leadIn: leadIn, furniture: furnitureLeadIns)
        let numbers = nonBlank.map { opensWithDigit(lines[$0]) ? listNumbers(lines[$0]) : nil }
        var p = 0
        while p < nonBlank.count {
            guard let first = numbers[p], first.first == 1 else { p += 1; continue }
            var q = p, last = first.last
            while q + 1 < nonBlank.count, let n = numbers[q + 1], n.first == last + 1 { q += 1; last = n.last }
            let items = q - p + 1
            let lead = stride(from: p, through: max(0, p - storyListReach), by: -1)
            let above = (q + 1)..<min(nonBlank.count, q + 1 + storyListLeadAbove)
            // A list in parts ("Disc 1", "Disc 2") starts again at 1 under the part before it.
            if items >= storyListMinItems, lead.contains(where: { features[nonBlank[$0]].inStoryBlock || features[nonBlank[$0]].storyList })
                || above.contains(where: { features[nonBlank[$0]].inStoryBlock }) {
                for k in p...q { features[nonBlank[k]].storyList = true }
            }
            p = q + 1
        }
    }

    /// The bounds of a list under a lead-in (`prose.lead_in_items`, `prose.lead_in_item_words`).
    struct LeadInList: Equatable {
        /// The most items a list under a lead-in may have (0: such lists are not marked).
        var items = 0
        /// The most words an item may have.
        var itemWords = 0
        /// Whether the story must go on right under the list's last item.
        var resume = false
        /// Whether a lead-in right under the story's block (the non-blank line above it is the
        /// block's) counts too (`prose.lead_in_below_story`).
        var belowStory = false
        /// The fewest words a lead-in has ("Top producers include:", not "Tags:").
        static let leadInWords = 4
        /// The fewest items that make a list.
        static let minItems = 2
    }

    /// Whether the last scalar of `line` other than a space, tab or carriage return is ":", read
    /// from the last bytes: those three and ":" are ASCII, and the last byte of any other scalar
    /// is no ASCII byte. (The scalars read backwards, `unicodeScalars.last(where:)`, cost about
    /// 200 instructions a line; step 650 in docs/performance.md.)
    static func endsInColon(_ text: String) -> Bool {
        var line = text
        return line.withUTF8 { b in
            var k = b.count
            while k > 0 {
                k &-= 1
                let c = b[k]
                if c == 0x20 || c == 0x09 || c == 0x0D { continue }
                return c == 0x3A
            }
            return false
        }
    }

    /// Sets `storyList` on the items of a list that a sentence of the story introduces (session
    /// 25, art33): a lead-in line ending in a colon, of `LeadInList.leadInWords` words or more and
    /// no link, in the story's block ("… found in foods like:", "The report covers these
    /// regions:"; a box's heading right under the story's last line, such as a list of the
    /// post's tags, stands outside it), over a run of short lines (each without a link, at
    /// most `itemWords` words, not itself ending in a colon), at least `LeadInList.minItems` and
    /// at most `items` of them (with `resume`, the story's block goes on right under the last).
    /// With `belowStory`, the lead-in may also stand right under the block's last line (session
    /// 26, art35: "This year's winners are:" under the story's last paragraph). A lead-in in
    /// `furniture` introduces the site's furniture (a `furniture-lead-in` rule fired on it:
    /// links, sharing, trackbacks, a search box) and marks nothing.
    /// Line by line the items read as menu entries or teaser titles;
    /// the sentence above makes them the story's list (docs/fixtures.md, lists that belong to
    /// the story).
    static func markLeadInLists(_ features: inout [LineFeatures], lines: [String], nonBlank: [Int], leadIn: LeadInList,
                                furniture: Set<Int> = []) {
        guard leadIn.items > 0, leadIn.itemWords > 0 else { return }
        func endsInColon(_ i: Int) -> Bool { Labeler.endsInColon(lines[i]) }
        var p = 0
        while p < nonBlank.count {
            let i = nonBlank[p]
            let f = features[i]
            let placed = f.inStoryBlock || (leadIn.belowStory && p > 0 && features[nonBlank[p - 1]].inStoryBlock)
            guard placed, f.links == 0, f.words >= LeadInList.leadInWords, endsInColon(i), !furniture.contains(i) else { p += 1; continue }
            var q = p + 1
            while q < nonBlank.count, q - p <= leadIn.items {
                let g = features[nonBlank[q]]
                guard g.links == 0, g.words >= 1, g.words <= leadIn.itemWords, !endsInColon(nonBlank[q]) else { break }
                q += 1
            }
            let items = q - p - 1
            // With `resume`, the story must go on right under the list (a story-block line).
            let resumes = q < nonBlank.count && features[nonBlank[q]].inStoryBlock
            if items >= LeadInList.minItems, items <= leadIn.items, !leadIn.resume || resumes {
                for k in (p + 1)..<q { features[nonBlank[k]].storyList = true }
            }
            p = max(p + 1, q)
        }
    }
}
