@testable import Winnow

// The scan's marks of the three- and four-byte tables in Swift, as they were before the scan
// did them in C (`ws_mark_events` in scan.c, step 582): the plain reference `GramTableTests`
// compares the C scan with. Test code only: the product marks in C.

extension GramTable {
    /// Marks the terms of the literals that start at `s` with the `width` bytes `key`, whose
    /// hash's bit the scan found set: `ws_mark_events` in scan.c walks the same `packed` words
    /// (and for the triples reads the terms at `offsetOf`).
    func mark(_ key: UInt32, at s: Int, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) {
        guard s >= 0 else { return }  // the window began before the line
        let bucket = GramTable.hash(key) &>> bucketShift, end = Int(bucketStart[bucket &+ 1])
        var o = Int(bucketStart[bucket])
        while o < end && packed[o] != key { o &+= Int(packed[o &+ 1]) }
        guard o < end else { return }  // no literal starts so
        o &+= 2
        let edge = scratch.edge
        if width == 3 {
            // A key of the three-byte table is its one literal (distinct strings of three bytes),
            // whole where the window stands: no comparing (step 282).
            markTerms(at: o, header: 1, s: s, length: 3, in: line, scratch: scratch, edge: edge)
            return
        }
        let lower = scratch.lowercase, base = line.baseAddress!, room = line.count &- s
        // The line's bytes s + 4 ..< s + 12 (those it has), lowercased, as a word: each
        // literal's tail is compared in one test (step 494).
        let word = GramTable.tailWord(base, count: line.count, at: s)
        while true {
            let control = packed[o], length = Int(control & 0xFFFF)
            let next = o &+ 4 &+ Int(control >> 16 & 0x1FFF)
            if room >= length {
                let tailBytes = min(length &- 4, 8)
                let mask: UInt64 = tailBytes == 8 ? ~0 : (1 &<< UInt64(8 &* tailBytes)) &- 1
                let tail = UnsafeRawPointer(packed + (o &+ 1)).loadUnaligned(as: UInt64.self)
                if (word ^ tail) & mask == 0 {
                    var whole = true
                    if length > 12 {
                        let from = Int(packed[o &+ 3])
                        var j = 12
                        while j < length, lower[Int(base[s &+ j])] == bytes[from &+ j] { j &+= 1 }
                        whole = j == length
                    }
                    if whole { markTerms(at: o, header: 4, s: s, length: length, in: line, scratch: scratch, edge: edge) }
                }
            }
            guard control >> 31 != 0 else { break }
            o = next
        }
    }

    /// The bytes `base[s + 4 ..< min(s + 12, count)]` (s + 4 <= count), ASCII capitals
    /// lowercased, the first lowest; 0 past `count`. One 8-byte load where 12 bytes from s are
    /// in the line (most places), else the last 8 bytes of the line shifted, or bytes one by one
    /// in a line under 8 bytes.
    @inline(__always)
    static func tailWord(_ base: UnsafePointer<UInt8>, count: Int, at s: Int) -> UInt64 {
        var word: UInt64
        if s &+ 12 <= count {
            word = UInt64(littleEndian: UnsafeRawPointer(base + (s &+ 4)).loadUnaligned(as: UInt64.self))
        } else if count >= 8 {
            word = UInt64(littleEndian: UnsafeRawPointer(base + (count &- 8)).loadUnaligned(as: UInt64.self)) >> UInt64(8 &* (s &+ 12 &- count))
        } else {
            word = 0
            var k = count &- 1
            while k >= s &+ 4 {
                word = word << 8 | UInt64(base[k])
                k &-= 1
            }
        }
        // ASCII capitals: bytes whose low seven bits are 0x41-0x5A and whose high bit is clear.
        let ones: UInt64 = 0x0101_0101_0101_0101, high = ones &* 0x80
        let low = word & ~high
        let upper = (low &+ ones &* (0x80 - 0x41)) & ~(low &+ ones &* (0x80 - 0x5B)) & ~word & high
        return word | upper &>> 2
    }

    /// Marks the terms of the literal whose record is at `o` in `packed` (`header` words), found
    /// whole at `s`, whose edges hold there.
    @inline(__always)
    func markTerms(at o: Int, header: Int, s: Int, length: Int, in line: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch,
                           edge: UnsafePointer<UInt8>) {
        let control = packed[o], from = o &+ header, to = from &+ Int(control >> 16 & 0x1FFF), edged = control >> 29 & 3
        if edged == 0 {
            for t in from..<to { scratch.mark(Int(packed[t] & 0x1FFF_FFFF)) }
        } else {
            let holds = UInt32(Prefilter.edges(at: s, length: length, in: line, number: edged & 2 != 0, edge: edge))
            // A term whose edges do not hold marks the sink, whose flag is always set: no branch
            // on the edges (step 494).
            let sink = scratch.fired.sink
            for t in from..<to {
                let e = packed[t]
                scratch.mark((e >> 29) & ~holds == 0 ? Int(e & 0x1FFF_FFFF) : sink)
            }
        }
    }
}

extension Prefilter {
    /// The edges (`RequiredLiterals.Edges`) that `line[s..<s + length]` stands at: no ASCII word
    /// character right before it (or none at all), right after it; a number's byte before it.
    /// `edge`: `PrefilterScratch.edge`, the edges each byte makes (a table read, not three tests:
    /// step 281).
    @inline(__always)
    static func edges(at s: Int, length: Int, in line: UnsafeBufferPointer<UInt8>, number needed: Bool = true,
                      edge: UnsafePointer<UInt8>) -> UInt8 {
        let base = line.baseAddress!
        let before: UInt8 = s == 0 ? 1 : edge[Int(base[s &- 1])] & 1
        let after: UInt8 = s &+ length == line.count ? 2 : edge[Int(base[s &+ length])] & 2
        let number: UInt8 = needed && RequiredLiterals.Edges.numberBefore(s, in: line) ? 4 : 0
        return before | after | number
    }
}
