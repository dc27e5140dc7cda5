import CWinnowScan

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
    let groupStart: UnsafeMutablePointer<UInt16>
    let start: UnsafeMutablePointer<Int32>
    let bytes: UnsafeMutablePointer<UInt8>
    /// What `ws_mark_anchored` reads of literal k, in one record of 16 bytes (`Record`, four to a cache line, 64-byte
    /// aligned; step 531): its first four bytes (at the end: its last four) as `word` packs a
    /// line's, under a mask (fewer for a shorter literal), its term, its anchors (a bit per
    /// anchor, `1 << anchor`) and its length. Four arrays were up to four lines a literal
    /// compared; they are no longer kept beside the records (a thread's copy copies the records).
    let records: UnsafeMutablePointer<Record>
    /// The buffers for C (`ws_mark_anchored`).
    private let tables: UnsafeMutablePointer<WSAnchoredTables>

    /// The anchors' bits in the low byte of `anchorsAndLength`, the length above it.
    typealias Record = WSAnchoredRecord
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
        tables = .allocate(capacity: 1)
        tables.initialize(to: WSAnchoredTables(groupStart: self.groupStart, start: self.start, bytes: self.bytes, records: self.records,
                                               atEnd: atEnd ? 1 : 0))
    }

    deinit {
        groupStart.deallocate()
        start.deallocate()
        bytes.deallocate()
        UnsafeMutableRawPointer(records).deallocate()  // allocated raw, 64-byte aligned
        tables.deallocate()
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

    /// Marks the terms of the literals found in their place in `line` (not empty): in C
    /// (`ws_mark_anchored`, step 680 in docs/performance.md), where Swift took 59 instructions a
    /// place before its literals; the Swift version is the tests' reference (`markPlain`).
    @inline(__always)
    func mark(in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        ws_mark_anchored(tables, line.baseAddress!, line.count, scratch.fired.cFlags)
    }
}
