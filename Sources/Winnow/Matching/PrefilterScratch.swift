import CWinnowScan

/// Per-thread scan state: the flags the last scan set: one per term, and a bit
/// per rule that a present term triggers (`Prefilter.triggerRules`).
public final class PrefilterScratch {
    let fired: SparseFlags
    /// A bit per rule that the last scan triggered, one word more than the rules need: the
    /// scan sets the rule count's bit (no rule) for a term that triggers none, then clears it
    /// (`Prefilter.triggerRecord`, step 492).
    let triggerBits: UnsafeMutablePointer<UInt64>
    /// Each byte with ASCII letters lowercased (`Prefilter.lower`), as a table.
    let lowercase: UnsafeMutablePointer<UInt8>
    /// For each byte, the edges (`RequiredLiterals.Edges`) that it makes for a literal right
    /// after it (1) and right before it (2): 3 for a byte that is not an ASCII word character,
    /// else 0 (`Prefilter.edges`).
    let edge: UnsafePointer<UInt8>
    /// For `triggeredRules`: the rules listed.
    private let ruleWords: Int
    private let ruleList: UnsafeMutablePointer<Int32>
    /// For each prefilter this scratch serves (held, so that no other object can take its
    /// identity), its live tables (`LiveTables`): a copy of its `pairRows` whose bit 0 a scan
    /// clears pair by pair (the window pass, `ws_scan_windows`) and `ws_restore_window` sets again, then its `longs.bits`,
    /// the lowercase table, the flags of the bytes present and its `thirds`; and the pairs cleared.
    /// With each, the tables of the window pass (`ws_scan_windows`) over that buffer, and those
    /// of the marks of its events (`ws_mark_events`; its pairs' tables are set by each scan).
    private let live: [(owner: Prefilter, bits: UnsafeMutablePointer<UInt64>, tables: UnsafeMutablePointer<WSWindowTables>,
                        marks: UnsafeMutablePointer<WSMarkTables>)]
    /// The window pass's events (`ws_scan_windows`: at most one of each kind a place of a
    /// chunk, each kind in a part of its own) and the number of each kind.
    let events: UnsafeMutablePointer<UInt64>
    let eventCounts: UnsafeMutablePointer<Int>
    /// The bytes the last scan found present, as 256 bits (`ws_seen_bits`, step 581).
    let seenBits: UnsafeMutablePointer<UInt64>
    private let cleared: UnsafeMutablePointer<Int32>
    private let clearedCount: UnsafeMutablePointer<Int>
    /// For the scan's loop, where a window's row byte of `thirds` e is set: at `e << 4 | b << 2 | a`,
    /// 1 when its triple is marked, 2 when its long's four bytes are looked up; b is the edge
    /// byte (`edge`, 0 or 3) of the byte before its three bytes (3 at the line's start), a that
    /// of the byte after them, 1 at the line's end (an edge, and no fourth byte). `gate`.
    let gates: UnsafeMutablePointer<UInt8>

    /// The scan's tests where a triple or a long's start stands (steps 321 and 322): bit 0 of
    /// `e` a triple, bit 1 a long's first three bytes; bits 2 and 3, every term of the triple
    /// needs the edge before (after) it; bit 4, every term of the longs there the edge before.
    static func gate(_ e: Int, before: Int, after: Int) -> UInt8 {
        let edgeBefore = before != 0, edgeAfter = after != 0, fourth = after != 1
        let triple = e & 1 != 0 && (e & 4 == 0 || edgeBefore) && (e & 8 == 0 || edgeAfter)
        let long = e & 2 != 0 && fourth && (e & 16 == 0 || edgeBefore)
        return (triple ? 1 : 0) | (long ? 2 : 0)
    }

    init(prefilters: [Prefilter]) {
        let lowercase = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 { (lowercase + b).initialize(to: Prefilter.lower(UInt8(b))) }
        self.lowercase = lowercase
        let edge = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 { (edge + b).initialize(to: RequiredLiterals.Edges.isWord(UInt8(b)) ? 0 : 3) }
        self.edge = UnsafePointer(edge)
        gates = .allocate(capacity: 256 << 4)
        for k in 0..<(256 << 4) { (gates + k).initialize(to: PrefilterScratch.gate(k >> 4, before: k >> 2 & 3, after: k & 3)) }
        let gates = gates
        // Each pair entry at most once a scan, and each row byte of `thirds` (step 633).
        let most = 0x10000 + (prefilters.map(\.thirds.count).max() ?? 0)
        let cleared = UnsafeMutablePointer<Int32>.allocate(capacity: most), clearedCount = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        clearedCount.initialize(to: 0)
        self.cleared = cleared
        self.clearedCount = clearedCount
        let fired = SparseFlags(capacity: max(1, prefilters.map(\.termCount).max() ?? 0))
        self.fired = fired
        live = prefilters.map { p in
            precondition(p.pairRows.count == 1 << (2 * p.classes.shift) && p.classes.classOf.count == 256)
            // One word more: the window pass reads a row byte as 4 bytes (`ws_scan_windows`).
            // Aligned to a cache line, as each table in it: a row of `thirds` then starts a line.
            let thirds = LiveTables.thirds(of: p), words = thirds + p.thirds.count / 8 + 1
            let bits = UnsafeMutableRawPointer.allocate(byteCount: words * 8, alignment: 64).bindMemory(to: UInt64.self, capacity: words)
            bits.initialize(repeating: 0, count: words)
            UnsafeMutableRawPointer(bits + LiveTables.pairs).bindMemory(to: UInt16.self, capacity: p.pairRows.count)
                .update(from: p.pairRows, count: p.pairRows.count)
            UnsafeMutableRawPointer(bits + thirds).bindMemory(to: UInt8.self, capacity: p.thirds.count).update(from: p.thirds, count: p.thirds.count)
            (bits + LiveTables.fours).update(from: p.longs.bits, count: LiveTables.bytes - LiveTables.fours)
            let bytes = UnsafeMutableRawPointer(bits + LiveTables.bytes).bindMemory(to: UInt8.self, capacity: 512)
            for b in 0..<256 { bytes[b] = Prefilter.lower(UInt8(b)) }
            let classOf = UnsafeMutableRawPointer(bits + LiveTables.classes).bindMemory(to: UInt32.self, capacity: 256)
            classOf.update(from: p.classes.classOf, count: 256)
            let tables = UnsafeMutablePointer<WSWindowTables>.allocate(capacity: 1)
            let raw = UnsafeMutableRawPointer(bits)
            var t = WSWindowTables()
            t.pairs = (raw + LiveTables.pairs * 8).assumingMemoryBound(to: UInt16.self)
            t.cleared = cleared
            t.clearedCount = clearedCount
            t.thirds = (raw + thirds * 8).assumingMemoryBound(to: UInt8.self)
            t.classOf = UnsafePointer(classOf)
            t.shift = UInt32(p.classes.shift)
            t.fours = UnsafePointer(bits + LiveTables.fours)
            t.seen = bytes + 256
            t.lowercase = UnsafePointer(lowercase)
            t.edge = UnsafePointer(edge)
            t.gates = UnsafePointer(gates)
            t.tripleAt = UnsafePointer(p.tripleAt)
            withUnsafeMutableBytes(of: &t.seenLow) { $0.copyBytes(from: p.seenLow) }
            tables.initialize(to: t)
            var m = WSMarkTables()
            m.tripleOffset = UnsafePointer(p.triples.offsetOf)
            m.triplePacked = UnsafePointer(p.triples.packed)
            m.longBucketStart = UnsafePointer(p.longs.bucketStart)
            m.longPacked = UnsafePointer(p.longs.packed)
            m.longBytes = UnsafePointer(p.longs.bytes)
            m.longBucketShift = UInt32(p.longs.bucketShift)
            m.edge = UnsafePointer(edge)
            m.lowercase = UnsafePointer(lowercase)
            m.sink = Int32(fired.sink)
            let marks = UnsafeMutablePointer<WSMarkTables>.allocate(capacity: 1)
            marks.initialize(to: m)
            return (p, bits, tables, marks)
        }
        events = .allocate(capacity: 3 * Int(WS_WINDOW_CHUNK))
        seenBits = .allocate(capacity: 4)
        seenBits.initialize(repeating: 0, count: 4)
        eventCounts = .allocate(capacity: 3)
        eventCounts.initialize(repeating: 0, count: 3)
        let rules = prefilters.map(\.branches.count).max() ?? 0
        ruleWords = (rules + 63) / 64
        // The rule count's bit, the sink, is in word `rules / 64`: at most `ruleWords`.
        triggerBits = .allocate(capacity: ruleWords + 1)
        triggerBits.initialize(repeating: 0, count: ruleWords + 1)
        ruleList = .allocate(capacity: max(1, rules))
    }

    /// After a scan: the rules it triggered and those of `unfiltered` (a bit per rule), of those
    /// `admitted` (a bit per rule: `RuleTable.wordRow`, the rules the line's word count admits)
    /// and the rows of `rows` for the line's feature values `values` (`RuleTable.featureTables`,
    /// `FeatureValues`: the rules their conditions on a few features admit), in index order, in C
    /// (`ws_line_rules`, step 730; step 381 wrote the list in Swift). Valid until the next call.
    func triggeredRules(and unfiltered: [UInt64], admitted: UnsafePointer<UInt64>, rows: UnsafePointer<WSFeatureRows>,
                        values: UnsafePointer<Double>) -> UnsafeBufferPointer<Int32> {
        let words = min(ruleWords, unfiltered.count)
        let n = unfiltered.withUnsafeBufferPointer { ws_line_rules(rows, values, triggerBits, $0.baseAddress, admitted, words, ruleList) }
        return UnsafeBufferPointer(start: ruleList, count: n)
    }

    /// Where `livePairs`' tables are, in words of its buffer: the four-byte hashes' bits from
    /// word `fours` (0), from word `bytes` 512 bytes: each byte lowercased (as `lowercase`), then
    /// the flags of the bytes of the line being scanned (ASCII letters lowercased); from word
    /// `classes` the bytes' classes (`Prefilter.classes.classOf`, 32 bits each); from word `pairs` the pair
    /// rows (`Prefilter.pairRows`, 16-bit entries); from word `thirds(of:)` the prefilter's
    /// `thirds`. One pointer for all the scan's loop reads and writes: the loop's values then
    /// fit in registers (step 180 in docs/performance.md). Each starts a cache line.
    enum LiveTables {
        static let fours = 0
        static let bytes = fours + GramTable.hashBits / 64
        static let classes = bytes + 512 / 8
        static let pairs = classes + 256 * 4 / 8
        static func thirds(of p: Prefilter) -> Int { pairs + p.pairRows.count / 4 }
    }

    /// The live tables of `prefilter` (`LiveTables`), or nil when this scratch does not serve it.
    @inline(__always)
    func livePairs(of prefilter: Prefilter) -> UnsafeMutablePointer<UInt64>? {
        live.first { $0.owner === prefilter }?.bits
    }

    /// The live tables of `prefilter` and the window pass's tables over them, or nil when this
    /// scratch does not serve it.
    @inline(__always)
    func liveTables(of prefilter: Prefilter)
        -> (bits: UnsafeMutablePointer<UInt64>, tables: UnsafeMutablePointer<WSWindowTables>, marks: UnsafeMutablePointer<WSMarkTables>)? {
        guard let l = live.first(where: { $0.owner === prefilter }) else { return nil }
        return (l.bits, l.tables, l.marks)
    }

    /// The terms marked since the last `clear`.
    var marked: some Sequence<Int> { fired.listed }

    /// Whether the last scan triggered `rule`.
    @inline(__always)
    func isTriggered(_ rule: Int) -> Bool { triggerBits[rule &>> 6] &>> UInt64(rule & 63) & 1 != 0 }

    @inline(__always)
    func mark(_ t: Int) { fired.insert(t) }

    func clear() {
        fired.clear()
        triggerBits.update(repeating: 0, count: ruleWords + 1)
    }

    deinit {
        fired.deallocate()
        triggerBits.deallocate()
        lowercase.deallocate()
        edge.deallocate()
        eventCounts.deallocate()
        ruleList.deallocate()
        for (_, bits, tables, marks) in live {
            UnsafeMutableRawPointer(bits).deallocate()  // allocated raw, 64-byte aligned
            tables.deallocate()
            marks.deallocate()
        }
        events.deallocate()
        seenBits.deallocate()
        cleared.deallocate()
        clearedCount.deallocate()
        gates.deallocate()
    }
}

/// Flags for the integers `0..<capacity` that clear in the time of the flags set, not of the
/// capacity: each flag set is also listed. Raw pointers, not arrays: no copy-on-write or
/// exclusivity check per flag, on the scan's hottest path.
struct SparseFlags {
    private let flags: UnsafeMutablePointer<UInt8>
    private let list: UnsafeMutablePointer<Int32>
    private let count: UnsafeMutablePointer<Int>
    /// A flag past the others that is always set, so that `insert(sink)` does nothing: a caller
    /// inserts it in place of a flag it would otherwise test whether to insert (step 494).
    let sink: Int

    /// The same flags for C (`ws_mark_short`).
    var cFlags: WSFlags { WSFlags(flags: flags, list: list, count: count) }

    init(capacity: Int) {
        flags = .allocate(capacity: capacity + 1)
        flags.initialize(repeating: 0, count: capacity)
        (flags + capacity).initialize(to: 1)
        sink = capacity
        list = .allocate(capacity: capacity + 1)  // `insert` writes one past the listed ones
        count = .allocate(capacity: 1)
        count.initialize(to: 0)
    }

    /// Nonzero when `i` is set.
    @inline(__always)
    subscript(_ i: Int) -> UInt8 { flags[i] }

    /// Without a branch on whether `i` was set: which terms a line marks again is data, and the
    /// branch mispredicted about one mark in three (step 421 in docs/performance.md). `i` is
    /// always written past the listed ones, and listed only when its flag was clear.
    @inline(__always)
    func insert(_ i: Int) {
        let c = count.pointee, f = flags[i]
        list[c] = Int32(truncatingIfNeeded: i)
        count.pointee = c &+ Int(f ^ 1)
        flags[i] = 1
    }

    var listed: some Sequence<Int> { (0..<count.pointee).lazy.map { Int(self.list[$0]) } }

    /// The flags set, in the order they were first set.
    var listedBuffer: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: list, count: count.pointee) }

    func clear() {
        for k in 0..<count.pointee { flags[Int(list[k])] = 0 }
        count.pointee = 0
    }

    func deallocate() {
        flags.deallocate()
        list.deallocate()
        count.deallocate()
    }
}
