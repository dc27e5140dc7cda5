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
    /// `related.truncated-title`, read on the line's last bytes. A line ending in a full stop, a
    /// question mark or a dash before the dots ("Wait for it?...", "Carlos -...") is none.
    static func isCutTitle(_ line: String) -> Bool {
        var text = line
        return text.withUTF8 { b in
            var e = b.count
            while e > 0, b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 13 { e -= 1 }
            if e >= 3, b[e - 1] == 0x2E, b[e - 2] == 0x2E, b[e - 3] == 0x2E {
                e -= 3
            } else if e >= 3, b[e - 1] == 0xA6, b[e - 2] == 0x80, b[e - 3] == 0xE2 {
                e -= 3
            } else {
                return false
            }
            while e > 0, b[e - 1] == 32 || b[e - 1] == 9 { e -= 1 }
            guard e > 0 else { return false }
            let c = b[e - 1]
            // A non-ASCII character counts as the rule's class reads it: a letter, a decimal
            // digit or "’" (not a dash, a guillemet or another ellipsis).
            if c >= 0x80 {
                var start = e - 1
                while start > 0, b[start] & 0xC0 == 0x80 { start -= 1 }
                guard let last = String(decoding: UnsafeBufferPointer(rebasing: b[start..<e]), as: UTF8.self).unicodeScalars.last
                else { return false }
                switch last.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
                default: return last == "\u{2019}"
                }
            }
            return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == 0x2C || c == 0x27 || c == 0x22 || c == 0x29
        }
    }
}
