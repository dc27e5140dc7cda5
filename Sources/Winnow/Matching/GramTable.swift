/// The prefilter's literals of `width` bytes or more (three: the literals of exactly three
/// bytes; four: every longer one), found by their first `width` bytes in the scan's one pass
/// over the line. The scan keeps the last four bytes (ASCII letters lowercased) in an integer,
/// the latest lowest, and tests a hash of its low `width` bytes in `bits` (32,768 bits, about
/// 3 % of them set by 1,000 literals); only a window whose bit is set comes to `mark`, which
/// looks it up exactly and compares the rest of each literal in place. Replaces a Vectorscan
/// literal database, which cost about 35 instructions a byte (step 45 in docs/performance.md).
/// (One table of every literal by its first three bytes gave `mark` twice the work: many long
/// literals share a common word's first three bytes.)
struct GramTable {
    let width: Int
    /// One bit per hash of a literal's first `width` bytes (`hash`).
    let bits: [UInt64]
    /// Open addressing by the same hash: `keys[slot]` the first bytes, the literals with them
    /// `first[slot]..<end[slot]` (sorted by their first bytes); `end` 0 for a free slot.
    let keys: [UInt32]
    let first: [Int32]
    let end: [Int32]
    /// Literal k (lowercased): `bytes[start[k]..<start[k + 1]]`, reporting the terms
    /// `terms[termStart[k]..<termStart[k + 1]]`.
    let bytes: [UInt8]
    let start: [Int32]
    let termStart: [Int32]
    let terms: [Int32]

    static let hashBits = 1 << 15

    /// `literals`: distinct lowercased strings of at least `width` bytes, each with its terms.
    init(width: Int, literals: [(bytes: [UInt8], terms: [Int])]) {
        self.width = width
        let key = { (l: [UInt8]) in GramTable.key(l, width: width) }
        let sorted = literals.enumerated().sorted { (key($0.element.bytes), $0.offset) < (key($1.element.bytes), $1.offset) }.map(\.element)
        var bits = [UInt64](repeating: 0, count: GramTable.hashBits / 64)
        let slots = max(64, 1 << (Int.bitWidth - (4 * max(1, sorted.count)).leadingZeroBitCount))
        var keys = [UInt32](repeating: 0, count: slots)
        var first = [Int32](repeating: 0, count: slots), end = [Int32](repeating: 0, count: slots)
        for (rank, literal) in sorted.enumerated() {
            let k = key(literal.bytes)
            let h = GramTable.hash(k)
            bits[h >> 6] |= 1 << (h & 63)
            var slot = h & (slots - 1)
            while end[slot] != 0 && keys[slot] != k { slot = (slot + 1) & (slots - 1) }
            if end[slot] == 0 { keys[slot] = k; first[slot] = Int32(rank) }
            end[slot] = Int32(rank + 1)
        }
        self.bits = bits
        self.keys = keys
        self.first = first
        self.end = end
        bytes = sorted.flatMap(\.bytes)
        start = sorted.reduce(into: [0]) { $0.append($0.last! + Int32($1.bytes.count)) }
        termStart = sorted.reduce(into: [0]) { $0.append($0.last! + Int32($1.terms.count)) }
        terms = sorted.flatMap { $0.terms.map(Int32.init) }
    }

    private init(copying other: GramTable) {
        width = other.width
        bits = other.bits.map { $0 }
        keys = other.keys.map { $0 }
        first = other.first.map { $0 }
        end = other.end.map { $0 }
        bytes = other.bytes.map { $0 }
        start = other.start.map { $0 }
        termStart = other.termStart.map { $0 }
        terms = other.terms.map { $0 }
    }

    /// Arrays of this thread's own (see `Prefilter.threadCopy`).
    func threadCopy() -> GramTable { GramTable(copying: self) }

    var isEmpty: Bool { start.count <= 1 }

    /// A literal's first `width` bytes as the scan's window holds them: the first byte highest.
    static func key(_ literal: [UInt8], width: Int) -> UInt32 {
        literal.prefix(width).reduce(0) { $0 << 8 | UInt32($1) }
    }

    @inline(__always)
    static func hash(_ key: UInt32) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B1) &>> 17) }

    /// Marks the terms of the literals that start at `s` with the `width` bytes `key`, whose
    /// hash's bit the scan found set. Out of the scan's loop: few windows get here.
    @inline(never)
    func mark(_ key: UInt32, at s: Int, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        guard s >= 0 else { return }  // the window began before the line
        keys.withUnsafeBufferPointer { keys in
            end.withUnsafeBufferPointer { end in
                let mask = keys.count - 1
                var slot = GramTable.hash(key) & mask
                while keys[slot] != key {
                    guard end[slot] != 0 else { return }  // a free slot: no literal starts so
                    slot = (slot + 1) & mask
                }
                let lower = scratch.lowercase
                bytes.withUnsafeBufferPointer { bytes in
                    start.withUnsafeBufferPointer { start in
                        for l in Int(first[slot])..<Int(end[slot]) {
                            let from = Int(start[l]), count = Int(start[l + 1]) - from
                            guard line.count - s >= count else { continue }
                            var j = width
                            while j < count, lower[Int(line[s + j])] == bytes[from + j] { j += 1 }
                            guard j == count else { continue }
                            for t in Int(termStart[l])..<Int(termStart[l + 1]) { scratch.mark(Int(terms[t])) }
                        }
                    }
                }
            }
        }
    }
}
