import CPCRE2

/// The first pass over a page's lines stage by stage, not line by line (step 550 in
/// docs/performance.md): every line is scanned first, with its rules' feature conditions and
/// prefilter tests, while the scan's tables and the rule table stay in the caches; then the PCRE2
/// calls the lines need run grouped by pattern, so that a pattern's calls on different lines
/// follow one another while its JIT code is in the instruction cache; then each line's hits are
/// put together in rule order. Each line's matches are those `match(_:features:)` gives it.
extension RuleMatcher {
    /// Room for a page's stages (`matchPage`), one per matcher (as `MatchScratch`), reused from
    /// page to page.
    final class PageScratch {
        /// Taken out for a page and put back after: a class's arrays checked exclusive access
        /// at run time at each use (step 551).
        var buffers = Buffers()
        /// The first call of each group of calls (`RuleMatcher.groupsOfCalls`), -1 when none; only
        /// the groups a page touched are set back.
        var heads: [Int32] = []
    }

    struct Buffers {
        /// The lines matched, in order, and where their items start in `items`.
        var lines: [Line] = []
        /// Each line's rules that got past their conditions and the scan, in rule order.
        var items: [Item] = []
        /// The split rules' alternatives that the scan found possible (`Prefilter.holdingAlternatives`).
        var alternatives: [Int32] = []
        /// The PCRE2 work, one entry an item with a pattern; each is linked to the next of its
        /// group (`next`), the groups listed in the order the page first touched them (`touched`).
        var calls: [Call] = []
        var touched: [Int32] = []
        /// Each call's outcome, by call (`Item.outcome`).
        var outcomes: [MatchOutcome] = []
        /// The bytes of the lines with calls, one after another: PCRE2 runs on them after the
        /// scans, out of line order.
        var bytes: [UInt8] = []

        mutating func reset() {
            lines.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            alternatives.removeAll(keepingCapacity: true)
            calls.removeAll(keepingCapacity: true)
            touched.removeAll(keepingCapacity: true)
            outcomes.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    struct Line {
        let index: Int
        let itemStart: Int
        /// The word class's place (`ScanClass.place`) whose prefilter scanned it, -1 when none did.
        let place: Int
        var byteStart = 0
        var byteCount = 0
    }

    struct Item {
        let rule: Int32
        let inPosition: Bool
        /// Its call in `calls` and outcome in `outcomes`, -1 for a rule without a pattern.
        var outcome: Int32 = -1
        /// For a split rule, its possible alternatives in `alternatives` (none: the whole pattern).
        var alternativeStart: Int32 = 0
        var alternativeCount: Int32 = 0
    }

    /// `line`: in `lines`; `next`: the group's next call (-1 at its end).
    struct Call {
        let line: Int32
        let item: Int32
        var next: Int32
    }

    /// The group of the calls of each rule's whole pattern: the first rule with the same compiled
    /// code (rules that share a pattern run it one after another, and a line's second call is
    /// answered from the first, as in `Pattern.run`). A split rule's calls in word class k make
    /// group `rules * (k + 1) + index`: their alternatives depend on the class's prefilter.
    static func groupsOfCalls(_ rules: [Rule]) -> [Int32] {
        var first: [OpaquePointer: Int32] = [:]
        return rules.indices.map { i in
            guard let code = rules[i].pattern?.code else { return Int32(i) }
            if let group = first[code] { return group }
            first[code] = Int32(i)
            return Int32(i)
        }
    }

    /// The first pass's `match(_:features:)` of each non-blank line of `indices` (distinct),
    /// stage by stage; `body` gets each line's matches, in the order of `indices`.
    func matchPage(_ lines: [String], indices: [Int], blank: [Bool], features: UnsafePointer<LineFeatures>,
                   _ body: (Int, LineMatches) -> Void) {
        let page = pageScratch
        var b = Buffers()
        swap(&b, &page.buffers)
        defer {
            b.reset()
            swap(&b, &page.buffers)
        }
        var heads = page.heads
        page.heads = []
        let groupCount = borrowedRules.count &* (1 &+ firstPassClasses.count)
        if heads.count < groupCount { heads = [Int32](repeating: -1, count: groupCount) }
        defer { page.heads = heads }
        let all = borrowedRules, rulesTable = ruleTable, values = featureValues, groups = callGroups
        // 1. Scan each line, and list the rules its scan and feature conditions leave.
        for i in indices where !blank[i] {
            let f = features + i
            let words = f.pointee.words
            let scanClass = firstPassClass(words: words)
            var text = lines[i]
            text.withUTF8 { bytes in
                let table = scanClass.map { c in c._withUnsafeGuaranteedRef { Unmanaged.passUnretained($0.prefilter) } }
                let prefilter = scan(bytes, with: table, features: f)
                let itemStart = b.items.count, callStart = b.calls.count, lineAt = Int32(truncatingIfNeeded: b.lines.count)
                var filled = false
                let unfilteredBits = prefilter != nil ? scanClass!._withUnsafeGuaranteedRef { UnsafePointer($0.unfilteredBits) } : nil
                let place = scanClass?._withUnsafeGuaranteedRef { $0.place } ?? 0
                firstPassRules.withUnsafeBufferPointer { passRules in
                    let visited = unfilteredBits != nil
                        ? scanClass!._withUnsafeGuaranteedRef { prefilterScratch!.triggeredRules(and: $0.unfiltered) } : passRules
                    for index in visited {
                        let index = Int(index)
                        let admission = rulesTable.admission(index, words: words, values: values, filled: &filled, features: f)
                        if admission == .no { continue }
                        if let unfilteredBits, unfilteredBits[index &>> 6] & (1 &<< UInt64(index & 63)) == 0 {
                            let at = rulesTable.branchAt(index, inClass: place)
                            if at >= 0 ? !rulesTable.anyHolds(at: at, fired: prefilterScratch.unsafelyUnwrapped.fired)
                                : !prefilter.unsafelyUnwrapped._withUnsafeGuaranteedRef({ $0.branchTable.anyHolds(index, fired: prefilterScratch!.fired) }) {
                                continue
                            }
                        }
                        var item = Item(rule: Int32(truncatingIfNeeded: index), inPosition: admission == .inPosition)
                        if rulesTable.entries[index].flags & RuleTable.Entry.hasPattern != 0 {
                            var group = Int(groups[index])
                            if let prefilter {
                                let start = b.alternatives.count
                                let split = prefilter._withUnsafeGuaranteedRef {
                                    $0.holdingAlternatives(rule: index, scratch: prefilterScratch!, into: &b.alternatives)
                                }
                                if split {
                                    // None possible: no match, no call (as `Prefilter.firstMatch`).
                                    if b.alternatives.count == start { continue }
                                    item.alternativeStart = Int32(truncatingIfNeeded: start)
                                    item.alternativeCount = Int32(truncatingIfNeeded: b.alternatives.count &- start)
                                    group = all.count &* (place &+ 1) &+ index
                                }
                            }
                            let call = Int32(truncatingIfNeeded: b.calls.count)
                            item.outcome = call
                            if heads[group] < 0 { b.touched.append(Int32(truncatingIfNeeded: group)) }
                            b.calls.append(Call(line: lineAt, item: Int32(truncatingIfNeeded: b.items.count), next: heads[group]))
                            heads[group] = call
                        }
                        b.items.append(item)
                    }
                }
                var line = Line(index: i, itemStart: itemStart, place: prefilter != nil ? place : -1)
                if b.calls.count > callStart {
                    line.byteStart = b.bytes.count
                    line.byteCount = bytes.count
                    b.bytes.append(contentsOf: bytes)
                }
                b.lines.append(line)
            }
        }
        // 2. The PCRE2 calls, a group after another (a group's calls from the last line up).
        b.outcomes.reserveCapacity(b.calls.count)
        for _ in 0..<b.calls.count { b.outcomes.append(.noMatch) }
        // (Read from copies: the loop writes `b.outcomes`.)
        let (pageText, possible) = (b.bytes, b.alternatives)
        pageText.withUnsafeBufferPointer { pageBytes in possible.withUnsafeBufferPointer { alternatives in
            var current: Int32 = -1
            for group in b.touched {
                var c = heads[Int(group)]
                heads[Int(group)] = -1
                while c >= 0 {
                    let call = b.calls[Int(c)]
                    let line = b.lines[Int(call.line)]
                    let bytes = UnsafeBufferPointer(rebasing: pageBytes[line.byteStart..<(line.byteStart &+ line.byteCount)])
                    if call.line != current {
                        scratch.beginLine(bytes)
                        current = call.line
                    }
                    let item = b.items[Int(call.item)]
                    let index = Int(item.rule)
                    var outcome: MatchOutcome?
                    if item.alternativeCount > 0 {
                        outcome = firstPassClasses[line.place].prefilter.firstMatch(
                            rule: index, alternatives: UnsafeBufferPointer(rebasing: alternatives[Int(item.alternativeStart)..<Int(item.alternativeStart &+ item.alternativeCount)]),
                            in: bytes, matchScratch: scratch)
                    }
                    b.outcomes[Int(c)] = outcome ?? wholeMatch(index, in: bytes)
                    c = call.next
                }
            }
            scratch.endLine()
            // 3. Each line's hits, in rule order.
            for k in 0..<b.lines.count {
                let line = b.lines[k]
                let end = k &+ 1 < b.lines.count ? b.lines[k &+ 1].itemStart : b.items.count
                let bytes = UnsafeBufferPointer(rebasing: pageBytes[line.byteStart..<(line.byteStart &+ line.byteCount)])
                var hits = LineHits()
                for n in line.itemStart..<end {
                    let item = b.items[n]
                    let index = Int(item.rule)
                    if item.outcome < 0 {
                        addFeatureHit(index, inPosition: item.inPosition, to: &hits)
                    } else if case .noMatch = b.outcomes[Int(item.outcome)] {
                        continue
                    } else {
                        all[index]._withUnsafeGuaranteedRef {
                            addOutcome(b.outcomes[Int(item.outcome)], rule: $0, inPosition: item.inPosition, text: lines[line.index],
                                       bytes: bytes, to: &hits)
                        }
                    }
                }
                body(line.index, finished(hits))
            }
        } }
    }
}

extension Prefilter {
    /// Whether rule `index`'s pattern is split into alternatives (`splitAlternatives`); when it
    /// is, the alternatives whose literals the last scan through `scratch` found, appended to
    /// `list` in order: those `firstMatch(rule:in:scratch:matchScratch:)` would run.
    @inline(__always)
    func holdingAlternatives(rule index: Int, scratch: PrefilterScratch, into list: inout [Int32]) -> Bool {
        let program = splitProgram
        let from = Int(program.rules[2 &* index &+ 1]), to = Int(program.rules[2 &* index &+ 3])
        guard from < to else { return false }
        let pairs = program.stream + Int(program.rules[2 &* index])
        let fired = scratch.fired
        var k = from
        while k < to {
            if program.holds(pair: pairs + SplitProgram.stride &* (k &- from), fired: fired) { list.append(Int32(truncatingIfNeeded: k)) }
            k &+= 1
        }
        return true
    }

    /// `firstMatch(rule:in:scratch:matchScratch:)` with the alternatives that may match given
    /// (`holdingAlternatives`, not empty), not read from a scan: the rule's first match, or nil
    /// when an alternative hits a PCRE2 limit (the whole pattern then decides).
    func firstMatch(rule index: Int, alternatives: UnsafeBufferPointer<Int32>, in bytes: UnsafeBufferPointer<UInt8>,
                    matchScratch: MatchScratch) -> MatchOutcome? {
        var best: PatternMatch?
        for k in alternatives {
            switch alternativeOutcome(Int(k), in: bytes, matchScratch: matchScratch) {
            case .noMatch: break
            case .limitHit: return nil
            case .matched(let m):
                if best == nil || m.range.lowerBound < best!.range.lowerBound { best = m }
            }
            if best?.range.lowerBound == 0 { break }  // no later alternative can start earlier
        }
        return best.map { .matched($0) } ?? .noMatch
    }
}
