/// The prefilter's literals that stand at one place of a line, compared in place there: anchored
/// at its start (`^`, or the first byte a `\s*` / `\W*` prefix cannot consume) or at its end
/// (the last byte a `\s*` / `\W*` suffix cannot consume), `RequiredLiterals.Anchor`. Grouped by
/// a hash of the anchor and the literal's first two bytes (for the end: its last two; a
/// one-byte literal by its byte alone), in flat raw buffers: the scan compares only the literals
/// of the two groups the line's bytes there name, without a retain per literal. (By the one
/// byte there, a scan compared about a hundred literals ending in "s" or "e" per line.)
final class AnchoredLiterals: @unchecked Sendable {
    typealias Anchor = RequiredLiterals.Anchor
    /// At the line's end (the literals' last bytes at the place) rather than its start.
    let atEnd: Bool
    /// Literals of group g (`group`): `groupStart[g]..<groupStart[g + 1]`; literal k (lowercased)
    /// is `bytes[start[k]..<start[k + 1]]`, reporting term `terms[k]`.
    private let groupStart: UnsafeMutablePointer<Int32>
    private let start: UnsafeMutablePointer<Int32>
    private let bytes: UnsafeMutablePointer<UInt8>
    private let terms: UnsafeMutablePointer<Int32>
    private let anchors: UnsafeMutablePointer<UInt8>
    let count: Int

    static let groups = 1 << 10

    /// The group of the literals of `anchor` whose byte at the place is `b` and whose next byte
    /// inwards is `c` (0x100 for none).
    @inline(__always)
    static func group(_ anchor: UInt8, _ b: UInt8, _ c: Int) -> Int {
        let key = (UInt32(anchor) << 17) | (UInt32(b) << 9) | UInt32(c)
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B1) &>> 22)
    }

    convenience init(_ literals: [(anchor: Anchor, bytes: [UInt8], term: Int)], atEnd: Bool) {
        func group(_ l: (anchor: Anchor, bytes: [UInt8], term: Int)) -> Int {
            let b = l.bytes, n = b.count
            let next = n < 2 ? 0x100 : Int(atEnd ? b[n - 2] : b[1])
            return AnchoredLiterals.group(l.anchor.rawValue, atEnd ? b[n - 1] : b[0], next)
        }
        let sorted = literals.sorted { group($0) < group($1) }
        var groupStart = [Int32](repeating: 0, count: AnchoredLiterals.groups + 1)
        for l in sorted { groupStart[group(l) + 1] += 1 }
        for k in 0..<AnchoredLiterals.groups { groupStart[k + 1] += groupStart[k] }
        self.init(atEnd: atEnd, groupStart: groupStart, start: sorted.reduce(into: [0]) { $0.append($0.last! + Int32($1.bytes.count)) },
                  bytes: sorted.flatMap(\.bytes), terms: sorted.map { Int32($0.term) }, anchors: sorted.map(\.anchor.rawValue))
    }

    private init(atEnd: Bool, groupStart: [Int32], start: [Int32], bytes: [UInt8], terms: [Int32], anchors: [UInt8]) {
        func buffer<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            p.initialize(from: a, count: a.count)
            return p
        }
        self.atEnd = atEnd
        self.groupStart = buffer(groupStart)
        self.start = buffer(start)
        self.bytes = buffer(bytes)
        self.terms = buffer(terms)
        self.anchors = buffer(anchors)
        count = terms.count
    }

    deinit {
        groupStart.deallocate()
        start.deallocate()
        bytes.deallocate()
        terms.deallocate()
        anchors.deallocate()
    }

    /// Buffers of this thread's own (see `Prefilter.threadCopy`).
    func threadCopy() -> AnchoredLiterals {
        func array<T>(_ p: UnsafeMutablePointer<T>, _ n: Int) -> [T] { Array(UnsafeBufferPointer(start: p, count: n)) }
        return AnchoredLiterals(atEnd: atEnd, groupStart: array(groupStart, AnchoredLiterals.groups + 1), start: array(start, count + 1),
                                bytes: array(bytes, Int(start[count])), terms: array(terms, count), anchors: array(anchors, count))
    }

    var isEmpty: Bool { count == 0 }

    /// Marks the terms of the literals found in their place in `line` (not empty).
    func mark(in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        let lower = scratch.lowercase, base = line.baseAddress!, n = line.count
        for raw in UInt8(atEnd ? 2 : 1)...3 {
            let anchor = Anchor(rawValue: raw)!
            // The place: the first byte the prefix cannot consume, or one past the last byte the
            // suffix cannot consume.
            var p = 0
            if atEnd {
                p = n
                while p > 0 && anchor.skips(base[p - 1]) { p -= 1 }
                guard p > 0 else { continue }
            } else if anchor != .start {
                while p < n && anchor.skips(base[p]) { p += 1 }
                guard p < n else { continue }
            }
            let b = lower[Int(base[atEnd ? p - 1 : p])]
            let inwards = atEnd ? p - 2 : p + 1
            let c = inwards >= 0 && inwards < n ? Int(lower[Int(base[inwards])]) : 0x100
            // Groups are hashed: another anchor's literals may share one.
            func compare(group g: Int) {
                for k in Int(groupStart[g])..<Int(groupStart[g + 1]) where anchors[k] == raw {
                    let from = Int(start[k]), length = Int(start[k + 1]) - from
                    let s = atEnd ? p - length : p
                    guard s >= 0, s + length <= n else { continue }
                    var j = 0
                    while j < length, lower[Int(base[s + j])] == bytes[from + j] { j += 1 }
                    if j == length { scratch.mark(Int(terms[k])) }
                }
            }
            compare(group: AnchoredLiterals.group(raw, b, c))
            if c != 0x100 { compare(group: AnchoredLiterals.group(raw, b, 0x100)) }
        }
    }
}
