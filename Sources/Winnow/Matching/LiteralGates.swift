import Foundation

/// The context rules' required literals (`RequiredLiterals.branches`), tested on the line before
/// PCRE2 runs the rule's pattern (step 432 in docs/performance.md). The context rules have no
/// scan (step 344: on the short lines their conditions admit, PCRE2 rules a pattern out for less
/// than a scan of the line costs), yet most of their PCRE2 calls fail for want of a literal the
/// extraction knows: on the first 160 news pages 2,963 calls, 40 of them matching, of which
/// `context.quote-attribution-under-story-text` (a dash at the line's start) 656 and
/// `context.post-footer-under-text` ("posted", "filed" at its start) 570.
///
/// A gate takes one literal set of each branch of the rule's pattern (one whose literals are all
/// anchored, compared at their place as `AnchoredLiterals` does; else one whose literals all hold
/// a byte that is no ASCII letter, found by `memchr`; else the branch's first) and lets a line
/// through when any literal of those sets is there: every match holds one. Edges (`\b`, a number
/// before it) are not tested, so it lets through every line the prefilter would, and more. A
/// test costs about as much as a PCRE2 call that fails at once, so only one set a branch, each
/// literal once (`context.post-footer-under-text` has nine branches and four literals).
/// PCRE2's caseless matching lets long s match `s` and the Kelvin sign `k` (`LiteralFold`): a line
/// the gate rules out is looked at again with them folded when it holds either's first byte.
/// Built only with the prefilter (`--no-prefilter` runs every pattern, the reference). One per
/// matcher, with buffers of its own (`RuleMatcher` makes it: nothing is shared between threads).
final class LiteralGates {
    /// Rule r's literals are `ruleLiteral[r]..<ruleLiteral[r + 1]` (none: no gate, the rule may
    /// always match); literal k's bytes (lowercased) are `bytes[literalByte[k]..<literalByte[k + 1]]`,
    /// standing at `place[k]`, `key[k]` its first byte that is no ASCII letter (its offset, which
    /// `memchr` finds whatever the case; -1 when it has none).
    private let ruleLiteral: UnsafeMutablePointer<Int32>
    private let literalByte: UnsafeMutablePointer<Int32>
    private let place: UnsafeMutablePointer<UInt8>
    private let key: UnsafeMutablePointer<Int32>
    private let bytes: UnsafeMutablePointer<UInt8>
    private let lowercase: UnsafeMutablePointer<UInt8>
    private let allocations: [UnsafeMutableRawPointer]

    /// Where a literal stands: at the line's start (after `^`, `^\s*` or `^\W*`:
    /// `RequiredLiterals.Anchor`'s raw value), at its end (before `\s*$` or `\W*$`: the anchor's
    /// raw value plus `end`), or anywhere. A rule's literals are in this order (its start places
    /// found once).
    static let end: UInt8 = 0x10, anywhere: UInt8 = 0x20

    /// Gates for the rules at `indices` of `patterns` (nil: no pattern); any other rule has none.
    /// A pattern whose literals are unknown (`RequiredLiterals.branches` nil) has none either.
    init(patterns: [Pattern?], indices: [Int]) {
        var ruleLiteral: [Int32] = [0], literalByte: [Int32] = [0]
        var place: [UInt8] = [], key: [Int32] = [], bytes: [UInt8] = []
        let gated = Set(indices)
        for (r, pattern) in patterns.enumerated() {
            if gated.contains(r), let pattern, let branches = RequiredLiterals.branches(of: pattern.source, caseless: pattern.caseless) {
                var literals = Set<[UInt8]>()
                for sets in branches {
                    let placed = sets.map { $0.map(LiteralGates.place(of:)) }
                    let chosen = placed.first { $0.allSatisfy { $0.place != LiteralGates.anywhere } }
                        ?? placed.first { $0.allSatisfy { LiteralGates.key(of: $0.bytes) != nil } } ?? placed[0]
                    for l in chosen { literals.insert([l.place] + l.bytes) }
                }
                for l in literals.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    place.append(l[0])
                    key.append(Int32(LiteralGates.key(of: Array(l.dropFirst())) ?? -1))
                    bytes += l.dropFirst()
                    literalByte.append(Int32(bytes.count))
                }
            }
            ruleLiteral.append(Int32(place.count))
        }
        var allocations: [UnsafeMutableRawPointer] = []
        func buffer<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
            p.initialize(from: a, count: a.count)
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        self.ruleLiteral = buffer(ruleLiteral)
        self.literalByte = buffer(literalByte)
        self.place = buffer(place)
        self.key = buffer(key)
        self.bytes = buffer(bytes)
        self.lowercase = buffer((0..<256).map { UInt8($0) &- 0x41 < 26 ? UInt8($0) | 0x20 : UInt8($0) })
        self.allocations = allocations
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// A literal's place and its bytes (edges dropped: the gate does not test them).
    static func place(of literal: RequiredLiterals.Literal) -> (place: UInt8, bytes: [UInt8]) {
        if let (anchor, body) = RequiredLiterals.Anchor.of(literal) { return (anchor.rawValue, Array(body)) }
        if let (anchor, body) = RequiredLiterals.Anchor.ofEnd(literal) { return (end | anchor.rawValue, Array(body)) }
        return (anywhere, Array(RequiredLiterals.untagged(literal)))
    }

    /// The offset of the first byte of `literal` that is no ASCII letter.
    static func key(of literal: [UInt8]) -> Int? {
        literal.firstIndex { $0 | 0x20 < 0x61 || $0 | 0x20 > 0x7A }
    }

    /// Whether rule `r`'s pattern may match `line` by its literals (true for a rule without a gate).
    @inline(__always)
    func mayMatch(rule r: Int, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let from = Int(ruleLiteral[r]), to = Int(ruleLiteral[r &+ 1])
        if from == to || holds(from, to, line) { return true }
        // Long s is C5 BF, the Kelvin sign E2 84 AA (`LiteralFold`): a line without their first
        // bytes needs no second look.
        guard let base = line.baseAddress, LiteralGates.has(0xC5, 0xBF, 0xBF, in: base, line.count) || LiteralGates.has(0xE2, 0x84, 0xAA, in: base, line.count),
              let folded = LiteralFold.folded(line) else { return false }
        return folded.withUnsafeBufferPointer { holds(from, to, $0) }
    }

    /// Whether the `n` bytes at `base` hold `a b` followed by `c` (`a b` alone when `b == c`):
    /// long s (C5 BF) or the Kelvin sign (E2 84 AA), found by `memchr` of their first byte.
    private static func has(_ a: UInt8, _ b: UInt8, _ c: UInt8, in base: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        let width = a == 0xC5 ? 2 : 3
        while i &+ width <= n {
            guard let q = memchr(UnsafeRawPointer(base.advanced(by: i)), Int32(a), n &- i &- width &+ 1) else { return false }
            i = UnsafeRawPointer(q) - UnsafeRawPointer(base)
            if base[i &+ 1] == b && (width == 2 || base[i &+ 2] == c) { return true }
            i &+= 1
        }
        return false
    }

    /// Whether one of the literals `from..<to` stands in `line`.
    private func holds(_ from: Int, _ to: Int, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress, line.count > 0 else { return false }
        let n = line.count
        let afterSpace = RequiredLiterals.Anchor.afterSpace, afterNonWord = RequiredLiterals.Anchor.afterNonWord
        // The anchors' places as `AnchoredLiterals.mark` finds them, once each when first needed:
        // the first byte a `\s*` / `\W*` prefix cannot consume, one past the last byte such a
        // suffix cannot.
        var startSpace = -1, startNonWord = -1, endSpace = -1, endNonWord = -1
        for k in from..<to {
            let literal = bytes + Int(literalByte[k]), length = Int(literalByte[k &+ 1]) &- Int(literalByte[k])
            var at: Int
            switch place[k] {
            case RequiredLiterals.Anchor.start.rawValue:
                at = 0
            case afterSpace.rawValue, afterNonWord.rawValue:
                if startSpace < 0 {
                    startSpace = 0
                    while startSpace < n && afterSpace.skips(base[startSpace]) { startSpace &+= 1 }
                    startNonWord = startSpace
                    while startNonWord < n && afterNonWord.skips(base[startNonWord]) { startNonWord &+= 1 }
                }
                at = place[k] == afterSpace.rawValue ? startSpace : startNonWord
            case LiteralGates.anywhere:
                if find(literal, length, key: Int(key[k]), in: base, n) { return true }
                continue
            default:
                if endSpace < 0 {
                    endSpace = n
                    while endSpace > 0 && afterSpace.skips(base[endSpace &- 1]) { endSpace &-= 1 }
                    endNonWord = endSpace
                    while endNonWord > 0 && afterNonWord.skips(base[endNonWord &- 1]) { endNonWord &-= 1 }
                }
                at = (place[k] == LiteralGates.end | afterSpace.rawValue ? endSpace : endNonWord) &- length
            }
            if at >= 0 && at &+ length <= n && equal(literal, length, base + at) { return true }
        }
        return false
    }

    /// Whether the `length` lowercase bytes at `literal` stand anywhere in the `n` bytes at
    /// `base`: found by `memchr` of the byte at `key` (no letter), or else by their first byte.
    @inline(__always)
    private func find(_ literal: UnsafeMutablePointer<UInt8>, _ length: Int, key: Int, in base: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard length <= n else { return false }
        let last = n &- length  // the last place the literal may start
        var s = 0
        if key >= 0 {
            while s <= last {
                guard let q = memchr(UnsafeRawPointer(base.advanced(by: s &+ key)), Int32(literal[key]), last &- s &+ 1) else { return false }
                s = (UnsafeRawPointer(q) - UnsafeRawPointer(base)) &- key
                if equal(literal, length, base + s) { return true }
                s &+= 1
            }
            return false
        }
        let first = literal[0]
        while s <= last {
            if lowercase[Int(base[s])] == first && equal(literal, length, base + s) { return true }
            s &+= 1
        }
        return false
    }

    /// Whether the `length` lowercase bytes at `literal` stand at `p` (ASCII letters compared caselessly).
    @inline(__always)
    private func equal(_ literal: UnsafeMutablePointer<UInt8>, _ length: Int, _ p: UnsafePointer<UInt8>) -> Bool {
        var j = 0
        while j < length && lowercase[Int(p[j])] == literal[j] { j &+= 1 }
        return j == length
    }
}
