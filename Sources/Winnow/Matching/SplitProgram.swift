/// The split rules' top-level alternatives (`Prefilter.splitAlternatives`) as `Prefilter.firstMatch`
/// reads them: one stream of `Int32` in which each rule's alternatives stand together, and for
/// each alternative its compiled code in a record of its own (step 521 in docs/performance.md).
/// `firstMatch` read an alternative's rarest term, its branch bounds, first terms, term bounds
/// and terms from five buffers and its pattern object from a sixth place, each a cache line of
/// its own, for alternatives visited a few times a line between the scans that stream the pair
/// table through the L2: most of its L2 data misses.
///
/// Rule i's alternatives are `first[i]..<first[i + 1]` (none when its pattern is not split), the
/// indices of `Prefilter.splitPatterns` and `runs`. Its part of `stream` starts at `start[i]`
/// with a record of `stride` words per alternative, `[rarest, second, detail]`: when it has one
/// branch (most do), the branch's rarest term and its second rarest (-1 when it has fewer),
/// tested first; else -1, -1. `detail`: -1 when those two settle it (one branch of at most two
/// terms), else where its branches stand, after the records: `[end, branch…]`, `end` the index
/// past its last branch, a branch `[n, t1…tn]`, its `n` terms (literal sets, by id) rarest first,
/// all of which must be present (a branch of no term always holds). Most alternatives whose
/// rarest term the line holds fail all the same: the record's own cache line answers most of
/// them, where the branches stand in another (step 572 in docs/performance.md).
final class SplitProgram: @unchecked Sendable {
    typealias Run = Pattern.Run

    /// `start[i]` and `first[i]` (above) at `2 * i` and `2 * i + 1`, for each rule and one past.
    let rules: UnsafeMutablePointer<Int32>
    let stream: UnsafeMutablePointer<Int32>
    /// Words of an alternative's record in `stream`: `[rarest, second, detail]`.
    static let stride = 3

    /// The alternatives' records; the code belongs to the patterns (`Prefilter.splitPatterns`
    /// holds them for the program's lifetime).
    let runs: UnsafeMutablePointer<Run>
    private let ruleCount: Int, length: Int, alternatives: Int

    /// `rules[i]`: rule i's alternatives, nil when its pattern is not split; `rank` orders a
    /// branch's terms (higher first: the rarest).
    convenience init(rules: [[(pattern: Pattern, branches: [[Int]])]?], rank: (Int) -> Int) {
        var heads: [Int32] = [], stream: [Int32] = [], runs: [Run] = []
        for alternatives in rules {
            heads += [Int32(stream.count), Int32(runs.count)]
            let records = stream.count
            stream += [Int32](repeating: 0, count: SplitProgram.stride * (alternatives?.count ?? 0))
            for (j, alternative) in (alternatives ?? []).enumerated() {
                let sorted = alternative.branches.map { $0.sorted { rank($0) > rank($1) } }
                let record = records + SplitProgram.stride * j
                let one = sorted.count == 1 ? sorted[0] : nil
                stream[record] = one.map { Int32($0.first ?? -1) } ?? -1
                stream[record + 1] = one.map { $0.count > 1 ? Int32($0[1]) : -1 } ?? -1
                if let one, one.count <= 2 {
                    stream[record + 2] = -1
                    runs.append(Run(alternative.pattern))
                    continue
                }
                stream[record + 2] = Int32(stream.count)
                let detail = stream.count
                stream.append(0)
                for branch in sorted {
                    stream.append(Int32(branch.count))
                    stream += branch.map(Int32.init)
                }
                stream[detail] = Int32(stream.count)
                runs.append(Run(alternative.pattern))
            }
        }
        heads += [Int32(stream.count), Int32(runs.count)]
        precondition(stream.count < Int(Int32.max), "a split program of more than 2^31 entries")
        self.init(rules: heads, stream: stream, runs: runs)
    }

    private init(rules: [Int32], stream: [Int32], runs: [Run]) {
        self.rules = .copying(rules)
        self.stream = .copying(stream)
        self.runs = .copying(runs)
        (ruleCount, length, alternatives) = (rules.count, stream.count, runs.count)
    }

    deinit {
        rules.deallocate()
        stream.deallocate()
        runs.deallocate()
    }

    /// Buffers of this thread's own (see `Prefilter.threadCopy`); the code stays shared, as the
    /// patterns' is.
    func threadCopy() -> SplitProgram {
        SplitProgram(rules: Array(UnsafeBufferPointer(start: rules, count: ruleCount)),
                     stream: Array(UnsafeBufferPointer(start: stream, count: length)),
                     runs: Array(UnsafeBufferPointer(start: runs, count: alternatives)))
    }

    /// Whether alternative `k`, whose record stands at `pair`, may match: some branch of it has
    /// all its terms in `fired`. Most fail on the rarest term, most of the others on the second,
    /// both in the record.
    @inline(__always)
    func holds(pair: UnsafeMutablePointer<Int32>, fired: SparseFlags) -> Bool {
        let rarest = Int(pair[0])
        if rarest >= 0 && fired[rarest] == 0 { return false }
        let second = Int(pair[1])
        if second >= 0 && fired[second] == 0 { return false }
        let detail = Int(pair[2])
        if detail < 0 { return true }
        var p = stream + detail
        let end = stream + Int(p[0])
        p += 1
        while p < end {
            let n = Int(p[0])
            var j = 1
            while j <= n && fired[Int(p[j])] != 0 { j &+= 1 }
            if j > n { return true }
            p += n &+ 1
        }
        return false
    }
}
