/// A title cut short by an ellipsis under a short line: a box of teasers that names each post's
/// writer over its shortened title ("Jane Harbour" over "Ten quiet lessons from a harbour town
/// in ..."). A writer's name and a blogroll's blog name read the same one by one; the line under
/// them tells a teaser's writer more often, and a rule's `next` condition reads only a label, so
/// this step sets the feature `over_cut_title` on the line above such a title (session 27, art39;
/// docs/evaluation.md).
extension Labeler {
    /// Sets `overCutTitle` on every non-blank line whose next non-blank line is a cut title
    /// (`isCutTitle`); clears it elsewhere. One pass up the page.
    static func markOverCutTitles(_ features: inout [LineFeatures], lines: [String], blank: [Bool]) {
        var nextIsCut = false
        for i in lines.indices.reversed() where !blank[i] {
            features[i].overCutTitle = nextIsCut
            // The two counts read in place: a copy of the line's features cost more than the test.
            let words = features[i].words
            nextIsCut = words >= 4 && words <= 15 && features[i].links == 0 && isCutTitle(lines[i])
        }
    }

    /// Whether `line` ends in an ellipsis ("..." or "…", spaces after it allowed) right after a
    /// word, a comma, a quote or a bracket (spaces between allowed): the shape of the rule
    /// `related.truncated-title`, read on the line's last characters. A line ending in a full stop, a
    /// question mark or a dash before the dots ("Wait for it?...", "Carlos -...") is none.
    static func isCutTitle(_ line: String) -> Bool {
        // Most lines end in ASCII: answered on their bytes (reading every line by scalars cost
        // 0.43 M instructions of labelling); a non-ASCII end ("…", a no-break space) by scalars.
        var text = line
        let onBytes: Bool? = text.withUTF8 { b in
            func space(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
            var e = b.count
            while e > 0, space(b[e - 1]) { e -= 1 }
            guard e > 0 else { return false }
            guard b[e - 1] < 0x80 else { return nil }
            guard e >= 3, b[e - 1] == 0x2E, b[e - 2] == 0x2E, b[e - 3] == 0x2E else { return false }
            e -= 3
            while e > 0, space(b[e - 1]) { e -= 1 }
            guard e > 0 else { return false }
            let c = b[e - 1]
            guard c < 0x80 else { return nil }
            return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == 0x2C || c == 0x27 || c == 0x22 || c == 0x29
        }
        return onBytes ?? isCutTitleByScalars(line)
    }

    /// `isCutTitle` read from the end by scalars: white space is the rule's `\s` (no-break spaces
    /// too), and the character before the ellipsis is the rule's class.
    private static func isCutTitleByScalars(_ line: String) -> Bool {
        var tail = line.unicodeScalars.reversed().makeIterator()
        var c = tail.next()
        while let s = c, s.properties.isWhitespace { c = tail.next() }
        if c == "\u{2026}" {
            c = tail.next()
        } else if c == ".", tail.next() == ".", tail.next() == "." {
            c = tail.next()
        } else {
            return false
        }
        while let s = c, s.properties.isWhitespace { c = tail.next() }
        guard let last = c else { return false }
        // The rule's class: a letter, a decimal digit, ",", "’", "'", "\"" or ")".
        switch last.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return ",’'\")".unicodeScalars.contains(last)
        }
    }
}
