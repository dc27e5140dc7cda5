/// The stop words, with the ASCII ones in a small open-addressing table that an ASCII word of a
/// line is looked up in straight from its UTF-8 bytes, lowercased on the fly: no String is built
/// and nothing is allocated, which `Set<String>` lookups did for every word of every line.
public struct StopwordTable: Sendable {
    public let words: Set<String>
    /// Indices into `entries` (-1: empty slot), `mask + 1` of them.
    private let slots: [Int32]
    private let entries: [[UInt8]]
    private let mask: Int
    private let maxLength: Int

    public init(_ words: Set<String>) {
        self.words = words
        let ascii = words.map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }.sorted { $0.lexicographicallyPrecedes($1) }
        var size = 8
        while size < 4 * ascii.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (k, word) in ascii.enumerated() {
            var h = StopwordTable.hash(word) & (size - 1)
            while slots[h] >= 0 { h = (h + 1) & (size - 1) }
            slots[h] = Int32(k)
        }
        self.slots = slots
        entries = ascii
        mask = size - 1
        maxLength = ascii.map(\.count).max() ?? 0
    }

    private init(copying other: StopwordTable) {
        words = other.words
        slots = other.slots.map { $0 }
        entries = other.entries.map { $0.map { $0 } }
        mask = other.mask
        maxLength = other.maxLength
    }

    /// Tables of this thread's own (`RuleSet.threadCopy`).
    func threadCopy() -> StopwordTable { StopwordTable(copying: self) }

    /// Whether the ASCII word `token`, lowercased, is a stop word.
    func contains(asciiLowercasing token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.count <= maxLength, !entries.isEmpty else { return false }
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
