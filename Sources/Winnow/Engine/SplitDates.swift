/// A date printed one part per line: a blog's calendar badge or a news site's date box over the
/// headline ("24" / "Jul" / "2012" / "9:05am, EDT"). One by one the parts read as a menu's
/// entries or a lone count; together they are a date, the story's when they stand over its
/// headline (rule `article.split-dateline`), a teaser's in a list below it.
extension Labeler {
    /// The kind of date part a line is, if it holds nothing else: a day of the month ("24",
    /// "3rd"), a month's name or its abbreviation ("July", "Jul.", "SEPT"), a year (1900-2099),
    /// or a clock time ("9:05am, EDT", "18:40").
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
        // "9:05am, EDT", "18:40", "6:15 pm": an hour, a colon, two digits of minutes, then at
        // most a short zone or am/pm.
        guard rest.first == 58 else { return nil }
        let minutes = rest.dropFirst().prefix(while: isDigit)
        guard minutes.count == 2 else { return nil }
        let zone = rest.dropFirst(3).filter { $0 != 32 && $0 != 44 && $0 != 46 }
        return zone.count <= 6 && zone.allSatisfy(isLetter) ? .time : nil
    }

    /// Sets `splitDate` on every run of three consecutive non-blank lines that read day, month,
    /// year or month, day, year, and on a clock time right under such a run; clears it elsewhere.
    static func markSplitDates(_ features: inout [LineFeatures], lines: [String], blank: [Bool]) {
        let nonBlank = lines.indices.filter { !blank[$0] }
        for i in nonBlank { features[i].splitDate = false }
        let parts = nonBlank.map { datePart(lines[$0]) }
        var p = 0
        while p + 2 < nonBlank.count {
            let run = (parts[p], parts[p + 1], parts[p + 2])
            guard run == (.day, .month, .year) || run == (.month, .day, .year) else { p += 1; continue }
            let last = p + 3 < nonBlank.count && parts[p + 3] == .time ? p + 3 : p + 2
            for k in p...last { features[nonBlank[k]].splitDate = true }
            p = last + 1
        }
    }
}
