/// A scraped page as Winnow sees it: numbered lines of valid UTF-8 text.
///
/// Decoding never loses a line: invalid bytes become U+FFFD (counted in a warning), CRLF and CR
/// become line breaks, NUL bytes are removed (counted in a warning), a UTF-8 byte-order mark is
/// dropped and UTF-16 with a byte-order mark is decoded.
public struct Page: Sendable {
    /// Where the page came from (a path, or `-` for standard input).
    public let source: String
    /// The lines, without their terminators; line N of the page is `lines[N - 1]`.
    public let lines: [String]
    /// What decoding had to repair.
    public let warnings: [String]

    public init(source: String, lines: [String], warnings: [String] = []) {
        self.source = source
        self.lines = lines
        self.warnings = warnings
    }

    /// Decodes raw bytes into a page. UTF-8 is split into lines straight from the bytes, each
    /// line decoded on its own (line breaks are ASCII, so no invalid sequence spans one, and the
    /// replacements are those of the whole text): decoding the whole text first, then copying
    /// each line through a buffer, held four copies of a one-line page at once (a 50 MB line
    /// took 269 MB).
    public init(source: String, bytes: [UInt8]) {
        var warnings: [String] = []
        let lines: [String]
        let nuls: Int
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let (text, bad) = Page.decodeUTF16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE)
            warnings.append("decoded as UTF-16 (\(bytes[0] == 0xFE ? "big" : "little")-endian, byte-order mark)")
            if bad > 0 { warnings.append("\(bad) invalid UTF-16 code unit(s) replaced with U+FFFD") }
            nuls = text.utf8.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            lines = Page.splitLines(nuls > 0 ? String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" })) : text)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
            let invalid = Page.countInvalidUTF8(body)
            if invalid > 0 { warnings.append("\(invalid) invalid UTF-8 sequence(s) replaced with U+FFFD") }
            // A NUL is ASCII: never part of a replaced sequence, so the bytes count it as the text would.
            nuls = body.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            // NUL bytes are removed, as a browser drops them from a page's text (HTML, "in body":
            // "ignore the token"): printed raw, they made `clean`'s text binary to grep, broke
            // Python's csv (before 3.11) and PostgreSQL text, and hid in the audit's lines.
            lines = Page.splitLines(utf8: nuls > 0 ? ArraySlice(body.filter { $0 != 0 }) : body)
            if let markup = Page.markupWarning(body) { warnings.append(markup) }
        }
        if nuls > 0 { warnings.append("\(nuls) NUL byte(s) removed") }
        self.init(source: source, lines: lines, warnings: warnings)
    }

    /// Splits UTF-8 bytes on LF, CRLF and CR, decoding each line (invalid sequences as U+FFFD).
    /// A final line break does not start an empty last line.
    static func splitLines(utf8 bytes: ArraySlice<UInt8>) -> [String] {
        var lines: [String] = []
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == 0x0A || byte == 0x0D {
                lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += byte == 0x0D && i + 1 < bytes.endIndex && bytes[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.endIndex { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return lines
    }

    /// Splits on LF, CRLF and CR. A final line break does not start an empty last line.
    static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A:
                if previousWasCR { previousWasCR = false; continue }
                lines.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true)
            case 0x0D:
                lines.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true)
                previousWasCR = true
                continue
            default:
                current.append(byte)
            }
            previousWasCR = false
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    /// Number of maximal invalid subsequences, as `String(decoding:)` replaces them.
    static func countInvalidUTF8<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var count = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: count += 1
            }
        }
        return count
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (String, Int) {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        var bad = bytes.count % 2
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error: bad += 1; scalars.append("\u{FFFD}")
            }
        }
        return (String(scalars), bad)
    }
}

extension Page {
    /// The page's size in UTF-8 bytes, a line break counted after each line.
    public var byteCount: Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }

    /// True for an empty or whitespace-only line: such lines carry no label.
    /// (An ASCII character is answered by its value, Unicode's White_Space there being tab to
    /// carriage return and space: the property lookup cost about 240 instructions a line.)
    public static func isBlank(_ line: String) -> Bool {
        // By bytes while they are ASCII (a line's first one, most often, decides); from the first
        // other byte on, by its scalars (step 241 in docs/performance.md). Over the contiguous
        // bytes of a native string: iterating the UTF-8 view, once this function was no longer
        // inlined, cost about 150 instructions a line in the view's index witnesses.
        let verdict = line.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            for i in bytes.indices {
                let b = bytes[i]
                if b >= 0x80 { return i }
                if !(b == 0x20 || b &- 0x09 < 5) { return -1 }
            }
            return -2
        }
        if let verdict { return verdict >= 0 ? isBlank(scalarsOf: line, from: verdict) : verdict == -2 }
        for (i, b) in line.utf8.enumerated() {
            if b >= 0x80 { return isBlank(scalarsOf: line, from: i) }
            if !(b == 0x20 || b &- 0x09 < 5) { return false }
        }
        return true
    }

    /// The indices of the non-blank lines (`blank` false), in order, built at their count:
    /// `lines.indices.filter { !blank[$0] }` grew its array from one to two to four and on,
    /// a copy and a free each time, and three engine steps build this list for every page
    /// (`markStoryLists`, `StoryTable.find`, `ThreadLayout.find`; step 393 in docs/performance.md).
    static func nonBlankIndices(_ blank: [Bool]) -> [Int] {
        var count = 0
        for b in blank where !b { count += 1 }
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for i in blank.indices where !blank[i] { rows.append(i) }
        return rows
    }

    /// `isBlank` for the scalars from byte `offset` on (the bytes before it are ASCII whitespace).
    @inline(never)
    static func isBlank(scalarsOf line: String, from offset: Int) -> Bool {
        let start = line.utf8.index(line.utf8.startIndex, offsetBy: offset)
        return line.unicodeScalars[start...].allSatisfy { $0.isASCII ? $0.value == 0x20 || $0.value &- 0x09 < 5 : $0.properties.isWhitespace }
    }
}
