/// The prefilter's literals that stand at one place of a line, compared in place there: anchored
/// at its start (`^`, or the first byte a `\s*` / `\W*` prefix cannot consume) or at its end
/// (the last byte a `\s*` / `\W*` suffix cannot consume), `RequiredLiterals.Anchor`. Grouped by
/// a hash of the literal's first two bytes (for the end: its last two; a one-byte literal by its
/// byte alone), in flat raw buffers: the scan compares only the literals of the two groups the
/// line's bytes there name, without a retain per literal. (By the one byte there, a scan
/// compared about a hundred literals ending in "s" or "e" per line.) The anchors' places
/// coincide on most lines (one that starts with a letter): each distinct place is visited once,
/// for the literals of every anchor that stands there (a bit per anchor), and each literal's
/// first four bytes (at the end: its last four) are compared in one test of the line's four
/// bytes there (step 320 in docs/performance.md).
final class AnchoredLiterals: @unchecked Sendable {
    typealias Anchor = RequiredLiterals.Anchor
    /// At the line's end (the literals' last bytes at the place) rather than its start.
    let atEnd: Bool
    /// Literals of group g (`group`): `groupStart[g]..<groupStart[g + 1]`; literal k (lowercased)
    /// is `bytes[start[k]..<start[k + 1]]`, reporting its term where its anchor's bit is in the
    /// record's anchors.
    private let groupStart: UnsafeMutablePointer<UInt16>
    private let start: UnsafeMutablePointer<Int32>
    private let bytes: UnsafeMutablePointer<UInt8>
    /// What `compare` reads of literal k, in one record of 16 bytes (`Record`, four to a cache line, 64-byte
    /// aligned; step 531): its first four bytes (at the end: its last four) as `word` packs a
    /// line's, under a mask (fewer for a shorter literal), its term, its anchors (a bit per
    /// anchor, `1 << anchor`) and its length. Four arrays were up to four lines a literal
    /// compared; they are no longer kept beside the records (a thread's copy copies the records).
    private let records: UnsafeMutablePointer<Record>

    struct Record {
        var head: UInt32
        var headMask: UInt32
        var term: Int32
        /// The anchors' bits in the low byte, the length above it.
        var anchorsAndLength: UInt32
    }
    let count: Int

    static let groups = 1 << 10

    /// The group of the literals whose byte at the place is `b` and whose next byte inwards is
    /// `c` (0x100 for none).
    @inline(__always)
    static func group(_ b: UInt8, _ c: Int) -> Int {
        let key = (UInt32(b) << 9) | UInt32(c)
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B1) &>> 22)
    }

    /// Up to four bytes from the place inwards, the place's byte lowest: `bytes[0], bytes[1]...`
    /// at the start, `bytes[n - 1], bytes[n - 2]...` at the end (`bytes` lowercased).
    static func word(_ bytes: some Collection<UInt8>, atEnd: Bool) -> (word: UInt32, mask: UInt32) {
        let inwards = atEnd ? Array(bytes.reversed().prefix(4)) : Array(bytes.prefix(4))
        var word: UInt32 = 0, mask: UInt32 = 0
        for (i, b) in inwards.enumerated() {
            word |= UInt32(b) << (8 * i)
            mask |= 0xFF << (8 * i)
        }
        return (word, mask)
    }

    convenience init(_ literals: [(anchor: Anchor, bytes: [UInt8], term: Int)], atEnd: Bool) {
        func group(_ l: (anchor: Anchor, bytes: [UInt8], term: Int)) -> Int {
            let b = l.bytes, n = b.count
            let next = n < 2 ? 0x100 : Int(atEnd ? b[n - 2] : b[1])
            return AnchoredLiterals.group(atEnd ? b[n - 1] : b[0], next)
        }
        // Each literal with the bit of its anchor (a string and term under two anchors, rare,
        // is two entries).
        let merged = literals.map { (bytes: $0.bytes, term: $0.term, anchors: UInt8(1) << $0.anchor.rawValue) }
        let sorted = merged.map { (group: group((.start, $0.bytes, $0.term)), literal: $0) }.sorted { $0.group < $1.group }
        // 16-bit starts (step 531): 2 KB, half the lines for a scan's one or two groups.
        precondition(sorted.count < 1 << 16, "more than 65,535 anchored literals")
        var groupStart = [UInt16](repeating: 0, count: AnchoredLiterals.groups + 1)
        for l in sorted { groupStart[l.group + 1] += 1 }
        for k in 0..<AnchoredLiterals.groups { groupStart[k + 1] += groupStart[k] }
        var start: [Int32] = [0]
        var records: [Record] = []
        for l in sorted {
            let length = l.literal.bytes.count
            precondition(length < 1 << 24, "an anchored literal of 16 MB")
            start.append(start.last! + Int32(length))
            let head = AnchoredLiterals.word(l.literal.bytes, atEnd: atEnd)
            records.append(Record(head: head.word, headMask: head.mask, term: Int32(l.literal.term),
                                  anchorsAndLength: UInt32(l.literal.anchors) | UInt32(length) << 8))
        }
        self.init(atEnd: atEnd, groupStart: groupStart, start: start, bytes: sorted.flatMap(\.literal.bytes), records: records)
    }

    private init(atEnd: Bool, groupStart: [UInt16], start: [Int32], bytes: [UInt8], records: [Record]) {
        self.atEnd = atEnd
        self.groupStart = .copying(groupStart)
        self.start = .copying(start)
        self.bytes = .copying(bytes)
        count = records.count
        self.records = UnsafeMutableRawPointer.allocate(byteCount: 16 * max(1, count), alignment: 64)
            .bindMemory(to: Record.self, capacity: max(1, count))
        self.records.initialize(from: records, count: count)
    }

    deinit {
        groupStart.deallocate()
        start.deallocate()
        bytes.deallocate()
        UnsafeMutableRawPointer(records).deallocate()  // allocated raw, 64-byte aligned
    }

    /// Buffers of this thread's own (see `Prefilter.threadCopy`).
    func threadCopy() -> AnchoredLiterals {
        func array<T>(_ p: UnsafeMutablePointer<T>, _ n: Int) -> [T] { Array(UnsafeBufferPointer(start: p, count: n)) }
        return AnchoredLiterals(atEnd: atEnd, groupStart: array(groupStart, AnchoredLiterals.groups + 1), start: array(start, count + 1),
                                bytes: array(bytes, Int(start[count])), records: array(records, count))
    }

    var isEmpty: Bool { count == 0 }

    /// The terms of the literals, for tests.
    var allTerms: [Int] { (0..<count).map { Int(records[$0].term) } }

    /// Marks the terms of the literals found in their place in `line` (not empty).
    func mark(in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        let base = line.baseAddress!, n = line.count
        // The places, one per anchor: the first byte the prefix cannot consume, or one past the
        // last byte the suffix cannot consume. A `\W*` consumes all a `\s*` does, so the
        // places are in order: `^` <= `^\s*` <= `^\W*`, `\W*$` <= `\s*$`.
        let afterSpace = Anchor.afterSpace, afterNonWord = Anchor.afterNonWord
        if atEnd {
            var space = n
            while space > 0 && afterSpace.skips(base[space &- 1]) { space &-= 1 }
            var nonWord = space
            while nonWord > 0 && afterNonWord.skips(base[nonWord &- 1]) { nonWord &-= 1 }
            let spaceBit: UInt8 = 1 << afterSpace.rawValue, nonWordBit: UInt8 = 1 << afterNonWord.rawValue
            if space == nonWord {
                if space > 0 { compare(at: space, anchors: spaceBit | nonWordBit, in: line, scratch: scratch) }
            } else {
                compare(at: space, anchors: spaceBit, in: line, scratch: scratch)  // space > nonWord >= 0
                if nonWord > 0 { compare(at: nonWord, anchors: nonWordBit, in: line, scratch: scratch) }
            }
        } else {
            var space = 0
            while space < n && afterSpace.skips(base[space]) { space &+= 1 }
            var nonWord = space
            while nonWord < n && afterNonWord.skips(base[nonWord]) { nonWord &+= 1 }
            let startBit: UInt8 = 1 << Anchor.start.rawValue, spaceBit: UInt8 = 1 << afterSpace.rawValue,
                nonWordBit: UInt8 = 1 << afterNonWord.rawValue
            if space == 0 {
                compare(at: 0, anchors: nonWord == 0 ? startBit | spaceBit | nonWordBit : startBit | spaceBit, in: line, scratch: scratch)
            } else {
                compare(at: 0, anchors: startBit, in: line, scratch: scratch)
                if space < n { compare(at: space, anchors: nonWord == space ? spaceBit | nonWordBit : spaceBit, in: line, scratch: scratch) }
            }
            if nonWord != space && nonWord < n { compare(at: nonWord, anchors: nonWordBit, in: line, scratch: scratch) }
        }
    }

    /// Marks the terms of the literals of `anchors` (bits) that stand at place `p`: from `p` on
    /// (at the start; `p < n`), or ending right before `p` (at the end; `p > 0`).
    @inline(__always)
    private func compare(at p: Int, anchors wanted: UInt8, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        let lower = scratch.lowercase, base = line.baseAddress!, n = line.count
        // The room from the place inwards, and the line's four bytes there (the place's lowest).
        let room = atEnd ? p : n &- p
        var word: UInt32 = 0
        for i in 0..<min(4, room) {
            word |= UInt32(lower[Int(base[atEnd ? p &- 1 &- i : p &+ i])]) &<< (8 &* UInt32(i))
        }
        let b = UInt8(truncatingIfNeeded: word)
        let c = room > 1 ? Int(UInt8(truncatingIfNeeded: word &>> 8)) : 0x100
        // Groups are hashed: literals of other bytes may share one.
        let g = AnchoredLiterals.group(b, c)
        compare(group: g, at: p, room: room, word: word, anchors: wanted, in: line, scratch: scratch)
        if c != 0x100, case let single = AnchoredLiterals.group(b, 0x100), single != g {
            compare(group: single, at: p, room: room, word: word, anchors: wanted, in: line, scratch: scratch)
        }
    }

    /// `compare(at:…)` for the literals of group `g`: `word` holds the line's bytes there.
    @inline(__always)
    private func compare(group g: Int, at p: Int, room: Int, word: UInt32, anchors wanted: UInt8, in line: UnsafeBufferPointer<UInt8>,
                         scratch: PrefilterScratch) {
        let lower = scratch.lowercase, base = line.baseAddress!
        for k in Int(groupStart[g])..<Int(groupStart[g &+ 1]) {
            let record = records[k]
            guard UInt32(wanted) & record.anchorsAndLength != 0 && word & record.headMask == record.head else { continue }
            let length = Int(record.anchorsAndLength &>> 8)
            guard length <= room else { continue }
            if length > 4 {
                let from = Int(start[k])
                // The bytes past the first four (at the end: before the last four).
                let s = atEnd ? p &- length : p &+ 4, rest = atEnd ? from : from &+ 4
                var j = 0
                while j < length &- 4, lower[Int(base[s &+ j])] == bytes[rest &+ j] { j &+= 1 }
                guard j == length &- 4 else { continue }
            }
            scratch.mark(Int(record.term))
        }
    }
}
