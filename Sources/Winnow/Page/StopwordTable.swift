import CWinnowScan

/// The stop words, with the ASCII ones in small open-addressing tables that an ASCII word of a
/// line is looked up in straight from its UTF-8 bytes, lowercased on the fly: no String is built
/// and nothing is allocated, which `Set<String>` lookups did for every word of every line.
///
/// Words of up to eight bytes (nearly all stop words, and most words of a line) are one integer:
/// the word's bytes read at once, lowercased in the register and compared with the table's
/// integer; longer ones are compared byte by byte.
///
/// A class, immutable: every line's features take the table, and a struct's copy retained and
/// released each of its arrays (about 250 instructions a line; step 98 in docs/performance.md).
public final class StopwordTable: Sendable {
    public let words: Set<String>
    /// Packed ASCII stop words of up to eight bytes (`pack`; 0: empty slot), `1 << (64 - shift)`
    /// slots, each word in one of its two slots (`shortSlots`, a two-choice table built by
    /// `twoChoiceTable`): a word of a line is looked up by reading both and comparing, with no
    /// branch on the answer. The filter and the probe loop before it (step 380) mispredicted
    /// about one word in three, stop words and others alternating (step 410 in docs/performance.md).
    nonisolated(unsafe) private let short: UnsafeMutablePointer<UInt64>
    private let shift: UInt64
    /// Longer ASCII stop words: indices into `entries` (-1: empty slot), `mask + 1` of them.
    private let slots: [Int32]
    private let entries: [[UInt8]]
    private let mask: Int
    private let maxLength: Int
    /// A bit per length (capped at 63) of the ASCII stop words longer than eight bytes: a longer
    /// word of another length is none, without a hash (most long words of a line).
    private let longLengths: UInt64
    /// The ASCII stop words of nine to sixteen bytes as two packed keys each (`pack`: the first
    /// eight bytes, then the rest), two integers a slot (both 0: empty), `1 << (64 - pairShift)`
    /// slots: such a word of a line is looked up as two integers, where `containsLong` hashed it
    /// byte by byte (about 160 instructions a word; step 192 in docs/performance.md).
    private let pairs: [UInt64]
    private let pairShift: UInt64
    /// The non-ASCII stop words, lowercased UTF-8 bytes (`nonASCIISlots` index them like `slots`),
    /// for `contains(nonASCIILowercasing:_:_:)`; nil when one of them holds a scalar without a
    /// `lowercaseMap` entry, which then always takes the `Set<String>` path.
    private let nonASCIIEntries: [[UInt8]]?
    private let nonASCIISlots: [Int32]
    private let nonASCIIMask: Int
    /// The longest non-ASCII stop word, in bytes.
    private let nonASCIIMaxLength: Int

    public init(_ words: Set<String>) {
        self.words = words
        let ascii = StopwordTable.asciiWords(words)
        let shortWords = StopwordTable.shortKeys(ascii)
        guard let (table, bits) = StopwordTable.twoChoiceTable(shortWords) else {
            // `ConfigLoader` refuses such a list (`placementError`); only one built in code gets here.
            preconditionFailure(StopwordTable.placementError(words) ?? "stop words do not fit their table")
        }
        short = .allocate(capacity: table.count)
        short.initialize(from: table, count: table.count)
        shift = 64 - bits
        let long = ascii.filter { $0.count > 8 }
        (slots, mask) = StopwordTable.openTable(long)
        entries = long
        maxLength = ascii.map(\.count).max() ?? 0
        longLengths = long.reduce(0) { $0 | 1 << UInt64(min($1.count, 63)) }
        (pairs, pairShift) = StopwordTable.pairTable(long.filter { $0.count <= 16 })
        pairBuffer = .allocate(capacity: pairs.count)
        pairBuffer.initialize(from: pairs, count: pairs.count)
        // Stop words with a non-ASCII scalar (as `words` holds them), each made only of ASCII and
        // `lowercaseMap` scalars that lowercase to themselves: then a line's word made of such
        // scalars equals one (`String ==`, canonical equivalence) only when its bytes do.
        let nonASCII = words.filter { $0.utf8.contains { $0 >= 0x80 } }.sorted().map { Array($0.utf8) }
        let byteLimit = StopwordTable.loweredCapacity
        let fast = nonASCII.allSatisfy { word in
            word.count <= byteLimit && String(decoding: word, as: UTF8.self).unicodeScalars.allSatisfy { s in
                s.value < 0x80 ? !(s.value >= 0x41 && s.value <= 0x5A) : StopwordTable.lowercase(s.value) == s.value
            }
        }
        nonASCIIEntries = fast ? nonASCII : nil
        (nonASCIISlots, nonASCIIMask) = StopwordTable.openTable(nonASCII)
        nonASCIIMaxLength = nonASCII.map(\.count).max() ?? 0
        featureTables = WSFeatureTables(stopSlots: short, stopShift: shift, pairs: pairBuffer, pairCount: pairs.count, pairShift: pairShift,
                                        longLengths: longLengths, maxLength: maxLength, shortBit: nil)
    }

    private init(copying other: StopwordTable) {
        words = other.words
        let count = 1 << (64 - other.shift)
        short = .allocate(capacity: count)
        short.initialize(from: other.short, count: count)
        shift = other.shift
        slots = other.slots.map { $0 }
        entries = other.entries.map { $0.map { $0 } }
        mask = other.mask
        maxLength = other.maxLength
        longLengths = other.longLengths
        pairs = other.pairs.map { $0 }
        pairShift = other.pairShift
        pairBuffer = .allocate(capacity: other.pairs.count)
        pairBuffer.initialize(from: other.pairBuffer, count: other.pairs.count)
        nonASCIIEntries = other.nonASCIIEntries.map { $0.map { $0.map { $0 } } }
        nonASCIISlots = other.nonASCIISlots.map { $0 }
        nonASCIIMask = other.nonASCIIMask
        nonASCIIMaxLength = other.nonASCIIMaxLength
        featureTables = WSFeatureTables(stopSlots: short, stopShift: shift, pairs: pairBuffer, pairCount: pairs.count, pairShift: pairShift,
                                        longLengths: longLengths, maxLength: maxLength, shortBit: nil)
    }

    deinit {
        short.deallocate()
        pairBuffer.deallocate()
    }

    /// `pairs` where C reads it (`featureTables`).
    nonisolated(unsafe) private let pairBuffer: UnsafeMutablePointer<UInt64>

    /// The tables `ws_line_features` looks the ASCII words of a line up in (no short-run table),
    /// made once: every line reads them.
    nonisolated(unsafe) let featureTables: WSFeatureTables

    /// The ASCII stop words without a capital, as bytes, in order. A word is compared
    /// lowercased, so a stop word with a capital never matches one.
    static func asciiWords(_ words: Set<String>) -> [[UInt8]] {
        words.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } }
            .sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The packed keys (`pack`) of the ASCII stop words (lowercase) of up to eight bytes, each
    /// once: words that differ only by trailing NUL bytes pack to one key, and the same key
    /// twice could never stand in two slots of its own (three of them made `twoChoiceTable`
    /// double forever). A word of NUL bytes alone (key 0, an empty slot) is left out: no word
    /// of a line is one.
    static func shortKeys(_ ascii: [[UInt8]]) -> [UInt64] {
        var seen = Set<UInt64>()
        return ascii.filter { $0.count <= 8 }.map { word in
            word.withUnsafeBufferPointer { StopwordTable.pack($0.baseAddress!, count: $0.count, wholeWord: false) }
        }.filter { $0 != 0 && seen.insert($0).inserted }
    }

    /// How many times the table may double past its least size (four slots a key) before a
    /// list is refused: 16 times as many slots. A random list of words needs no doubling or one;
    /// a list made so that three words share both slots at every size up to some bits (a hostile
    /// `stopwords` in config.yml) grew the table without a bound, to gigabytes.
    static let maxExtraBits: UInt64 = 4

    /// A table of `keys` (nonzero, distinct) where each key stands in one of its two slots
    /// (`slot` and `otherSlot`), and the table's bits: at least four slots a key, more when a
    /// key's two slots and those of the keys it displaces form a cycle (cuckoo insertion); nil
    /// (with the key that found no slot in `unplaced`) when none fits `maxExtraBits` doublings.
    static func twoChoiceTable(_ keys: [UInt64], unplaced: UnsafeMutablePointer<UInt64>? = nil) -> (table: [UInt64], bits: UInt64)? {
        var bits: UInt64 = 3
        while 1 << bits < 4 * keys.count { bits += 1 }
        let maxBits = bits + maxExtraBits
        build: while true {
            var table = [UInt64](repeating: 0, count: 1 << bits)
            placing: for key in keys {
                var k = key
                var h = slot(k, shift: 64 - bits)
                for _ in 0...(2 * keys.count + 8) {
                    if table[h] == 0 { table[h] = k; continue placing }
                    // Displace the slot's key to its other slot.
                    swap(&table[h], &k)
                    let first = slot(k, shift: 64 - bits)
                    h = h == first ? otherSlot(k, shift: 64 - bits) : first
                }
                guard bits < maxBits else {
                    unplaced?.pointee = k
                    return nil
                }
                bits += 1
                continue build
            }
            return (table, bits)
        }
    }

    /// Why `words` cannot be a stop-word table (for `ConfigLoader`'s load error), or nil when
    /// they can: some ASCII words of up to eight bytes share both their slots with others at
    /// every size the table may take (`maxExtraBits`).
    static func placementError(_ words: Set<String>) -> String? {
        let keys = shortKeys(asciiWords(words))
        var unplaced: UInt64 = 0
        guard twoChoiceTable(keys, unplaced: &unplaced) == nil else { return nil }
        let word = String(decoding: (0..<8).map { UInt8(truncatingIfNeeded: unplaced >> (8 * $0)) }.prefix { $0 != 0 }, as: UTF8.self)
        return "'stopwords': the \(keys.count) words of up to eight bytes do not fit their lookup table "
            + "(\(1 << maxExtraBits) times its least size; '\(word)' found no slot): words chosen so that their hashes collide; "
            + "remove some of them"
    }

    /// Tables of this thread's own (`RuleSet.threadCopy`).
    func threadCopy() -> StopwordTable { StopwordTable(copying: self) }

    /// Whether the ASCII word `line[start..<end]`, lowercased, is a stop word.
    @inline(__always)
    func contains(asciiLowercasing line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        stopCount(asciiLowercasing: line, start, end) != 0
    }

    /// 1 when the ASCII word `line[start..<end]`, lowercased, is a stop word, else 0: for a word
    /// of one to eight bytes (most words), without a branch on the answer.
    @inline(__always)
    func stopCount(asciiLowercasing line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        // Wrapping arithmetic and an unchecked base address: `start..<end` lies in the line,
        // and the checks cost about five instructions a word (step 334 in docs/performance.md).
        let count = end &- start
        if UInt(bitPattern: count &- 1) < 8 {
            // Eight bytes are read at once when the line has them from `start`. The key is not 0
            // (an empty slot): the word has a byte, and no byte is 0 in it.
            let key = StopwordTable.pack(line.baseAddress.unsafelyUnwrapped + start, count: count, wholeWord: start &+ 8 <= line.count)
            let a = short[StopwordTable.slot(key, shift: shift)], b = short[StopwordTable.otherSlot(key, shift: shift)]
            return (a == key ? 1 : 0) | (b == key ? 1 : 0)
        }
        guard count <= maxLength, count > 8 else { return 0 }
        guard longLengths & (1 << UInt64(min(count, 63))) != 0 else { return 0 }
        guard count <= 16 else { return containsLong(UnsafeBufferPointer(rebasing: line[start..<end])) ? 1 : 0 }
        let p = line.baseAddress! + start
        return containsPair(StopwordTable.pack(p, count: 8, wholeWord: true),
                            StopwordTable.pack(p + 8, count: count - 8, wholeWord: start + 16 <= line.count)) ? 1 : 0
    }

    /// Whether the word `line[start..<end]` (valid UTF-8 with a non-ASCII scalar), lowercased, is
    /// a stop word: `words.contains(String(word).lowercased())`. A word whose scalars are all
    /// ASCII or in `lowercaseMap` (Latin letters, curly quotes, dashes: nearly every non-ASCII
    /// word of a line, "don’t" among them) is lowercased scalar by scalar into a buffer on the
    /// stack, as `lowercased()` does, and looked up by its bytes; another word builds the String.
    /// Building and lowercasing a String per word cost about 4 K instructions (step 92 in
    /// docs/performance.md).
    func contains(nonASCIILowercasing line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard let entries = nonASCIIEntries else { return containsByString(line, start, end) }
        let outcome: Bool? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: StopwordTable.loweredCapacity) { buffer in
            var n = 0
            var i = start
            while i < end {
                let (v, width) = LineFeatures.decode(line, i)
                i += width
                let lower: UInt32
                if v < 0x80 {
                    lower = v >= 0x41 && v <= 0x5A ? v | 0x20 : v
                } else {
                    lower = StopwordTable.lowercase(v)
                    guard lower != 0 else { return nil }  // outside the map: the String decides
                }
                // Past the longest stop word no byte is stored, but every scalar is still checked.
                if n <= nonASCIIMaxLength {
                    n = StopwordTable.encode(lower, into: buffer, at: n, limit: nonASCIIMaxLength + 1)
                }
            }
            guard n <= nonASCIIMaxLength else { return false }
            let word = UnsafeBufferPointer(rebasing: buffer[0..<n])
            var h = StopwordTable.hash(word) & nonASCIIMask
            while true {
                let k = Int(nonASCIISlots[h])
                if k < 0 { return false }
                if entries[k].elementsEqual(word) { return true }
                h = (h + 1) & nonASCIIMask
            }
        }
        return outcome ?? containsByString(line, start, end)
    }

    /// Whether non-ASCII words are looked up by their lowercased bytes (for tests).
    var looksUpNonASCIIBytes: Bool { nonASCIIEntries != nil }

    func containsByString(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        words.contains(String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self).lowercased())
    }

    /// Room for a lowercased word's bytes; a longer non-ASCII stop word turns the fast path off.
    static let loweredCapacity = 64

    /// `v`'s UTF-8 bytes at `buffer[n...]`, when they fit before `limit`; the count after them
    /// (past `limit` when they do not fit).
    @inline(__always)
    static func encode(_ v: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at n: Int, limit: Int) -> Int {
        let width = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        guard n + width <= limit else { return limit + 1 }
        switch width {
        case 1: buffer[n] = UInt8(v)
        case 2:
            buffer[n] = UInt8(0xC0 | (v >> 6)); buffer[n + 1] = UInt8(0x80 | (v & 0x3F))
        case 3:
            buffer[n] = UInt8(0xE0 | (v >> 12)); buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            buffer[n + 2] = UInt8(0x80 | (v & 0x3F))
        default:
            buffer[n] = UInt8(0xF0 | (v >> 18)); buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[n + 3] = UInt8(0x80 | (v & 0x3F))
        }
        return n + width
    }

    /// The lowercase of a non-ASCII scalar `v` when `lowercaseMap` holds it, else 0.
    @inline(__always)
    static func lowercase(_ v: UInt32) -> UInt32 {
        if v &- 0xA0 < 0x1B0 { return lowercaseMap[Int(v &- 0xA0)] }
        if v &- 0x2002 < 0x6E { return lowercaseMap[Int(v &- 0x2002) &+ 0x1B0] }
        return 0
    }

    /// The lowercase of each scalar of U+00A0-U+024F (Latin-1 Supplement, Latin Extended-A and -B)
    /// and U+2002-U+206F (spaces, dashes, quotes, `’`), by `Unicode.Scalar.Properties.lowercaseMapping`
    /// (what `String.lowercased()` concatenates), or 0 for one lowercased to several scalars
    /// ("İ") or one that is not a starter (canonical combining class 0). These blocks hold no
    /// scalar that NFC replaces (U+2000 and U+2001 do: left out) or that composes with another,
    /// so two words of such scalars are canonically equivalent exactly when their bytes are equal.
    static let lowercaseMap: [UInt32] = (Array(0xA0..<0x250) + Array(0x2002..<0x2070)).map { (v: UInt32) -> UInt32 in
        let s = Unicode.Scalar(v)!
        let lower = s.properties.lowercaseMapping.unicodeScalars
        guard s.properties.canonicalCombiningClass == .notReordered, lower.count == 1,
              let l = lower.first, l.properties.canonicalCombiningClass == .notReordered else { return 0 }
        return l.value
    }

    /// Up to eight ASCII bytes lowercased, the first in the low byte (zero bytes after them). With
    /// `wholeWord`, eight bytes may be read from `p`.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, count: Int, wholeWord: Bool) -> UInt64 {
        var x: UInt64 = 0
        if wholeWord {
            x = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            // Wrapping arithmetic: `count` is 0...8, and checked conversions cost about ten
            // instructions a word (step 191 in docs/performance.md).
            if count < 8 { x &= (1 &<< UInt64(truncatingIfNeeded: count &<< 3)) &- 1 }
        } else {
            for i in 0..<count { x |= UInt64(p[i]) &<< UInt64(8 * i) }
        }
        // Per byte (all below 0x80, so no carry between bytes): + 0x3F reaches 0x80 from 'A' on,
        // + 0x25 from past 'Z'; a capital gets 0x20 added by or-ing its bit 7 shifted down twice.
        let capitals = (x &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(x &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
        return x | capitals &>> 2
    }

    @inline(__always)
    static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// A short key's second slot in `short` (`twoChoiceTable`).
    @inline(__always)
    static func otherSlot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) &>> shift)
    }

    /// The slot of a long word's two keys in `pairs` (an even index).
    @inline(__always)
    static func pairSlot(_ first: UInt64, _ rest: UInt64, shift: UInt64) -> Int {
        slot(first ^ (rest &* 0xC2B2_AE3D_27D4_EB4F), shift: shift) &<< 1
    }

    /// `pairs` and `pairShift` for `words` (ASCII, lowercase, nine to sixteen bytes each).
    static func pairTable(_ words: [[UInt8]]) -> (pairs: [UInt64], shift: UInt64) {
        var bits: UInt64 = 3
        while 1 << bits < 4 * words.count { bits += 1 }
        var pairs = [UInt64](repeating: 0, count: 2 << bits)
        for word in words {
            let (first, rest) = word.withUnsafeBufferPointer {
                (pack($0.baseAddress!, count: 8, wholeWord: false), pack($0.baseAddress! + 8, count: $0.count - 8, wholeWord: false))
            }
            var h = pairSlot(first, rest, shift: 64 - bits)
            while pairs[h] != 0 { h = (h + 2) & (pairs.count - 1) }
            pairs[h] = first
            pairs[h + 1] = rest
        }
        return (pairs, 64 - bits)
    }

    /// Whether a word of nine to sixteen ASCII bytes, packed as `pairTable` packs them, is a stop word.
    private func containsPair(_ first: UInt64, _ rest: UInt64) -> Bool {
        pairs.withUnsafeBufferPointer { table in
            var h = StopwordTable.pairSlot(first, rest, shift: pairShift)
            while true {
                let k = table[h]
                if k == first, table[h + 1] == rest { return true }
                if k == 0 { return false }
                h = (h + 2) & (table.count - 1)
            }
        }
    }

    private func containsLong(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !entries.isEmpty else { return false }
        var h = StopwordTable.hash(token.lazy.map(StopwordTable.lower)) & mask
        while true {
            let k = Int(slots[h])
            if k < 0 { return false }
            let entry = entries[k]
            if entry.count == token.count, entry.indices.allSatisfy({ entry[$0] == StopwordTable.lower(token[$0]) }) { return true }
            h = (h + 1) & mask
        }
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// An open-addressing table of `words` by `hash`: each slot an index into `words` (-1: empty),
    /// at least four slots a word, and the mask of its size.
    static func openTable(_ words: [[UInt8]]) -> (slots: [Int32], mask: Int) {
        var size = 8
        while size < 4 * words.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (k, word) in words.enumerated() {
            var h = hash(word) & (size - 1)
            while slots[h] >= 0 { h = (h + 1) & (size - 1) }
            slots[h] = Int32(k)
        }
        return (slots, size - 1)
    }

    /// FNV-1a.
    @inline(__always)
    static func hash<S: Sequence>(_ bytes: S) -> Int where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h >> 1)
    }
}
