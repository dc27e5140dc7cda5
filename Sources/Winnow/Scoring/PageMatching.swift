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
        /// The lines matched, in order, and where their items start in `items`.
        var lines: [Line] = []
        /// Each line's rules that got past their conditions and the scan, in rule order.
        var items: [Item] = []
        /// The split rules' alternatives that the scan found possible (`Prefilter.holdingAlternatives`).
        var alternatives: [Int32] = []
        /// The PCRE2 work, one entry an item with a pattern, sorted by pattern before it runs.
        var calls: [Call] = []
        /// Each call's outcome, by item (`Item.outcome`).
        var outcomes: [MatchOutcome] = []
        /// The bytes of the lines with calls, one after another: PCRE2 runs on them after the
        /// scans, out of line order.
        var bytes: [UInt8] = []

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
            /// Its outcome in `outcomes`, -1 for a rule without a pattern.
            var outcome: Int32 = -1
            /// For a split rule, its possible alternatives in `alternatives` (none: the whole pattern).
            var alternativeStart: Int32 = 0
            var alternativeCount: Int32 = 0
        }

        /// `key`: the pattern's compiled code, or for a split rule its rule and class.
        struct Call {
            let key: UInt
            let line: Int32
            let item: Int32
        }

        func reset() {
            lines.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            alternatives.removeAll(keepingCapacity: true)
            calls.removeAll(keepingCapacity: true)
            outcomes.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// The first pass's `match(_:features:)` of each non-blank line of `indices` (distinct),
    /// stage by stage; `body` gets each line's matches, in the order of `indices`.
    func matchPage(_ lines: [String], indices: [Int], blank: [Bool], features: UnsafePointer<LineFeatures>,
                   _ body: (Int, LineMatches) -> Void) {
        let page = pageScratch
        page.reset()
        let all = borrowedRules, rulesTable = ruleTable, values = featureValues
        // 1. Scan each line, and list the rules its scan and feature conditions leave.
        for i in indices where !blank[i] {
            let f = features + i
            let words = f.pointee.words
            let scanClass = firstPassClass(words: words)
            var text = lines[i]
            text.withUTF8 { bytes in
                let table = scanClass.map { c in c._withUnsafeGuaranteedRef { Unmanaged.passUnretained($0.prefilter) } }
                let prefilter = scan(bytes, with: table, features: f)
                let itemStart = page.items.count, callStart = page.calls.count
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
                        var item = PageScratch.Item(rule: Int32(truncatingIfNeeded: index), inPosition: admission == .inPosition)
                        if rulesTable.entries[index].flags & RuleTable.Entry.hasPattern != 0 {
                            var key = UInt(bitPattern: patternRuns.runs[index].map { Int(bitPattern: $0.code) } ?? index)
                            if let prefilter {
                                let start = page.alternatives.count
                                let split = prefilter._withUnsafeGuaranteedRef {
                                    $0.holdingAlternatives(rule: index, scratch: prefilterScratch!, into: &page.alternatives)
                                }
                                if split {
                                    // None possible: no match, no call (as `Prefilter.firstMatch`).
                                    if page.alternatives.count == start { continue }
                                    item.alternativeStart = Int32(truncatingIfNeeded: start)
                                    item.alternativeCount = Int32(truncatingIfNeeded: page.alternatives.count &- start)
                                    key = UInt(truncatingIfNeeded: index &<< 3 | place)
                                }
                            }
                            item.outcome = Int32(truncatingIfNeeded: page.calls.count)
                            page.calls.append(PageScratch.Call(key: key, line: Int32(truncatingIfNeeded: page.lines.count),
                                                               item: Int32(truncatingIfNeeded: page.items.count)))
                        }
                        page.items.append(item)
                    }
                }
                var line = PageScratch.Line(index: i, itemStart: itemStart, place: prefilter != nil ? place : -1)
                if page.calls.count > callStart {
                    line.byteStart = page.bytes.count
                    line.byteCount = bytes.count
                    page.bytes.append(contentsOf: bytes)
                }
                page.lines.append(line)
            }
        }
        // 2. The PCRE2 calls, grouped by pattern (a pattern's calls in line order).
        page.calls.sort { $0.key != $1.key ? $0.key < $1.key : $0.line < $1.line }
        page.outcomes.reserveCapacity(page.calls.count)
        for _ in page.calls.indices { page.outcomes.append(.noMatch) }
        page.bytes.withUnsafeBufferPointer { pageBytes in
            var current: Int32 = -1
            for call in page.calls {
                let line = page.lines[Int(call.line)]
                let bytes = UnsafeBufferPointer(rebasing: pageBytes[line.byteStart..<(line.byteStart &+ line.byteCount)])
                if call.line != current {
                    scratch.beginLine(bytes)
                    current = call.line
                }
                let item = page.items[Int(call.item)]
                let index = Int(item.rule)
                var outcome: MatchOutcome?
                if item.alternativeCount > 0 {
                    let prefilter = firstPassClasses[line.place].prefilter
                    outcome = page.alternatives.withUnsafeBufferPointer {
                        prefilter.firstMatch(rule: index, alternatives: UnsafeBufferPointer(rebasing: $0[Int(item.alternativeStart)..<Int(item.alternativeStart &+ item.alternativeCount)]),
                                             in: bytes, matchScratch: scratch)
                    }
                }
                page.outcomes[Int(item.outcome)] = outcome ?? wholeMatch(index, in: bytes)
            }
            scratch.endLine()
            // 3. Each line's hits, in rule order.
            for (k, line) in page.lines.enumerated() {
                let end = k &+ 1 < page.lines.count ? page.lines[k &+ 1].itemStart : page.items.count
                let bytes = UnsafeBufferPointer(rebasing: pageBytes[line.byteStart..<(line.byteStart &+ line.byteCount)])
                var hits = LineHits()
                for item in page.items[line.itemStart..<end] {
                    let index = Int(item.rule)
                    if item.outcome < 0 {
                        addFeatureHit(index, inPosition: item.inPosition, to: &hits)
                    } else {
                        all[index]._withUnsafeGuaranteedRef {
                            addOutcome(page.outcomes[Int(item.outcome)], rule: $0, inPosition: item.inPosition, text: lines[line.index],
                                       bytes: bytes, to: &hits)
                        }
                    }
                }
                body(line.index, finished(hits))
            }
        }
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
            if program.holds(pair: pairs + 2 &* (k &- from), fired: fired) { list.append(Int32(truncatingIfNeeded: k)) }
            k &+= 1
        }
        return true
    }

    /// `firstMatch(rule:in:scratch:matchScratch:)` with the alternatives that may match given
    /// (`holdingAlternatives`, not empty), not read from a scan: the rule's first match, or nil
    /// when an alternative hits a PCRE2 limit (the whole pattern then decides).
    func firstMatch(rule index: Int, alternatives: UnsafeBufferPointer<Int32>, in bytes: UnsafeBufferPointer<UInt8>,
                    matchScratch: MatchScratch) -> MatchOutcome? {
        let program = splitProgram
        var best: PatternMatch?
        for k in alternatives {
            let k = Int(k)
            let run = program.runs[k]
            let outcome: MatchOutcome
            if run.direct {
                let rc = run.run(in: bytes, scratch: matchScratch)
                outcome = rc == PCRE2_ERROR_NOMATCH ? .noMatch
                    : splitPatterns.withUnsafeBufferPointer { $0[k].outcome(rc, scratch: matchScratch) }
            } else {
                outcome = splitPatterns.withUnsafeBufferPointer { $0[k].firstMatch(in: bytes, scratch: matchScratch) }
            }
            switch outcome {
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
