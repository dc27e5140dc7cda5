/// The labels a walk decided, in page order, with each line's place among them: what the
/// context rules look at (the nearest label before and after a line, the labels of the few
/// nearest lines). Blank lines have no label and are skipped. A class: the context pass hands it
/// to a closure for every context rule a line's features allow, and a struct's copy retained its
/// three arrays each time.
final class DecidedLabels {
    private let labels: [Label]
    /// For each line, how many decided lines stand before it.
    private let before: [Int]
    private let decided: [Bool]

    init(_ decisions: [Decision?]) {
        // One pass, room reserved, each decision's label read in place: copying each decision
        // out (`for d in decisions`, then `map`) retained and released its arrays twice a line.
        var labels: [Label] = [], before: [Int] = [], decided: [Bool] = []
        labels.reserveCapacity(decisions.count)
        before.reserveCapacity(decisions.count)
        decided.reserveCapacity(decisions.count)
        for i in decisions.indices {
            before.append(labels.count)
            if let label = decisions[i]?.label {
                labels.append(label)
                decided.append(true)
            } else {
                decided.append(false)
            }
        }
        self.labels = labels
        self.before = before
        self.decided = decided
    }

    /// The label of the nearest decided line before line `i`.
    func previous(_ i: Int) -> Label? {
        before[i] > 0 ? labels[before[i] - 1] : nil
    }

    /// The label of the nearest decided line after line `i`.
    func next(_ i: Int) -> Label? {
        let k = before[i] + (decided[i] ? 1 : 0)
        return k < labels.count ? labels[k] : nil
    }

    /// Of the `count` nearest decided lines before and after line `i` (`around`), how many `test`
    /// matches, and how many there are: a `nearby` condition's counts, without building the array.
    func count(around i: Int, lines count: Int, matching test: LabelTest) -> (matching: Int, count: Int) {
        guard decided[i] else { return (0, 0) }
        let k = before[i]
        var matching = 0, total = 0
        for j in max(0, k - count)..<k {
            total += 1
            if test.matches(labels[j]) { matching += 1 }
        }
        for j in (k + 1)..<min(labels.count, k + 1 + count) {
            total += 1
            if test.matches(labels[j]) { matching += 1 }
        }
        return (matching, total)
    }

    /// The labels of the `count` nearest decided lines before and after line `i` (fewer at the
    /// page's edges): what a `nearby` condition counts.
    func around(_ i: Int, lines count: Int) -> [Label] {
        guard decided[i] else { return [] }
        let k = before[i]
        return Array(labels[max(0, k - count)..<k]) + labels[(k + 1)..<min(labels.count, k + 1 + count)]
    }
}
