/// A box of teasers outside the story: each other post's title over its one-sentence summary,
/// perhaps a date or a "Read more" under that, three or more such teasers one after another
/// ("Harbour fees double for small boats" / "The council voted on Tuesday to raise the fees for
/// the first time since 2009." / "Ferry timetable changes in May" / …). One by one the summary
/// reads as a sentence of the story and keeps the article prior, and the context rules then take
/// the title between two such "story" lines for a subhead; a rule's `previous` and `next`
/// conditions read labels, not the shape of the lines around, so this step reads the box whole
/// and sets the feature `teaser_box` on its lines (session 29, art42; docs/evaluation.md).
extension Labeler {
    /// What a non-blank line can be in a teaser box (`markTeaserBoxes`).
    private enum TeaserPart: UInt8 {
        /// A title (3 to 16 words, not ending like a sentence, in a colon, a semicolon or a comma,
        /// nor cut short by an ellipsis; a question mark may end it) outside the story's block.
        case title
        /// A summary (8 to 60 words ending like a sentence, `endsWithPunctuation`: a cut "..." too)
        /// outside the story's block.
        case summary
        /// A line that may stand under a summary: at most 8 words, or a title's shape in the
        /// story's block (it opens no teaser).
        case short
        /// Anything else (a summary's shape in the story's block too): it ends a box.
        case other
    }

    /// Sets `teaserBox` on the lines of every run of `minimum` or more teasers in a row: a title
    /// over a summary (neither in the story's block), then up to two short lines (or titles with
    /// no summary under them: a date, "Read more", a box's next heading) before the next title;
    /// blank lines between are skipped. Clears it elsewhere. Reads `inStoryBlock`, so it runs
    /// after `markMainBlock` (and again when the blocks are found again around a thread).
    static func markTeaserBoxes(_ features: inout [LineFeatures], lines: [String], blank: [Bool], minimum: Int = 3) {
        // A line's part, its features read in place (a copy of a line's features cost more than
        // the test).
        func part(_ i: Int) -> TeaserPart {
            let w = features[i].words, inStory = features[i].inStoryBlock
            if w >= 3, w <= 16, endsLikeTitle(lines[i]) { return inStory ? .short : .title }
            if w >= 8, w <= 60, features[i].endsWithPunctuation { return inStory ? .other : .summary }
            return w <= 8 ? .short : .other
        }
        // How many teasers open: most pages have too few for a box, and are left with no array
        // built.
        var opening = 0, previous = TeaserPart.other
        for i in lines.indices where !blank[i] {
            features[i].teaserBox = false
            let p = part(i)
            if p == .summary, previous == .title { opening += 1 }
            previous = p
        }
        guard opening >= minimum else { return }
        let rows = lines.indices.filter { !blank[$0] }
        let parts = rows.map(part)
        let n = parts.count
        func opensTeaser(_ r: Int) -> Bool { r + 1 < n && parts[r] == .title && parts[r + 1] == .summary }
        var r = 0
        while r < n {
            var j = r, units = 0
            while opensTeaser(j) {
                var k = j + 2, short = 0
                while k < n, short < 2, parts[k] == .short || (parts[k] == .title && !opensTeaser(k)) {
                    k += 1
                    short += 1
                }
                units += 1
                j = k
            }
            if units >= minimum {
                for q in r..<j { features[rows[q]].teaserBox = true }
                r = j
            } else {
                r += 1
            }
        }
    }

    /// Whether `line` ends as a title may: its last character (ASCII white space aside) is none of
    /// `. ! : ; ,` and no ellipsis ("…"; "..." ends in a full stop). Read on the line's bytes in
    /// place (a copy of the string to read them cost a retain and a release a line).
    static func endsLikeTitle(_ line: String) -> Bool {
        line.utf8.withContiguousStorageIfAvailable(endsLikeTitle) ?? Array(line.utf8).withUnsafeBufferPointer(endsLikeTitle)
    }

    private static func endsLikeTitle(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var e = b.count
        while e > 0, b[e - 1] == 0x20 || (b[e - 1] >= 0x09 && b[e - 1] <= 0x0D) { e -= 1 }
        guard e > 0 else { return false }
        switch b[e - 1] {
        case 0x2E, 0x21, 0x3A, 0x3B, 0x2C: return false
        case 0xA6: return !(e >= 3 && b[e - 2] == 0x80 && b[e - 3] == 0xE2)
        default: return true
        }
    }
}
