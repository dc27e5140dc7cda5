/// Finds a story's tables flattened one cell per line (poll results, a district list with
/// margins, a scorecard): short lines whose shapes repeat row after row, at least two cells of
/// each row being numbers. A menu's entries are words, a teaser list's dates have month names
/// or clock times, so neither repeats such a row. A header row names the columns, and the table
/// stands next to story prose; a sidebar's scores or counts have neither.
/// A table of described options (a setting's name, a sentence, its values, under "Option" /
/// "Value") is found by its runs of short lines between sentences (`describedOptions`).
/// The lines found get `LineFeatures.tableCell`, which a rule tests.
enum StoryTable {
    /// A cell's shape: a number ("149", "74%", "+5%", "TX-07", "Smith +3"), a name with a
    /// word in brackets after it ("Jane Doe (Harbour College)"), or other text.
    enum Shape: Equatable { case number, named, text }

    static let maxColumns = 6, minRows = 3, minListRows = 5, minNumberColumns = 2
    /// A cell holds at most this many words; the story's prose may come at most this many
    /// non-blank lines before the header row or after the last row.
    static let maxCellWords = 20, proseReach = 3

    static func shape(_ text: String, _ f: LineFeatures) -> Shape {
        if f.words <= 8, endsWithBracketedWord(text) { return .named }
        guard f.words <= 2, hasNumber(text) else { return .text }
        // Dates and times date a teaser list's entries; they are no table's figures.
        if lowercased(text, contains: cellDateWordBytes) { return .text }
        if isNumericDate(text) { return .text }
        return .number
    }

    /// `text.contains(where: \.isNumber)`, by bytes while they are ASCII: an ASCII character is
    /// a number only as a digit, and a digit after ASCII characters alone starts a Character of
    /// its own (only non-ASCII scalars join the one before: marks, joiners, prepended signs).
    /// From the first non-ASCII byte on, the Characters decide.
    static func hasNumber(_ text: String) -> Bool {
        for b in text.utf8 {
            if b >= 0x80 { return text.contains(where: \.isNumber) }
            if b &- 0x30 < 10 { return true }
        }
        return false
    }

    /// `text.lowercased().wholeMatch(of: numericDate) != nil`; an ASCII line by hand (the
    /// `Regex` cost about 37 K instructions a call), another by the `Regex`.
    static func isNumericDate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard !b.contains(where: { $0 >= 0x80 }) else { return text.lowercased().wholeMatch(of: numericDate) != nil }
        var i = 0
        func digits(_ most: Int) -> Bool {
            let start = i
            while i < b.count, i - start < most, b[i] &- 0x30 < 10 { i += 1 }
            return i > start
        }
        func separator() -> Bool {
            guard i < b.count, b[i] == 0x2F || b[i] == 0x2E || b[i] == 0x2D else { return false }
            i += 1
            return true
        }
        guard digits(4), separator(), digits(2) else { return false }
        if i == b.count { return true }
        return separator() && digits(4) && i == b.count
    }

    /// Whether the line ends with a bracketed part holding a letter and no digit or bracket
    /// ("… (Harbour College)"). Checked by hand: it runs on most lines of every page, where a
    /// Swift `Regex` cost more than all the rules' matching.
    static func endsWithBracketedWord(_ text: String) -> Bool {
        // Most lines end in an ASCII character other than `)` after ASCII whitespace alone (the
        // scalars of U+0009-U+000D and U+0020 are whitespace, every other ASCII one is not):
        // no bracket ends them. A line ending in `)` whose bracketed part back to the last `(`
        // or `)` is ASCII is answered on its bytes too (an ASCII scalar is a letter when it is
        // A-Z or a-z, a decimal digit when it is 0-9; step 701 in docs/performance.md). Another
        // line goes to the scalars. (nil: not decided on the bytes.)
        var line = text
        let decided: Bool? = line.withUTF8 { b in
            var k = b.count
            while k > 0 {
                k &-= 1
                let c = b[k]
                if c == 0x20 || c &- 0x09 < 5 { continue }
                if c >= 0x80 { return nil }
                if c != 0x29 { return false }
                var letter = false
                while k > 0 {
                    k &-= 1
                    let d = b[k]
                    if d >= 0x80 { return nil }
                    if d == 0x28 { return letter }
                    if d == 0x29 || d &- 0x30 < 10 { return false }
                    if (d | 0x20) &- 0x61 < 26 { letter = true }
                }
                return false
            }
            return false
        }
        if let decided { return decided }
        let chars = text.unicodeScalars
        guard let close = chars.lastIndex(where: { !$0.properties.isWhitespace }), chars[close] == ")",
              let open = chars[..<close].lastIndex(where: { $0 == "(" || $0 == ")" }), chars[open] == "(" else { return false }
        let inside = chars[chars.index(after: open)..<close]
        // The letter categories by a switch: a `Set` literal here was built on every call (16 K
        // instructions).
        func isLetter(_ c: Unicode.GeneralCategory) -> Bool {
            switch c {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
            default: false
            }
        }
        return inside.contains { isLetter($0.properties.generalCategory) }
            && !inside.contains { $0.properties.numericType == .decimal }
    }

    /// Built once: a `Regex` literal in `shape` was compiled again on every call.
    nonisolated(unsafe) static let numericDate = /\d{1,4}[\/.-]\d{1,2}([\/.-]\d{1,4})?/

    static let cellDateWordBytes = ([":", "ago"] + months).map { Array($0.utf8) }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", " am", " pm"]

    /// Indices of the lines of every story table on the page: its rows and the header row or
    /// the introducing line ("Below are the results:") above.
    static func find(lines: [String], features: [LineFeatures], blank: [Bool]) -> Set<Int> {
        let rows = Page.nonBlankIndices(blank)
        guard rows.count >= minRows * 2 else { return [] }
        let shapes = rows.map { shape(lines[$0], features[$0]) }
        let isCell = rows.map { features[$0].words <= maxCellWords && features[$0].links == 0 }
        let nextFigure = nextFigureRows(shapes)
        var found = Set<Int>()
        var s = 0
        while s < rows.count {
            // No table starts before the row `firstRowReach` above the next figure or name
            // (most rows of most pages): those rows skip the search (step 243 in docs/performance.md).
            if nextFigure[s] - s > firstRowReach {
                s = max(s + 1, nextFigure[s] - firstRowReach)
                continue
            }
            let best = bestTable(shapes, isCell, at: s, shortFirstRow: true)
            // A first row missing a cell is believed only where the lines do not make whole rows
            // from a cell later that reach as far (a header's last heading is no short row).
            if best.lead > 0,
               ((s + 1)..<(s + best.lead)).contains(where: { t in t + bestTable(shapes, isCell, at: t, shortFirstRow: false).cells >= s + best.cells }) {
                s += 1
                continue
            }
            guard best.cells > 0 else { s += 1; continue }
            let end = s + best.cells  // one past the last row's last cell
            // The header row: `width` short text lines right above the first row, or one fewer
            // when the row-label column has no heading ("Clinton", "Obama" over "Men", "42", "37"). A list has
            // none, and a column of figures under one reads as a most-read list's counts: these
            // need an introducing line.
            var first = s
            while first > 0, s - first < best.width, shapes[first - 1] == .text,
                  features[rows[first - 1]].words <= 4, !features[rows[first - 1]].endsWithPunctuation { first -= 1 }
            let header = s - first == best.width || (best.width >= 3 && s - first == best.width - 1)
            if best.numbers < minNumberColumns || !header {
                first = s > 0 && introduces(lines[rows[s - 1]]) ? s - 1 : s
            }
            if first < s, nearProse(rows, features, first: first, end: end) {
                for i in first..<end { found.insert(rows[i]) }
            }
            s = end
        }
        return found.union(describedOptions(rows: rows, lines: lines, features: features))
    }

    /// A line of a table of described options (a game's or a program's settings: "Option" /
    /// "Value" over each setting's name, a sentence saying what it does and its values):
    /// a short line (a name, a value, a heading) or the sentence.
    enum OptionLine { case short, sentence, other }

    static let minOptions = 4, maxOptionRun = 15, maxOptionWords = 6, maxDescriptionWords = 40

    /// What `optionLine` asks of a line's features before it reads the bytes of a `.sentence`
    /// (`mayBeSentence`) or a `.short` line (`mayBeShort`): false rules the kind out.
    @inline(__always)
    static func mayBeSentence(_ f: LineFeatures) -> Bool {
        f.links == 0 && f.words >= 4 && f.words <= maxDescriptionWords && f.endsWithPunctuation
    }

    @inline(__always)
    static func mayBeShort(_ f: LineFeatures) -> Bool {
        f.links == 0 && f.words > 0 && !f.endsWithPunctuation && f.words <= maxOptionWords && f.chars >= 2
    }

    static func optionLine(_ text: String, _ f: LineFeatures) -> OptionLine {
        guard f.links == 0, f.words > 0 else { return .other }
        // The last two bytes, spaces aside: a description ends with one full stop (a teaser's
        // blurb is cut short by an ellipsis, a widget asks a question), a field's label with a
        // colon. Read only for a line whose counts leave it a sentence or a short line, from the
        // line's bytes (the reversed `UTF8View` cost about 280 instructions a line; step 333 in
        // docs/performance.md).
        if f.endsWithPunctuation {
            guard f.words >= 4 && f.words <= maxDescriptionWords else { return .other }
            let (last, before) = lastTwoBytes(text)
            return last == 0x2E && before != 0x2E ? .sentence : .other
        }
        guard f.words <= maxOptionWords, f.chars >= 2, lastTwoBytes(text).last != 0x3A else { return .other }
        // A teaser list's dates and times: the entries they date are no options.
        if hasASCIIDigit(text), mentionsDateOrTime(text) { return .other }
        return .short
    }

    /// The last two bytes of `text` that are neither a space nor a tab, the last first (0 for
    /// none; a last byte 0 is passed over).
    static func lastTwoBytes(_ text: String) -> (last: UInt8, before: UInt8) {
        var line = text
        return line.withUTF8 { b in
            var last: UInt8 = 0
            var k = b.count
            while k > 0 {
                k &-= 1
                let c = b[k]
                if c == 0x20 || c == 0x09 { continue }
                if last == 0 { last = c } else { return (last, c) }
            }
            return (last, 0)
        }
    }

    /// `text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }` over the contiguous bytes (the generic
    /// `UTF8View` search cost about 600 instructions a line).
    static func hasASCIIDigit(_ text: String) -> Bool {
        var line = text
        return line.withUTF8 { $0.contains { $0 &- 0x30 < 10 } }
    }

    /// Whether the lowercased line contains `:`, `/`, `ago` or one of `months`.
    static func mentionsDateOrTime(_ text: String) -> Bool { lowercased(text, contains: dateWordBytes) }

    /// Whether `text.lowercased()` contains one of `words` (ASCII, without `i` or `k`), as
    /// Foundation's `contains` says. It runs on most short lines of every page, where
    /// `lowercased()` and Foundation cost more than the rest of the table search, so the line's
    /// bytes are searched, ASCII letters lowercased. No match there is no match in the
    /// lowercased line: only ASCII characters lowercase to ASCII ones other than `i` and `k`
    /// (U+0130, the Kelvin sign), in place. A match followed by an ASCII byte or the line's end
    /// is one, in any line (nothing can join the word's last letter; Foundation matches after a
    /// prepended sign or a joiner too). Only a match followed by a non-ASCII scalar is left to
    /// Foundation, which does not match a word whose last letter carries a combining mark
    /// ("ago\u{301}") but does before a spacing mark or a joiner: those words alone are asked
    /// (10 word and line pairs among the 4,553 non-ASCII lines of the news and web pages).
    static func lowercased(_ text: String, contains words: [[UInt8]]) -> Bool {
        // An empty word is in an ASCII line only (Foundation finds "" nowhere).
        let empty = words.contains { $0.isEmpty }, words = empty ? words.filter { !$0.isEmpty } : words
        var line = text
        let (found, undecided) = line.withUTF8 { b in
            // One pass over the line: only at a byte that starts one of the words (lowercased)
            // are the words compared; trying each word at every place cost about 10 instructions
            // a byte and word (step 96 in docs/performance.md).
            var starts = (low: UInt64(0), high: UInt64(0))  // ASCII first bytes; any other is compared
            for word in words {
                if word[0] < 64 { starts.low |= 1 << UInt64(word[0]) } else if word[0] < 128 { starts.high |= 1 << UInt64(word[0] - 64) }
            }
            var undecided: [[UInt8]] = []
            for s in b.indices {
                let c = Prefilter.lower(b[s])
                guard c < 64 ? starts.low & (1 << UInt64(c)) != 0 : c >= 128 || starts.high & (1 << UInt64(c - 64)) != 0 else { continue }
                for word in words where word[0] == c && s + word.count <= b.count {
                    guard word.indices.dropFirst().allSatisfy({ Prefilter.lower(b[s + $0]) == word[$0] }) else { continue }
                    let end = s + word.count
                    if end == b.count || b[end] < 0x80 { return (true, [[UInt8]]()) }
                    if !undecided.contains(word) { undecided.append(word) }
                }
            }
            return (empty && !b.contains { $0 >= 0x80 }, undecided)
        }
        if found || undecided.isEmpty { return found }
        let lower = text.lowercased()
        return undecided.contains { lower.contains(String(decoding: $0, as: UTF8.self)) }
    }

    static let dateWordBytes = ([":", "/", "ago"] + months).map { Array($0.utf8) }

    /// Indices of the lines of each table of described options: under a header row of two or
    /// three headings of one or two words ("MATCH", "Option", "Value"), at least `minOptions`
    /// sentences, each after a run of short lines (the values of the option before it and the
    /// next option's name). Options have values: some option has two or more, or the options
    /// share values ("On", "1-100"); a teaser list's blurbs alternate with one line, its title,
    /// or with its title and one repeated "Read more", and its dates break the runs. The last
    /// option keeps as many values as the one before it.
    static func describedOptions(rows: [Int], lines: [String], features: [LineFeatures]) -> Set<Int> {
        // Every table found holds `minOptions` sentences or more, each right under a short line
        // (the first under its option's name, each later one under its run of values): a page
        // with fewer such pairs by their features alone (`mayBeSentence`, `mayBeShort`: what
        // `optionLine` asks before the line's bytes) has none, and its lines' bytes are not read
        // (step 603 in docs/performance.md).
        var pairs = 0
        for k in rows.indices.dropFirst() where mayBeSentence(features[rows[k]]) && mayBeShort(features[rows[k - 1]]) { pairs += 1 }
        guard pairs >= minOptions else { return [] }
        let kinds = rows.map { optionLine(lines[$0], features[$0]) }
        var found = Set<Int>()
        var k = 0
        while k < rows.count {
            guard kinds[k] == .sentence else { k += 1; continue }
            // Above the first sentence: the option's name, and over it the header row, whose
            // headings differ (a menu's "Login" twice over a page title is none).
            var head = k - 1, headings: Set<String> = []
            while head > 0, headings.count < 3, kinds[head - 1] == .short, features[rows[head - 1]].words <= 2,
                  headings.insert(lines[rows[head - 1]].lowercased()).inserted { head -= 1 }
            guard k > 0, kinds[k - 1] == .short, headings.count >= 2 else { k += 1; continue }
            var runs: [Range<Int>] = []
            var next = k + 1
            while true {
                var e = next
                while e < rows.count, kinds[e] == .short, e - next <= maxOptionRun { e += 1 }
                guard e < rows.count, kinds[e] == .sentence, e - next >= 2 else { break }
                runs.append(next..<e)
                next = e + 1
            }
            // Options share values ("On", "1-100") but not all one value: a teaser list repeats
            // its "Read more" after every blurb.
            let values = Dictionary(runs.map { (lines[rows[$0.lowerBound]].lowercased(), 1) }, uniquingKeysWith: +)
            let shared = values.values.max() ?? 0
            guard runs.count + 1 >= minOptions,
                  runs.contains(where: { $0.count >= 3 }) || (2 * shared >= runs.count && values.count >= 2) else { k += 1; continue }
            var end = next
            while end < rows.count, kinds[end] == .short, end - next < max(1, runs[runs.count - 1].count - 1) { end += 1 }
            for i in head..<end { found.insert(rows[i]) }
            k = end
        }
        return found
    }

    /// A row may miss one cell (an empty cell flattened one cell per line leaves no line) in a
    /// table of at least this many columns, two of them figures: "TX-12", "Smith +6" under
    /// "District", "Incumbent", "Margin" where the seat has no incumbent.
    static let minWidthForShortRows = 3

    /// How many cells from `s` on make rows of the shapes `row` (which starts at `s + lead`;
    /// a `lead` of cells before it is a first row missing a cell), or 0 when too few rows do.
    /// In a table of `minWidthForShortRows` columns or more with `minNumberColumns` figures, a
    /// row may miss one cell: its lines are the row's shapes with one left out. The table ends
    /// after its last whole row, where at most a third of its rows missed a cell (a ragged run of
    /// lines is no table).
    static func tableCells(_ shapes: [Shape], _ isCell: [Bool], from s: Int, lead: Int, row: ArraySlice<Shape>, numbers: Int) -> Int {
        let k = row.count
        let shortRows = k >= minWidthForShortRows && numbers >= minNumberColumns
        var pos = s + lead, whole = 0, short = lead > 0 ? 1 : 0, end = 0
        while true {
            if pos + k <= shapes.count, shapes[pos..<(pos + k)].elementsEqual(row), isCell[pos..<(pos + k)].allSatisfy({ $0 }) {
                pos += k
                whole += 1
                let enough = numbers >= minNumberColumns ? whole >= minRows : whole >= minListRows
                if enough, short * 2 <= whole { end = pos }
            } else if shortRows, pos + k - 1 <= shapes.count, missesOneCell(shapes[pos..<(pos + k - 1)], of: row),
                      isCell[pos..<(pos + k - 1)].allSatisfy({ $0 }) {
                pos += k - 1
                short += 1
            } else {
                break
            }
        }
        return end == 0 ? 0 : end - s
    }

    /// How far past `s` the first row `bestTable` tries at `s` may end: a row of `maxColumns`
    /// cells after a short first row of one fewer. Every row it takes holds a number or is one
    /// name with a bracketed word, so without such a row from `s` to this far, it finds nothing.
    static let firstRowReach = 2 * maxColumns - 2

    /// For each row (and one past the last), the first row from there on whose shape is not
    /// `.text` (`rows.count` when none).
    static func nextFigureRows(_ shapes: [Shape]) -> [Int] {
        var next = [Int](filled: shapes.count, count: shapes.count + 1)
        for t in shapes.indices.reversed() { next[t] = shapes[t] != .text ? t : next[t + 1] }
        return next
    }

    /// The table of the most cells starting at `s`: its width, cells, figures per row, and
    /// `lead`, the cells of its first row when that row misses a cell (0 when it is whole).
    static func bestTable(_ shapes: [Shape], _ isCell: [Bool], at s: Int, shortFirstRow: Bool) -> (width: Int, cells: Int, numbers: Int, lead: Int) {
        var best = (width: 0, cells: 0, numbers: 0, lead: 0)
        for k in 1...maxColumns where s + k * minRows <= shapes.count {
            // The row starts at `s`, or (`lead` = k - 1) the table's first row misses a cell
            // and the row is the one after it.
            for late in 0...1 where late == 0 || (shortFirstRow && k >= minWidthForShortRows) {
                let lead = late * (k - 1), p = s + lead
                guard p + k <= shapes.count else { continue }
                // Slices, not arrays: this runs for every line and width.
                let row = shapes[p..<(p + k)]
                let numbers = row.count { $0 == .number }
                if lead > 0 {
                    guard numbers >= minNumberColumns, missesOneCell(shapes[s..<p], of: row),
                          isCell[s..<p].allSatisfy({ $0 }) else { continue }
                }
                // A table row holds figures, a one-column list names with their affiliation.
                guard numbers >= 1 || (row.count == 1 && row.first == .named), !repeats(Array(row)) else { continue }
                let cells = tableCells(shapes, isCell, from: s, lead: lead, row: row, numbers: numbers)
                if cells > best.cells { best = (k, cells, numbers, lead) }
            }
        }
        return best
    }

    /// Whether `cells` are the shapes of `row` with one left out.
    static func missesOneCell(_ cells: ArraySlice<Shape>, of row: ArraySlice<Shape>) -> Bool {
        guard cells.count + 1 == row.count else { return false }
        // Match as far as they agree, leave out the row's next cell, then the rest must agree.
        var i = cells.startIndex, j = row.startIndex
        while i < cells.endIndex, cells[i] == row[j] { i += 1; j += 1 }
        j += 1
        while i < cells.endIndex {
            if cells[i] != row[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// A line ending in a colon introduces what follows.
    static func introduces(_ line: String) -> Bool {
        line.last(where: { !$0.isWhitespace }) == ":"
    }

    /// The row is a shorter row repeated ("number, text, number, text" is two rows of two).
    static func repeats(_ row: [Shape]) -> Bool {
        (1..<row.count).contains { k in row.count % k == 0 && row.indices.allSatisfy { row[$0] == row[$0 % k] } }
    }

    /// Story prose stands within `proseReach` non-blank lines above the table or below it.
    static func nearProse(_ rows: [Int], _ features: [LineFeatures], first: Int, end: Int) -> Bool {
        let above = rows[max(0, first - proseReach)..<first]
        let below = rows[end..<min(rows.count, end + proseReach)]
        return (above + below).contains { features[$0].proseDistance == 0 }
    }
}
