extension Walk {
    /// The decided labels of the `lines` nearest non-blank lines before and after a line (fewer
    /// at the page's edges): what a context rule's `nearby` condition counts. Built on demand,
    /// since only lines where a `nearby` rule matched need them.
    func labelsAround(lines count: Int) -> (Int) -> [Label] {
        var rank = [Int](repeating: -1, count: decisions.count)
        var labels: [Label] = []
        for (i, d) in decisions.enumerated() {
            guard let d else { continue }
            rank[i] = labels.count
            labels.append(d.label)
        }
        return { i in
            let k = rank[i]
            guard k >= 0 else { return [] }
            return Array(labels[max(0, k - count)..<k]) + labels[(k + 1)..<min(labels.count, k + 1 + count)]
        }
    }
}
