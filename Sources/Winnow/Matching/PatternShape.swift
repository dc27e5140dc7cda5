/// Patterns that test only where the line's first or last letter stands, decided without PCRE2
/// (step 370 in docs/performance.md). Rules such as `navigation.short-fragment` (`^\W*\p{L}`)
/// carry such a pattern beside conditions that admit few lines, and it matches nearly every line
/// they admit: a PCRE2 call per line for almost no information. `Pattern` recognises these
/// sources when it compiles them (the whole source, character for character, and the case
/// option) and `Pattern.firstMatch` answers from the bytes: the same outcome and the same matched
/// range as PCRE2. Where a character decides that the table below does not know (most
/// non-ASCII ones), the shape answers nothing and PCRE2 runs as before.
/// `winnow rules list` shows the rules so decided (`native<TAB>id<TAB>shape`).
///
/// The character classes are those of PCRE2 10.42 with UTF and UCP: `\w` is `\p{L}`, `\p{N}`
/// and `_` (10.43 adds `\p{Mn}` and `\p{Pc}`: no character of either is known here, so both
/// versions agree on every known one), `\s` is `\p{Z}` and the horizontal and vertical spaces,
/// `\d` is `\p{Nd}`. Only characters whose category has not changed since Unicode 1.1 are
/// known. `PatternShapeTests` compares every shape with PCRE2 on every Unicode scalar.
public enum PatternShape: String, CaseIterable, Sendable {
    /// The line's first word character is a letter; the match runs from the line's start to
    /// the end of that letter.
    case leadingLetter = #"^\W*\p{L}"#
    /// The same with a capital (case-sensitive only: `\p{Lu}` with PCRE2_CASELESS is not taken).
    case leadingCapital = #"^\W*\p{Lu}"#
    /// The line does not start with a list number ("12. ", "3) "), and has a letter: the match
    /// runs from the line's start to the end of its first letter.
    case firstLetterUnlessNumbered = #"^(?!\s*\d{1,3}[.)]\s)\P{L}*\p{L}"#
    /// The line does not end in a colon (and spaces), and has a letter: the match runs from the
    /// line's start to the end of its last letter.
    case lastLetterUnlessColon = #"^(?!.*:\s*$).*\p{L}"#
    /// The line has a letter: the match is the first one.
    case anyLetter = #"\p{L}"#

    /// The shape of a pattern compiled from `source` (with PCRE2_CASELESS when `caseless`), if any.
    init?(source: String, caseless: Bool) {
        guard let shape = PatternShape(rawValue: source) else { return nil }
        if shape == .leadingCapital && caseless { return nil }
        self = shape
    }

    /// What the shape says of `b` (valid UTF-8): a match and its range, none, or nil when a
    /// character it must classify is not in the table (PCRE2 decides then).
    func decide(_ b: UnsafeBufferPointer<UInt8>) -> MatchOutcome? {
        switch self {
        case .leadingLetter, .leadingCapital:
            // `\W*` stops at the first word character; only a letter (a capital) may stand there.
            var i = 0
            while i < b.count {
                let (c, next) = PatternShape.classify(b, at: i)
                if c == PatternShape.unknown { return nil }
                if c & PatternShape.word != 0 {
                    let wanted = self == .leadingLetter ? PatternShape.letter : PatternShape.capital
                    return c & wanted != 0 ? PatternShape.matched(0..<next) : .noMatch
                }
                i = next
            }
            return .noMatch
        case .firstLetterUnlessNumbered:
            // The lookahead: spaces, one to three digits (more cannot be followed by `.` or `)`
            // within the three), `.` or `)`, a space.
            var i = 0
            var c = PatternShape.other, next = 0
            while i < b.count {
                (c, next) = PatternShape.classify(b, at: i)
                if c == PatternShape.unknown { return nil }
                if c & PatternShape.space == 0 { break }
                i = next
            }
            var digits = 0
            while i < b.count {
                (c, next) = PatternShape.classify(b, at: i)
                if c == PatternShape.unknown { return nil }
                if c & PatternShape.digit == 0 { break }
                digits += 1
                i = next
            }
            if (1...3).contains(digits), i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ")") {
                if i + 1 < b.count {
                    let (after, _) = PatternShape.classify(b, at: i + 1)
                    if after == PatternShape.unknown { return nil }
                    if after & PatternShape.space != 0 { return .noMatch }
                }
            }
            return PatternShape.firstLetter(b, from: 0, matchFromStart: true)
        case .anyLetter:
            return PatternShape.firstLetter(b, from: 0, matchFromStart: false)
        case .lastLetterUnlessColon:
            // Back from the end: past spaces, a colon fails the lookahead; then the last letter.
            var end = b.count
            var colonChecked = false
            while end > 0 {
                var start = end - 1
                while start > 0 && b[start] & 0xC0 == 0x80 { start -= 1 }
                let (c, _) = PatternShape.classify(b, at: start)
                if c == PatternShape.unknown { return nil }
                if !colonChecked {
                    if c & PatternShape.space != 0 { end = start; continue }
                    // `.*` must reach the colon from the line's start: no line feed before it.
                    if b[start] == UInt8(ascii: ":") { return PatternShape.hasLineFeed(b, before: start) ? nil : .noMatch }
                    colonChecked = true
                }
                if c & PatternShape.letter != 0 {
                    // `.` must reach it: no line feed before it either.
                    return PatternShape.hasLineFeed(b, before: start) ? nil : PatternShape.matched(0..<end)
                }
                end = start
            }
            return .noMatch
        }
    }

    /// The first letter at or after `from`: matched from the line's start or from the letter.
    private static func firstLetter(_ b: UnsafeBufferPointer<UInt8>, from: Int, matchFromStart: Bool) -> MatchOutcome? {
        var i = from
        while i < b.count {
            let (c, next) = classify(b, at: i)
            if c == unknown { return nil }
            if c & letter != 0 { return matched((matchFromStart ? 0 : i)..<next) }
            i = next
        }
        return .noMatch
    }

    private static func hasLineFeed(_ b: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        for k in 0..<end where b[k] == 0x0A { return true }
        return false
    }

    private static func matched(_ range: Range<Int>) -> MatchOutcome {
        .matched(PatternMatch(range: range, groups: [:]))
    }

    // Character classes, as bits.
    static let letter: UInt8 = 1, capital: UInt8 = 2, word: UInt8 = 4, space: UInt8 = 8, digit: UInt8 = 16
    static let other: UInt8 = 0
    /// Not in the table: the shape does not decide.
    static let unknown: UInt8 = 0x80

    /// The class of the character starting at byte `i` of `b`, and where the next one starts.
    @inline(__always)
    static func classify(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int) {
        let lead = b[i]
        if lead < 0x80 { return (ascii[Int(lead)], i + 1) }
        if lead & 0xE0 == 0xC0, i + 1 < b.count {
            let scalar = UInt32(lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
            // 0xC0 and 0xC1 lead no valid sequence (an overlong ASCII): unknown, never a negative index.
            return (scalar >= 0x80 && scalar <= 0xFF ? latin1[Int(scalar - 0x80)] : unknown, i + 2)
        }
        if lead & 0xF0 == 0xE0, i + 2 < b.count {
            let scalar = UInt32(lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            return (punctuation(scalar), i + 3)
        }
        return (unknown, i + 1)
    }

    /// ASCII: letters, digits and `_` are word characters; tab, line feed's neighbours and the
    /// space are spaces. The line feed is unknown: `.` and `$` treat it apart (lines hold none).
    private static let ascii: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x41...0x5A: return letter | capital | word
        case 0x61...0x7A: return letter | word
        case 0x30...0x39: return digit | word
        case 0x5F: return word
        case 0x0A: return unknown
        case 0x09, 0x0B, 0x0C, 0x0D, 0x20: return space
        default: return other
        }
    }

    /// U+0080 to U+00FF by category (stable since Unicode 1.1; ª and º moved from Ll to Lo in
    /// 6.1, letters either way): C1 controls (U+0085 is a vertical space), the no-break space,
    /// signs, the superscript digits and fractions (`\p{No}`: word characters, not `\d`), letters.
    private static let latin1: [UInt8] = (0x80...0xFF).map { (scalar: Int) -> UInt8 in
        switch scalar {
        case 0x85, 0xA0: return space
        case 0xAA, 0xBA, 0xB5, 0xDF...0xF6, 0xF8...0xFF: return letter | word
        case 0xC0...0xD6, 0xD8...0xDE: return letter | capital | word
        case 0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE: return word
        default: return other   // C1 controls, signs and punctuation, × and ÷
        }
    }

    /// Three-byte characters known to be spaces or neither word characters nor spaces: the
    /// general punctuation block's spaces, dashes, quotes, bullets and ellipsis (not its
    /// connector punctuation U+203F, U+2040, U+2054, nor its format characters), and a few
    /// common signs (€, ™, −, arrows, ▪, ●, ★).
    @inline(__always)
    private static func punctuation(_ scalar: UInt32) -> UInt8 {
        switch scalar {
        case 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return space
        case 0x2010...0x2027, 0x2030...0x203E, 0x20AC, 0x2122, 0x2190...0x2193, 0x2212, 0x25AA, 0x25CF, 0x2605, 0x2606:
            return other
        default: return unknown
        }
    }
}
