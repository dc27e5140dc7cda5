/// The prefilter's literals of `width` bytes or more (three: the literals of exactly three
/// bytes; four: every longer one), found by their first `width` bytes in the scan's one pass
/// over the line. The scan keeps the last four bytes (ASCII letters lowercased) in an integer,
/// the latest lowest, and tests a hash of its low `width` bytes in `bits` (32,768 bits, about
/// 3 % of them set by 1,000 literals); only a window whose bit is set is marked (`ws_mark_events`
/// in scan.c), which looks it up exactly and compares the rest of each literal in place. Replaces a Vectorscan
/// literal database, which cost about 35 instructions a byte (step 45 in docs/performance.md).
/// (One table of every literal by its first three bytes gave the marking twice the work: many long
/// literals share a common word's first three bytes.)
final class GramTable: @unchecked Sendable {
    let width: Int
    /// One bit per hash of a literal's first `width` bytes (`hash`), `hashBits` bits.
    let bits: UnsafeMutablePointer<UInt64>
    /// Open addressing by the same hash, `slots` slots, each one record (`Slot`: four to a
    /// cache line, so a probe reads one line where three arrays read up to three; step 360).
    let slots: Int
    let slotTable: UnsafeMutablePointer<Slot>
    /// Literal k (lowercased): `bytes[literal[k].start..<literal[k + 1].start]`, reporting the
    /// terms `term[literal[k].termStart..<literal[k + 1].termStart]`, for `count` literals
    /// (`literal[count]` closes the last). Raw buffers, not arrays: the marking runs for about one
    /// window in seven, and bounds checks and buffer loads were half its instructions.
    let count: Int
    let bytes: UnsafeMutablePointer<UInt8>
    let literal: UnsafeMutablePointer<Literal>
    let term: UnsafeMutablePointer<Term>
    /// What the scan's marks in C (`ws_mark_events`) read, and the tests' Swift reference
    /// `GramTable.mark` (Tests/WinnowTests/GramTableReference.swift) (step 530), the tables
    /// above packed so that a lookup reads one line of `packed` (mostly) and a word of
    /// `bucketStart`, a table small enough to
    /// stay in cache, where the slot, two literal records and a term array were three or four
    /// lines: the keys are in buckets by the high bits of their hash (`bucketShift`), `1 <<
    /// (15 - bucketShift)` of them, about one key each; bucket b's keys are
    /// `packed[bucketStart[b]..<bucketStart[b + 1]]`, one group after another: the key, the
    /// group's size in words, then the key's literals, each a control word (its length in bits
    /// 0-15, its terms' count in 16-28, `edged` in 29-30, bit 31 when another literal of the key
    /// follows; for the longs then its `tail`, two words, the first lowest, and where its bytes
    /// start in `bytes`), then its terms, a word each (the term in bits 0-28, the edges it needs
    /// in 29-31). A group that fits in a cache line does not straddle two (the previous group's
    /// size takes the padding). `packed` is 64-byte aligned. `offsetOf[k]`: literal k's control
    /// word in `packed`.
    let bucketStart: UnsafeMutablePointer<Int32>
    let bucketShift: Int
    let packed: UnsafeMutablePointer<UInt32>
    let offsetOf: UnsafeMutablePointer<Int32>

    /// The first bytes `key` of the literals `first..<end` (sorted by their first bytes); `end`
    /// 0 for a free slot. 16 bytes (`spare` pads it).
    struct Slot {
        var key: UInt32 = 0
        var first: Int32 = 0
        var end: Int32 = 0
        var spare: Int32 = 0
    }

    /// Where literal k's bytes and terms start, and whether any of its terms needs edges
    /// (`RequiredLiterals.Edges`; 1, and 2 when one needs `Edges.number`, the costlier test);
    /// `tail`, its bytes 4 to 11 (those it has), the first lowest: the marking compares them in one
    /// test of a word of the line (step 494), where a loop over the bytes mispredicted its end.
    /// Literal k's record and k + 1's (its ends) are 24 bytes apart, mostly in one cache line.
    struct Literal {
        var tail: UInt64 = 0
        var start: Int32
        var termStart: Int32
        var edged: UInt8
    }

    /// A term and the edges it needs where its literal stands (0 for none): it is marked only
    /// where they hold.
    struct Term {
        var term: Int32
        var edges: UInt8
    }

    static let hashBits = 1 << 15

    /// `literals`: distinct lowercased strings of at least `width` bytes, each with its terms and
    /// the edges each term needs there.
    convenience init(width: Int, literals: [(bytes: [UInt8], terms: [(term: Int, edges: UInt8)])]) {
        precondition(width != 3 || literals.allSatisfy { $0.bytes.count == 3 }, "the three-byte table holds literals of three bytes")
        let key = { (l: [UInt8]) in GramTable.key(l, width: width) }
        let sorted = literals.enumerated().map { (key: key($0.element.bytes), offset: $0.offset, literal: $0.element) }
            .sorted { ($0.key, $0.offset) < ($1.key, $1.offset) }.map(\.literal)
        var bits = [UInt64](repeating: 0, count: GramTable.hashBits / 64)
        // Under half the slots used (step 360: 16-byte slots, where under a quarter of three
        // 4-byte arrays' were).
        let slots = max(64, 1 << (Int.bitWidth - (2 * max(1, sorted.count)).leadingZeroBitCount))
        var table = [Slot](repeating: Slot(), count: slots)
        for (rank, literal) in sorted.enumerated() {
            let k = key(literal.bytes)
            let h = GramTable.hash(k)
            bits[h >> 6] |= 1 << (h & 63)
            var slot = h & (slots - 1)
            while table[slot].end != 0 && table[slot].key != k { slot = (slot + 1) & (slots - 1) }
            if table[slot].end == 0 { table[slot].key = k; table[slot].first = Int32(rank) }
            table[slot].end = Int32(rank + 1)
        }
        var records: [Literal] = [], start: Int32 = 0, termStart: Int32 = 0
        for l in sorted {
            let edged: UInt8 = (l.terms.contains { $0.edges != 0 } ? 1 : 0) | (l.terms.contains { $0.edges & 4 != 0 } ? 2 : 0)
            let tail = l.bytes.dropFirst(4).prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            records.append(Literal(tail: width == 4 ? tail : 0, start: start, termStart: termStart, edged: edged))
            start += Int32(l.bytes.count)
            termStart += Int32(l.terms.count)
        }
        records.append(Literal(start: start, termStart: termStart, edged: 0))
        self.init(width: width, bits: bits, slotTable: table, bytes: sorted.flatMap(\.bytes), literal: records,
                  term: sorted.flatMap { $0.terms.map { Term(term: Int32($0.term), edges: $0.edges) } })
    }

    private init(width: Int, bits: [UInt64], slotTable: [Slot], bytes: [UInt8], literal: [Literal], term: [Term]) {
        self.width = width
        self.bits = .copying(bits)
        slots = slotTable.count
        self.slotTable = .copying(slotTable)
        count = literal.count - 1
        self.bytes = .copying(bytes)
        self.literal = .copying(literal)
        self.term = .copying(term)
        (bucketStart, bucketShift, packed, offsetOf) = GramTable.pack(width: width, slotTable: slotTable, literal: literal, term: term)
    }

    /// `bucketStart`, `bucketShift`, `packed` and `offsetOf` for these tables.
    private static func pack(width: Int, slotTable: [Slot], literal: [Literal], term: [Term])
        -> (UnsafeMutablePointer<Int32>, Int, UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int32>) {
        let header = width == 3 ? 1 : 4, hashBits = GramTable.hashBits.trailingZeroBitCount
        let keys = slotTable.filter { $0.end != 0 }
        var bucketBits = 4
        while bucketBits < hashBits && 1 << bucketBits < keys.count { bucketBits += 1 }
        let shift = hashBits - bucketBits, buckets = 1 << bucketBits
        let sorted = keys.sorted { (GramTable.hash($0.key) >> shift, $0.key) < (GramTable.hash($1.key) >> shift, $1.key) }
        var words: [UInt32] = [], offsetOf = [Int32](repeating: -1, count: max(1, literal.count - 1))
        var start = [Int32](repeating: 0, count: buckets + 1), nextBucket = 0, lastSize = -1
        for slot in sorted {
            let size = 2 + (Int(slot.first)..<Int(slot.end)).reduce(0) { $0 + header + Int(literal[$1 + 1].termStart - literal[$1].termStart) }
            // Not across a cache line when it fits in one: the padding goes to the previous group.
            if size <= 16 && lastSize >= 0 && words.count / 16 != (words.count + size - 1) / 16 {
                let pad = 16 - words.count % 16
                words[lastSize] += UInt32(pad)
                words += [UInt32](repeating: 0, count: pad)
            }
            let bucket = GramTable.hash(slot.key) >> shift
            while nextBucket <= bucket { start[nextBucket] = Int32(words.count); nextBucket += 1 }
            lastSize = words.count + 1
            words += [slot.key, UInt32(size)]
            for l in Int(slot.first)..<Int(slot.end) {
                let length = Int(literal[l + 1].start - literal[l].start), from = Int(literal[l].termStart), to = Int(literal[l + 1].termStart)
                precondition(length < 1 << 16 && to - from < 1 << 13, "a gram-table literal of 65,536 bytes or 8,192 terms")
                offsetOf[l] = Int32(words.count)
                let more: UInt32 = l + 1 < Int(slot.end) ? 1 << 31 : 0
                words.append(UInt32(length) | UInt32(to - from) << 16 | UInt32(literal[l].edged) << 29 | more)
                if header == 4 {
                    words += [UInt32(truncatingIfNeeded: literal[l].tail), UInt32(truncatingIfNeeded: literal[l].tail >> 32),
                              UInt32(bitPattern: literal[l].start)]
                }
                for t in from..<to {
                    precondition(term[t].term < 1 << 29 && term[t].edges < 8, "a term past 2^29")
                    words.append(UInt32(term[t].term) | UInt32(term[t].edges) << 29)
                }
            }
        }
        while nextBucket <= buckets { start[nextBucket] = Int32(words.count); nextBucket += 1 }
        precondition(words.count < Int(Int32.max) - 1)
        let capacity = max(16, words.count + 16)
        let packed = UnsafeMutableRawPointer.allocate(byteCount: 4 * capacity, alignment: 64).bindMemory(to: UInt32.self, capacity: capacity)
        packed.initialize(repeating: 0, count: capacity)
        packed.update(from: words, count: words.count)
        let b = UnsafeMutablePointer<Int32>.allocate(capacity: start.count)
        b.initialize(from: start, count: start.count)
        let o = UnsafeMutablePointer<Int32>.allocate(capacity: offsetOf.count)
        o.initialize(from: offsetOf, count: offsetOf.count)
        return (b, shift, packed, o)
    }

    deinit {
        bits.deallocate()
        slotTable.deallocate()
        bytes.deallocate()
        literal.deallocate()
        term.deallocate()
        bucketStart.deallocate()
        UnsafeMutableRawPointer(packed).deallocate()  // allocated raw, 64-byte aligned
        offsetOf.deallocate()
    }

    /// Buffers of this thread's own (see `Prefilter.threadCopy`).
    func threadCopy() -> GramTable {
        func array<T>(_ p: UnsafeMutablePointer<T>, _ n: Int) -> [T] { Array(UnsafeBufferPointer(start: p, count: n)) }
        return GramTable(width: width, bits: array(bits, GramTable.hashBits / 64), slotTable: array(slotTable, slots),
                         bytes: array(bytes, Int(literal[count].start)), literal: array(literal, count + 1),
                         term: array(term, Int(literal[count].termStart)))
    }

    /// Literal k's bytes (lowercased) and its terms, each with the edges it needs there.
    func literal(_ k: Int) -> (bytes: [UInt8], terms: [(term: Int, edges: UInt8)]) {
        (Array(UnsafeBufferPointer(start: bytes + Int(literal[k].start), count: Int(literal[k + 1].start - literal[k].start))),
         (Int(literal[k].termStart)..<Int(literal[k + 1].termStart)).map { (Int(term[$0].term), term[$0].edges) })
    }

    var isEmpty: Bool { count == 0 }

    /// A literal's first `width` bytes as the scan's window holds them: the first byte highest.
    static func key(_ literal: [UInt8], width: Int) -> UInt32 {
        literal.prefix(width).reduce(0) { $0 << 8 | UInt32($1) }
    }

    @inline(__always)
    static func hash(_ key: UInt32) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B1) &>> 17) }

    /// The edges (`RequiredLiterals.Edges`) that every term of literal `l` needs.
    func edgesEveryTermNeeds(_ l: Int) -> UInt8 {
        (Int(literal[l].termStart)..<Int(literal[l + 1].termStart)).reduce(0xFF) { $0 & term[$1].edges }
    }

    /// The edges some term of literal `l` needs.
    func edgesSomeTermNeeds(_ l: Int) -> UInt8 {
        (Int(literal[l].termStart)..<Int(literal[l + 1].termStart)).reduce(0) { $0 | term[$1].edges }
    }
}
