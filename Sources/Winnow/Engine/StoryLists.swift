/// The story's own numbered lists: a tracklist, a book's contents, the steps of a method. Their
/// items are short title-like lines that read as menu entries or teaser titles one by one, but
/// their numbering (1, 2, 3, … one item per line) makes them one list, and a list that starts
/// inside the story or right under its last paragraph is the story's. A most-read list stands
/// under its heading, past the story's last furniture, or beside a sidebar's blurb. A list in
/// parts ("Disc 1", "Disc 2") starts again at 1 a few lines under the part before it.
extension Labeler {
    /// How many non-blank lines below the story's block a list's first item may stand (the
    /// album's name and "Tracklist:" sit between the text and a tracklist).
    static let storyListReach = 5
    /// The fewest items a numbered run needs to count as a list.
    static let storyListMinItems = 3

    /// The number a line opens with as a list item ("12. Title", "3) Title", a tracklist's
    /// "03 Title"), if any.
    static func listNumber(_ line: String) -> Int? {
        var number = 0, digits = 0
        var it = line.unicodeScalars.makeIterator()
        var c = it.next()
        while let s = c, s == " " || s == "\t" { c = it.next() }
        while let s = c, ("0"..."9").contains(s), digits < 4 {
            number = number * 10 + Int(s.value - 48); digits += 1; c = it.next()
        }
        guard (1...3).contains(digits), let mark = c else { return nil }
        // "3. Title", "3) Title"; a tracklist's zero-padded "03 Title" needs no mark.
        if mark == " " || mark == "\t" {
            guard digits == 2, line.unicodeScalars.first(where: { $0 != " " && $0 != "\t" }) == "0" else { return nil }
        } else {
            guard mark == "." || mark == ")", let space = it.next(), space == " " || space == "\t" else { return nil }
        }
        var rest = it.next()
        while let s = rest, s == " " || s == "\t" { rest = it.next() }
        return rest == nil ? nil : number
    }

    /// Sets `storyList` on the items of every numbered run (items 1, 2, 3, … on consecutive
    /// non-blank lines, at least `storyListMinItems`) whose first item lies in the story's block
    /// or at most `storyListReach` non-blank lines below a line of it; clears it elsewhere.
    static func markStoryLists(_ features: inout [LineFeatures], lines: [String], blank: [Bool]) {
        let nonBlank = Page.nonBlankIndices(blank)
        for i in nonBlank { features[i].storyList = false }
        let numbers = nonBlank.map { listNumber(lines[$0]) }
        var p = 0
        while p < nonBlank.count {
            guard numbers[p] == 1 else { p += 1; continue }
            var q = p
            while q + 1 < nonBlank.count, let n = numbers[q + 1], n == q + 2 - p { q += 1 }
            let items = q - p + 1
            let lead = stride(from: p, through: max(0, p - storyListReach), by: -1)
            // A list in parts ("Disc 1", "Disc 2") starts again at 1 under the part before it.
            if items >= storyListMinItems, lead.contains(where: { features[nonBlank[$0]].inStoryBlock || features[nonBlank[$0]].storyList }) {
                for k in p...q { features[nonBlank[k]].storyList = true }
            }
            p = q + 1
        }
    }
}
