/// A JSON text's lone UTF-16 surrogate escapes (`"\ud83d"` with no `\udcxx` after it, or a
/// `\udcxx` alone) replaced by `\ufffd`.
///
/// Python's `json.dumps` writes such escapes for a string holding half of an emoji (a scraper
/// that cut a page's text in the middle of a UTF-16 pair), and the JSON grammar allows them, but
/// Foundation's parsers refuse the whole line: a record that only needed the same repair as
/// invalid UTF-8 (U+FFFD and a warning) was lost as "not valid JSON". Outside strings a JSON text
/// holds no backslash, so the escapes are found without tracking strings.
public enum LoneSurrogates {
    /// The bytes with every lone surrogate escape replaced, and how many were; nil when none.
    public static func replaced(_ bytes: some Collection<UInt8>) -> (bytes: [UInt8], count: Int)? {
        let b = Array(bytes)
        var out: [UInt8] = []
        var count = 0
        var copied = 0  // b[..<copied] is in `out`
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "\\"), i + 1 < b.count else { i += 1; continue }
            guard b[i + 1] == UInt8(ascii: "u"), let unit = hex4(b, i + 2) else { i += 2; continue }
            if (0xD800...0xDBFF).contains(unit), i + 7 < b.count, b[i + 6] == UInt8(ascii: "\\"), b[i + 7] == UInt8(ascii: "u"),
               let low = hex4(b, i + 8), (0xDC00...0xDFFF).contains(low) {
                i += 12  // a pair
                continue
            }
            if (0xD800...0xDFFF).contains(unit) {
                out += b[copied..<i]
                out += Array("\\ufffd".utf8)
                copied = i + 6
                count += 1
            }
            i += 6
        }
        guard count > 0 else { return nil }
        out += b[copied...]
        return (out, count)
    }

    /// The four hex digits at `b[at...]` as a number, nil when they are not there.
    static func hex4(_ b: [UInt8], _ at: Int) -> Int? {
        guard at + 4 <= b.count else { return nil }
        var v = 0
        for c in b[at..<at + 4] {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 16 + Int(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v * 16 + Int(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v * 16 + Int(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
        }
        return v
    }

    /// The warning a repaired record carries.
    public static func warning(_ count: Int) -> String {
        "\(count) lone UTF-16 surrogate escape(s) replaced with U+FFFD"
    }
}
