/// The prefilter's literals of `width` bytes or more (three: the literals of exactly three
/// bytes; four: every longer one), found by their first `width` bytes in the scan's one pass
/// over the line. The scan keeps the last four bytes (ASCII letters lowercased) in an integer,
/// the latest lowest, and tests a hash of its low `width` bytes in `bits` (32,768 bits, about
/// 3 % of them set by 1,000 literals); only a window whose bit is set comes to `mark`, which
/// looks it up exactly and compares the rest of each literal in place. Replaces a Vectorscan
/// literal database, which cost about 35 instructions a byte (step 45 in docs/performance.md).
/// (One table of every literal by its first three bytes gave `mark` twice the work: many long
/// literals share a common word's first three bytes.)
final class GramTable: @unchecked Sendable {
    let width: Int
    /// One bit per hash of a literal's first `width` bytes (`hash`), `hashBits` bits.
    let bits: UnsafeMutablePointer<UInt64>
    /// Open addressing by the same hash, `slots` slots: `keys[slot]` the first bytes, the
    /// literals with them `first[slot]..<end[slot]` (sorted by their first bytes); `end` 0 for
    /// a free slot.
    let slots: Int
    let keys: UnsafeMutablePointer<UInt32>
    let first: UnsafeMutablePointer<Int32>
    let end: UnsafeMutablePointer<Int32>
    /// Literal k (lowercased): `bytes[start[k]..<start[k + 1]]`, reporting the terms
    /// `terms[termStart[k]..<termStart[k + 1]]`, for `count` literals. Raw buffers, not arrays:
    /// `mark` runs for about one window in seven, and bounds checks and buffer loads were half
    /// its instructions.
    let count: Int
    let bytes: UnsafeMutablePointer<UInt8>
    let start: UnsafeMutablePointer<Int32>
    /// Whether any of literal k's terms needs edges (`RequiredLiterals.Edges`; 1, and 2 when one
    /// needs `Edges.number`, the costlier test); for each of
    /// `terms`, those it needs (0 for none): it is marked only where they hold.
    let edged: UnsafeMutablePointer<UInt8>
    let termEdges: UnsafeMutablePointer<UInt8>
    let termStart: UnsafeMutablePointer<Int32>
    let terms: UnsafeMutablePointer<Int32>

    static let hashBits = 1 << 15

    /// `literals`: distinct lowercased strings of at least `width` bytes, each with its terms and
    /// the edges each term needs there.
    convenience init(width: Int, literals: [(bytes: [UInt8], terms: [(term: Int, edges: UInt8)])]) {
        precondition(width != 3 || literals.allSatisfy { $0.bytes.count == 3 }, "the three-byte table holds literals of three bytes")
        let key = { (l: [UInt8]) in GramTable.key(l, width: width) }
        let sorted = literals.enumerated().map { (key: key($0.element.bytes), offset: $0.offset, literal: $0.element) }
            .sorted { ($0.key, $0.offset) < ($1.key, $1.offset) }.map(\.literal)
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
        self.init(width: width, bits: bits, keys: keys, first: first, end: end, bytes: sorted.flatMap(\.bytes),
                  start: sorted.reduce(into: [0]) { $0.append($0.last! + Int32($1.bytes.count)) },
                  edged: sorted.map { ($0.terms.contains { $0.edges != 0 } ? 1 : 0) | ($0.terms.contains { $0.edges & 4 != 0 } ? 2 : 0) },
                  termStart: sorted.reduce(into: [0]) { $0.append($0.last! + Int32($1.terms.count)) },
                  terms: sorted.flatMap { $0.terms.map { Int32($0.term) } }, termEdges: sorted.flatMap { $0.terms.map(\.edges) })
    }

    private init(width: Int, bits: [UInt64], keys: [UInt32], first: [Int32], end: [Int32], bytes: [UInt8],
                 start: [Int32], edged: [UInt8], termStart: [Int32], terms: [Int32], termEdges: [UInt8]) {
        func buffer<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            p.initialize(from: a, count: a.count)
            return p
        }
        self.width = width
        self.bits = buffer(bits)
        slots = keys.count
        self.keys = buffer(keys)
        self.first = buffer(first)
        self.end = buffer(end)
        count = start.count - 1
        self.bytes = buffer(bytes)
        self.start = buffer(start)
        self.edged = buffer(edged)
        self.termEdges = buffer(termEdges)
        self.termStart = buffer(termStart)
        self.terms = buffer(terms)
    }

    deinit {
        bits.deallocate()
        keys.deallocate()
        first.deallocate()
        end.deallocate()
        bytes.deallocate()
        start.deallocate()
        edged.deallocate()
        termEdges.deallocate()
        termStart.deallocate()
        terms.deallocate()
    }

    /// Buffers of this thread's own (see `Prefilter.threadCopy`).
    func threadCopy() -> GramTable {
        func array<T>(_ p: UnsafeMutablePointer<T>, _ n: Int) -> [T] { Array(UnsafeBufferPointer(start: p, count: n)) }
        return GramTable(width: width, bits: array(bits, GramTable.hashBits / 64), keys: array(keys, slots),
                         first: array(first, slots), end: array(end, slots), bytes: array(bytes, Int(start[count])),
                         start: array(start, count + 1), edged: array(edged, count), termStart: array(termStart, count + 1),
                         terms: array(terms, Int(termStart[count])), termEdges: array(termEdges, Int(termStart[count])))
    }

    var isEmpty: Bool { count == 0 }

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
        let mask = slots &- 1
        var slot = GramTable.hash(key) & mask
        while keys[slot] != key {
            guard end[slot] != 0 else { return }  // a free slot: no literal starts so
            slot = (slot &+ 1) & mask
        }
        let edge = scratch.edge
        if width == 3 {
            // A key of the three-byte table is its one literal (distinct strings of three bytes),
            // whole where the window stands: no comparing (step 282).
            markTerms(of: Int(first[slot]), at: s, length: 3, in: line, scratch: scratch, edge: edge)
            return
        }
        let lower = scratch.lowercase, base = line.baseAddress!, room = line.count &- s
        for l in Int(first[slot])..<Int(end[slot]) {
            let from = Int(start[l]), length = Int(start[l &+ 1]) &- from
            guard room >= length else { continue }
            var j = width
            while j < length, lower[Int(base[s &+ j])] == bytes[from &+ j] { j &+= 1 }
            guard j == length else { continue }
            markTerms(of: l, at: s, length: length, in: line, scratch: scratch, edge: edge)
        }
    }

    /// Marks the terms of literal `l` of the three-byte table, found whole at `s` by the scan's
    /// row of `Prefilter.thirds` (`Prefilter.tripleAt`): `mark` without the hash and the probe.
    @inline(never)
    func markTriple(_ l: Int, at s: Int, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        markTerms(of: l, at: s, length: 3, in: line, scratch: scratch, edge: scratch.edge)
    }

    /// The edges (`RequiredLiterals.Edges`) that every term of literal `l` needs.
    func edgesEveryTermNeeds(_ l: Int) -> UInt8 {
        (Int(termStart[l])..<Int(termStart[l + 1])).reduce(0xFF) { $0 & termEdges[$1] }
    }

    /// Marks the terms of literal `l`, found whole at `s`, whose edges hold there.
    @inline(__always)
    private func markTerms(of l: Int, at s: Int, length: Int, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch,
                           edge: UnsafePointer<UInt8>) {
        if edged[l] == 0 {
            for t in Int(termStart[l])..<Int(termStart[l &+ 1]) { scratch.mark(Int(terms[t])) }
        } else {
            let holds = Prefilter.edges(at: s, length: length, in: line, number: edged[l] & 2 != 0, edge: edge)
            for t in Int(termStart[l])..<Int(termStart[l &+ 1]) where termEdges[t] & ~holds == 0 { scratch.mark(Int(terms[t])) }
        }
    }
}
