@testable import Winnow

// The anchored literals' marks in Swift, as they were before the scan did them in C
// (`ws_mark_anchored` in scan.c, step 680 in docs/performance.md): the plain reference
// `GramTableTests` compares the C marks with. Test code only: the product marks in C.

extension AnchoredLiterals {
    /// Marks the terms of the literals found in their place in `line` (not empty).
    func markPlain(in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
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
                if space > 0 { comparePlain(at: space, anchors: spaceBit | nonWordBit, in: line, scratch: scratch) }
            } else {
                comparePlain(at: space, anchors: spaceBit, in: line, scratch: scratch)  // space > nonWord >= 0
                if nonWord > 0 { comparePlain(at: nonWord, anchors: nonWordBit, in: line, scratch: scratch) }
            }
        } else {
            var space = 0
            while space < n && afterSpace.skips(base[space]) { space &+= 1 }
            var nonWord = space
            while nonWord < n && afterNonWord.skips(base[nonWord]) { nonWord &+= 1 }
            let startBit: UInt8 = 1 << Anchor.start.rawValue, spaceBit: UInt8 = 1 << afterSpace.rawValue,
                nonWordBit: UInt8 = 1 << afterNonWord.rawValue
            if space == 0 {
                comparePlain(at: 0, anchors: nonWord == 0 ? startBit | spaceBit | nonWordBit : startBit | spaceBit, in: line, scratch: scratch)
            } else {
                comparePlain(at: 0, anchors: startBit, in: line, scratch: scratch)
                if space < n { comparePlain(at: space, anchors: nonWord == space ? spaceBit | nonWordBit : spaceBit, in: line, scratch: scratch) }
            }
            if nonWord != space && nonWord < n { comparePlain(at: nonWord, anchors: nonWordBit, in: line, scratch: scratch) }
        }
    }

    /// Marks the terms of the literals of `anchors` (bits) that stand at place `p`: from `p` on
    /// (at the start; `p < n`), or ending right before `p` (at the end; `p > 0`).
    @inline(__always)
    func comparePlain(at p: Int, anchors wanted: UInt8, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
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
        comparePlain(group: g, at: p, room: room, word: word, anchors: wanted, in: line, scratch: scratch)
        if c != 0x100, case let single = AnchoredLiterals.group(b, 0x100), single != g {
            comparePlain(group: single, at: p, room: room, word: word, anchors: wanted, in: line, scratch: scratch)
        }
    }

    /// `comparePlain(at:…)` for the literals of group `g`: `word` holds the line's bytes there.
    @inline(__always)
    func comparePlain(group g: Int, at p: Int, room: Int, word: UInt32, anchors wanted: UInt8, in line: UnsafeBufferPointer<UInt8>,
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
