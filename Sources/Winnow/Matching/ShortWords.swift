/// The line's whole words of one or two ASCII letters or digits, as bits (step 300 in
/// docs/performance.md): a literal of one or two bytes that must stand as a whole word (`\bu\b`,
/// `\bgo\b`: `RequiredLiterals.Edges.tag`) is present in a line only where a run of ASCII
/// letters and digits of those bytes (ASCII-caselessly) stands with no such character on either
/// side, so one bit per such literal, set by the runs of the line, settles it in one test.
///
/// A rule set's table gives each distinct whole-word literal of its prefilters a bit of its own
/// (past 63 of them, the commonest share bits: a shared bit marks each of its literals present,
/// never fewer), and every other short run bit 63, which no literal has. `LineFeatures` sets the bits
/// in its walk over the line's runs (`LineFeatures.shortWords`), with the table's `key`; the
/// scan takes them when the keys agree, else finds them itself (`bits(in:)`), as it does in a
/// line that it folds (`LiteralFold`: "uſ" is the word "us" for PCRE2's caseless matching).
public final class ShortWords: @unchecked Sendable {
    /// For each run of one or two ASCII letters or digits (`index`), its bit's number.
    let bitOf: UnsafeMutablePointer<UInt8>
    /// The literals (lowercase) by bit: the literal words of bit k are `words[k]`.
    let words: [[[UInt8]]]
    /// The bits that some literal has.
    let used: UInt64
    /// Nonzero, and the same for two tables only when they give every word the same bit: a
    /// hash of the literals and their bits (FNV-1a, 64 bits). `LineFeatures.shortWordsKey`.
    public let key: UInt64

    /// The bit no literal has (every other short run sets it).
    static let spare = 63
    /// The number of run indices (`index`).
    static let count = 75 * 76

    /// Index of a run: the first byte's place among `0`...`z` (ASCII letters lowercased by
    /// `| 0x20`, digits unchanged), times 76, plus the second's place plus one (0 for a run of
    /// one byte).
    @inline(__always)
    static func index(_ first: UInt8, _ second: UInt8?) -> Int {
        Int((first | 0x20) &- 0x30) &* 76 &+ (second.map { Int(($0 | 0x20) &- 0x30) &+ 1 } ?? 0)
    }

    /// Whether `b` is an ASCII letter or digit: what a run is made of.
    @inline(__always)
    static func isRunByte(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 }

    /// The table of these literals (each of one or two ASCII letters or digits, any case).
    /// Past 63 of them some share bits: those in `common` (the stop words: a line has them
    /// anyway) share among themselves first, so that the rarer ones keep bits of their own.
    public init<S: Sequence>(literals: S, common: Set<String> = []) where S.Element == [UInt8] {
        let distinct = Set(literals.map { $0.map { $0 | 0x20 } }).sorted { $0.lexicographicallyPrecedes($1) }
        precondition(distinct.allSatisfy { (1...2).contains($0.count) && $0.allSatisfy(ShortWords.isRunByte) })
        let isCommon = distinct.map { common.contains(String(decoding: $0, as: UTF8.self)) }
        let ordered = distinct.indices.filter { !isCommon[$0] }.map { distinct[$0] } + distinct.indices.filter { isCommon[$0] }.map { distinct[$0] }
        let bits = ShortWords.spare, rare = isCommon.lazy.filter { !$0 }.count
        // The first `own` literals have a bit each, the rest share the last `bits - own` bits.
        let own = ordered.count <= bits ? bits : bits - max(1, bits - rare)
        var words = [[[UInt8]]](repeating: [], count: 64)
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: ShortWords.count)
        table.initialize(repeating: UInt8(bits), count: ShortWords.count)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var used: UInt64 = 0
        for (k, word) in ordered.enumerated() {
            let bit = k < own ? k : own + (k - own) % (bits - own)
            words[bit].append(word)
            used |= 1 << UInt64(bit)
            table[ShortWords.index(word[0], word.count == 2 ? word[1] : nil)] = UInt8(bit)
            for b in word + [0xF0 | UInt8(bit >> 4), 0xF0 | UInt8(bit & 15)] { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        bitOf = table
        self.words = words
        self.used = used
        key = hash == 0 ? 1 : hash
    }

    private init(copying other: ShortWords) {
        bitOf = .allocate(capacity: ShortWords.count)
        bitOf.initialize(from: other.bitOf, count: ShortWords.count)
        words = other.words.map { $0.map { $0.map { $0 } } }
        used = other.used
        key = other.key
    }

    func threadCopy() -> ShortWords { ShortWords(copying: self) }

    deinit { bitOf.deallocate() }

    /// The bit of the run `b[start..<end]` (one or two ASCII letters or digits).
    @inline(__always)
    func bit(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        1 &<< UInt64(bitOf[ShortWords.index(b[start], end &- start == 2 ? b[start &+ 1] : nil)])
    }

    /// The bits of the runs of one or two ASCII letters or digits in `line`: what
    /// `LineFeatures` finds in its walk, found on their own.
    func bits(in line: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = line.baseAddress else { return 0 }
        var bits: UInt64 = 0
        var start = -1
        for i in 0...line.count {
            if i < line.count && ShortWords.isRunByte(base[i]) {
                if start < 0 { start = i }
            } else if start >= 0 {
                if i &- start <= 2 { bits |= bit(base, start, i) }
                start = -1
            }
        }
        return bits
    }
}
