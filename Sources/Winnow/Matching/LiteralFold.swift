import Foundation

/// PCRE2's caseless Unicode matching lets exactly two non-ASCII characters match ASCII letters:
/// U+017F (long s) matches `s` and U+212A (Kelvin sign) matches `k` (a test checks every
/// character). The literal scan is ASCII-caseless, so a line holding either is scanned with them
/// replaced by their ASCII letter.
enum LiteralFold {
    /// Whether `bytes` holds long s or the Kelvin sign: `memchr` to each 0xC5 and 0xE2 (curly
    /// quotes and dashes start with 0xE2 too), then the bytes after it.
    static func holdsFoldable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
        func finds(_ lead: Int32) -> Bool {
            var from = 0
            while from < bytes.count, let hit = memchr(base + from, lead, bytes.count - from) {
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if isFoldable(bytes, at: i) != nil { return true }
                from = i + 1
            }
            return false
        }
        return finds(0xC5) || finds(0xE2)
    }

    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var i = 0
        let n = bytes.count
        // Both start with a byte (0xC5, 0xE2) that an ASCII-only line lacks: the common case is one pass.
        while i < n, bytes[i] != 0xC5, bytes[i] != 0xE2 { i += 1 }
        guard i < n, bytes[i...].indices.contains(where: { isFoldable(bytes, at: $0) != nil }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var j = 0
        while j < n {
            if let (letter, width) = isFoldable(bytes, at: j) { out.append(letter); j += width } else { out.append(bytes[j]); j += 1 }
        }
        return out
    }

    @inline(__always)
    static func isFoldable(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int)? {
        if b[i] == 0xC5, i + 1 < b.count, b[i + 1] == 0xBF { return (0x73, 2) }
        if b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x84, b[i + 2] == 0xAA { return (0x6B, 3) }
        return nil
    }
}
