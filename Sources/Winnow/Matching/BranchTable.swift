/// Lists of branches, each the terms (by id) that must all be present, in flat raw buffers:
/// `mayMatch` tests the branches of every rule a scan triggers, on every line, and reading them
/// from nested arrays cost a retain and a release per rule and a bounds check per term. Each
/// branch's rarest term comes first (by `rank`, higher first), so most branches fail on it.
final class BranchTable: @unchecked Sendable {
    /// List i's branches are `listStart[i]..<listEnd[i]`; `listEnd[i]` is -1 for a nil list.
    private let listStart: UnsafeMutablePointer<Int32>
    private let listEnd: UnsafeMutablePointer<Int32>
    /// Branch b's terms are `terms[termStart[b]..<termStart[b + 1]]`.
    private let termStart: UnsafeMutablePointer<Int32>
    private let terms: UnsafeMutablePointer<Int32>
    /// Branch b's first (rarest) term, `terms[termStart[b]]`, or -1 for a branch of no term:
    /// `anyHolds` tests it without reading the branch's bounds (most branches fail on it; step
    /// 354 in docs/performance.md).
    private let firsts: UnsafeMutablePointer<Int32>
    private let lists: Int, branches: Int, termCount: Int

    convenience init(_ lists: [[[Int]]?], rank: (Int) -> Int) {
        var listStart: [Int32] = [], listEnd: [Int32] = [], termStart: [Int32] = [0], terms: [Int32] = []
        for list in lists {
            listStart.append(Int32(termStart.count - 1))
            for branch in list ?? [] {
                terms += branch.sorted { rank($0) > rank($1) }.map(Int32.init)
                termStart.append(Int32(terms.count))
            }
            listEnd.append(list == nil ? -1 : Int32(termStart.count - 1))
        }
        self.init(listStart: listStart, listEnd: listEnd, termStart: termStart, terms: terms)
    }

    private init(listStart: [Int32], listEnd: [Int32], termStart: [Int32], terms: [Int32]) {
        self.listStart = .copying(listStart)
        self.listEnd = .copying(listEnd)
        self.termStart = .copying(termStart)
        self.terms = .copying(terms)
        self.firsts = .copying((0..<(termStart.count - 1)).map { b in termStart[b] < termStart[b + 1] ? terms[Int(termStart[b])] : -1 })
        lists = listStart.count
        branches = termStart.count - 1
        termCount = terms.count
    }

    deinit {
        listStart.deallocate()
        listEnd.deallocate()
        termStart.deallocate()
        terms.deallocate()
        firsts.deallocate()
    }

    /// Buffers of this thread's own (see `Prefilter.threadCopy`).
    func threadCopy() -> BranchTable {
        func array(_ p: UnsafeMutablePointer<Int32>, _ n: Int) -> [Int32] { Array(UnsafeBufferPointer(start: p, count: n)) }
        return BranchTable(listStart: array(listStart, lists), listEnd: array(listEnd, lists),
                           termStart: array(termStart, branches + 1), terms: array(terms, termCount))
    }

    /// List i's branches in the table's order, each its terms in the table's order (rarest
    /// first); nil for a nil list. For `RuleTable`'s copy of the lists, one rule's after another.
    func list(_ i: Int) -> [[Int32]]? {
        guard isListed(i) else { return nil }
        return (Int(listStart[i])..<Int(listEnd[i])).map { b in Array(UnsafeBufferPointer(start: terms + Int(termStart[b]), count: Int(termStart[b + 1] - termStart[b]))) }
    }

    /// False for a nil list.
    @inline(__always)
    func isListed(_ i: Int) -> Bool { listEnd[i] >= 0 }

    /// Whether some branch of list i has all its terms in `fired`.
    @inline(__always)
    func anyHolds(_ i: Int, fired: SparseFlags) -> Bool {
        var b = Int(listStart[i])
        let end = Int(listEnd[i])
        while b < end {
            let first = firsts[b]
            if first < 0 { return true }
            if fired[Int(first)] != 0 {
                var k = Int(termStart[b]) &+ 1
                let last = Int(termStart[b &+ 1])
                while k < last, fired[Int(terms[k])] != 0 { k &+= 1 }
                if k == last { return true }
            }
            b &+= 1
        }
        return false
    }
}
