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
    /// rejects a line longer than 16 bytes before anything else and lowercases only a month's
    /// candidate word.
    static func datePart(_ line: String) -> DatePart? {
        var bytes = line.utf8[...]
        guard bytes.count <= 24 else { return nil }
        while let b = bytes.first, b == 32 || b == 9 { bytes = bytes.dropFirst() }
        while let b = bytes.last, b == 32 || b == 9 { bytes = bytes.dropLast() }
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isLetter(_ b: UInt8) -> Bool { (b | 32) >= 97 && (b | 32) <= 122 }
        let digits = bytes.prefix(while: isDigit)
        let rest = bytes.dropFirst(digits.count)
        var number = 0
        for b in digits.prefix(4) { number = number * 10 + Int(b - 48) }
        if digits.isEmpty {
            let word = rest.last == 46 ? rest.dropLast() : rest
            guard (3...9).contains(word.count), word.allSatisfy(isLetter) else { return nil }
            return monthNames.contains(String(decoding: word.map { $0 | 32 }, as: UTF8.self)) ? .month : nil
        }
        if rest.isEmpty {
            if digits.count == 4 { return (1900...2099).contains(number) ? .year : nil }
            return digits.count <= 2 && (1...31).contains(number) ? .day : nil
        }
        guard digits.count <= 2 else { return nil }
        if rest.count == 2, rest.allSatisfy(isLetter) {
            let suffix = String(decoding: rest.map { $0 | 32 }, as: UTF8.self)
            return ["st", "nd", "rd", "th"].contains(suffix) && (1...31).contains(number) ? .day : nil
        }
        // "7:12am, EDT", "18:40", "6:15 pm": an hour, a colon, two digits of minutes, then at
        // most a short zone or am/pm.
        guard rest.first == 58 else { return nil }
        let minutes = rest.dropFirst().prefix(while: isDigit)
        guard minutes.count == 2 else { return nil }
        let zone = rest.dropFirst(3).filter { $0 != 32 && $0 != 44 && $0 != 46 }
        return zone.count <= 6 && zone.allSatisfy(isLetter) ? .time : nil
    }

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
