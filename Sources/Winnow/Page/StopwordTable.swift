/// The stop words, with the ASCII ones in small open-addressing tables that an ASCII word of a
/// line is looked up in straight from its UTF-8 bytes, lowercased on the fly: no String is built
/// and nothing is allocated, which `Set<String>` lookups did for every word of every line.
///
/// Words of up to eight bytes (nearly all stop words, and most words of a line) are one integer:
/// the word's bytes read at once, lowercased in the register and compared with the table's
/// integer; longer ones are compared byte by byte.
public struct StopwordTable: Sendable {
    public let words: Set<String>
    /// Packed ASCII stop words of up to eight bytes (`pack`; 0: empty slot), `1 << (64 - shift)` slots.
    private let short: [UInt64]
    private let shift: UInt64
    /// Longer ASCII stop words: indices into `entries` (-1: empty slot), `mask + 1` of them.
    private let slots: [Int32]
    private let entries: [[UInt8]]
    private let mask: Int
    private let maxLength: Int

    public init(_ words: Set<String>) {
        self.words = words
        // A word is compared lowercased, so a stop word with a capital never matches one.
        let ascii = words.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } }
            .sorted { $0.lexicographicallyPrecedes($1) }
        let shortWords = ascii.filter { $0.count <= 8 }.map { word in
            word.withUnsafeBufferPointer { StopwordTable.pack($0.baseAddress!, count: $0.count, wholeWord: false) }
        }
        var bits: UInt64 = 3
        while 1 << bits < 4 * shortWords.count { bits += 1 }
        var short = [UInt64](repeating: 0, count: 1 << bits)
        for key in shortWords {
            var h = StopwordTable.slot(key, shift: 64 - bits)
            while short[h] != 0 { h = (h + 1) & (short.count - 1) }
            short[h] = key
        }
        self.short = short
        shift = 64 - bits
        let long = ascii.filter { $0.count > 8 }
        var size = 8
        while size < 4 * long.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (k, word) in long.enumerated() {
            var h = StopwordTable.hash(word) & (size - 1)
            while slots[h] >= 0 { h = (h + 1) & (size - 1) }
            slots[h] = Int32(k)
        }
        self.slots = slots
        entries = long
        mask = size - 1
        maxLength = ascii.map(\.count).max() ?? 0
    }

    private init(copying other: StopwordTable) {
        words = other.words
        short = other.short.map { $0 }
        shift = other.shift
        slots = other.slots.map { $0 }
        entries = other.entries.map { $0.map { $0 } }
        mask = other.mask
        maxLength = other.maxLength
    }

    /// Tables of this thread's own (`RuleSet.threadCopy`).
    func threadCopy() -> StopwordTable { StopwordTable(copying: self) }

    /// Whether the ASCII word `line[start..<end]`, lowercased, is a stop word.
    @inline(__always)
    func contains(asciiLowercasing line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let count = end - start
        guard count <= maxLength else { return false }
        guard count <= 8 else { return containsLong(UnsafeBufferPointer(rebasing: line[start..<end])) }
        // Eight bytes are read at once when the line has them from `start`.
        let key = StopwordTable.pack(line.baseAddress! + start, count: count, wholeWord: start + 8 <= line.count)
        return short.withUnsafeBufferPointer { table in
            var h = StopwordTable.slot(key, shift: shift)
            while true {
                let k = table[h]
                if k == key { return true }
                if k == 0 { return false }
                h = (h + 1) & (table.count - 1)
            }
        }
    }

    /// Up to eight ASCII bytes lowercased, the first in the low byte (zero bytes after them). With
    /// `wholeWord`, eight bytes may be read from `p`.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, count: Int, wholeWord: Bool) -> UInt64 {
        var x: UInt64 = 0
        if wholeWord {
            x = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            if count < 8 { x &= (1 &<< UInt64(8 * count)) &- 1 }
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

    /// FNV-1a.
    @inline(__always)
    static func hash<S: Sequence>(_ bytes: S) -> Int where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h >> 1)
    }
}
