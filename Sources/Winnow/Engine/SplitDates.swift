/// A date printed one part per line: a blog's calendar badge or a news site's date box over the
/// headline ("17" / "Jul" / "2012" / "7:12am, EDT"). One by one the parts read as a menu's
/// entries or a lone count; together they are a date, the story's when they stand over its
/// headline (rule `article.split-dateline`), a teaser's in a list below it.
extension Labeler {
    /// The kind of date part a line is, if it holds nothing else: a day of the month ("24",
    /// "3rd"), a month's name or its abbreviation ("July", "Jul.", "SEPT"), a year (1900-2099),
    /// or a clock time ("7:12am, EDT", "18:40").
    enum DatePart: Equatable { case day, month, year, time }

    static let monthNames: Set<String> = [
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
        "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
        "november", "dec", "december",
    ]

    /// The part `line` is, read on its bytes: it runs on every short line of every page, so it
    /// rejects a line longer than 16 bytes before anything else, and looks a month's candidate
    /// word up as packed bytes (`monthKeys`). The `Substring.UTF8View` slices, the `String` it
    /// built for a month's word and the `Set` hashing it cost about 1,100 instructions a short
    /// line (step 608 in docs/performance.md; `EngineCostTests` compares the two ways).
    static func datePart(_ line: String) -> DatePart? {
        var text = line
        return text.withUTF8 { datePart(bytes: $0) }
    }

    static func datePart(bytes b: UnsafeBufferPointer<UInt8>) -> DatePart? {
        guard b.count <= 24 else { return nil }
        var s = 0, e = b.count
        while s < e, b[s] == 32 || b[s] == 9 { s += 1 }
        while e > s, b[e - 1] == 32 || b[e - 1] == 9 { e -= 1 }
        guard e > s, e - s <= 16 else { return nil }
        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
        @inline(__always) func isLetter(_ c: UInt8) -> Bool { (c | 32) &- 97 < 26 }
        var d = s
        while d < e, isDigit(b[d]) { d += 1 }
        let digits = d - s
        var number = 0
        for k in s..<min(d, s + 4) { number = number * 10 + Int(b[k] &- 48) }
        if digits == 0 {
            let end = b[e - 1] == 46 ? e - 1 : e
            guard end - s >= 3, end - s <= 9 else { return nil }
            for k in s..<end where !isLetter(b[k]) { return nil }
            return isMonthName(b, s, end) ? .month : nil
        }
        if d == e {
            if digits == 4 { return (1900...2099).contains(number) ? .year : nil }
            return digits <= 2 && (1...31).contains(number) ? .day : nil
        }
        guard digits <= 2 else { return nil }
        if e - d == 2, isLetter(b[d]), isLetter(b[d + 1]) {
            let suffix = UInt16(b[d] | 32) | UInt16(b[d + 1] | 32) << 8
            let ordinal = suffix == 0x7473 || suffix == 0x646E || suffix == 0x6472 || suffix == 0x6874  // st nd rd th
            return ordinal && (1...31).contains(number) ? .day : nil
        }
        // "7:12am, EDT", "18:40", "6:15 pm": an hour, a colon, two digits of minutes, then at
        // most a short zone or am/pm.
        guard b[d] == 58 else { return nil }
        var m = d + 1
        while m < e, isDigit(b[m]) { m += 1 }
        guard m - d - 1 == 2 else { return nil }
        var zone = 0
        for k in (d + 3)..<e where b[k] != 32 && b[k] != 44 && b[k] != 46 {
            guard isLetter(b[k]) else { return nil }
            zone += 1
        }
        return zone <= 6 ? .time : nil
    }

    /// Whether the ASCII letters `b[s..<end]`, lowercased, are one of `monthNames`.
    static func isMonthName(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ end: Int) -> Bool {
        if end - s > 8 {
            return longMonthNames.contains { name in name.count == end - s && name.indices.allSatisfy { k in name[k] == b[s + k] | 32 } }
        }
        var key: UInt64 = 0
        for k in s..<end { key |= UInt64(b[k] | 32) << (8 * UInt64(k - s)) }
        return monthKeys.contains(key)
    }

    /// `monthNames` of up to eight letters, each packed into an integer (the first letter in the
    /// low byte), and the longer ones as bytes.
    static let monthKeys: [UInt64] = monthNames.filter { $0.utf8.count <= 8 }.sorted().map { name in
        name.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
    static let longMonthNames: [[UInt8]] = monthNames.filter { $0.utf8.count > 8 }.sorted().map { Array($0.utf8) }

    /// Sets `splitDate` on every run of three consecutive non-blank lines that read day, month,
    /// year or month, day, year, and on a clock time right under such a run; clears it elsewhere.
    /// One pass with a window of the last three unclaimed non-blank lines and no allocation: it
    /// runs on every line of every page, and nearly every line is ruled out by its byte count.
    static func markSplitDates(_ features: inout [LineFeatures], lines: [String], blank: [Bool]) {
        var window: (Int, DatePart?, Int, DatePart?) = (-1, nil, -1, nil)  // the two before, oldest first
        var held = 0  // how many of the window's two places hold a line
        var afterRun = false  // the line before closed a run: a time here is the run's
        for i in lines.indices where !blank[i] {
            features[i].splitDate = false
            let part = lines[i].utf8.count <= 24 ? datePart(lines[i]) : nil
            if afterRun {
                afterRun = false
                if part == .time { features[i].splitDate = true; continue }
            }
            if held == 2, let a = window.1, let b = window.3, part == .year,
               (a, b) == (.day, .month) || (a, b) == (.month, .day) {
                features[window.0].splitDate = true
                features[window.2].splitDate = true
                features[i].splitDate = true
                held = 0
                afterRun = true
                continue
            }
            if held == 2 { window = (window.2, window.3, i, part) } else if held == 1 {
                window.2 = i; window.3 = part; held = 2
            } else { window = (i, part, -1, nil); held = 1 }
        }
    }
}
