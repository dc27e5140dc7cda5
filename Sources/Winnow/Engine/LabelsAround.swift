extension Walk {
    /// For every line, the decided labels of the `lines` nearest non-blank lines before it and
    /// after it (fewer at the page's edges): what a context rule's `nearby` condition counts.
    func labelsAround(lines count: Int) -> [[Label]] {
        let decided = decisions.indices.filter { decisions[$0] != nil }
        var around = Array(repeating: [Label](), count: decisions.count)
        for (k, i) in decided.enumerated() {
            let window = decided[max(0, k - count)..<k] + decided[(k + 1)..<min(decided.count, k + 1 + count)]
            around[i] = window.compactMap { decisions[$0]?.label }
        }
        return around
    }
}
