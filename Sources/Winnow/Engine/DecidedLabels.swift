/// The labels a walk decided, in page order, with each line's place among them: what the
/// context rules look at (the nearest label before and after a line, the labels of the few
/// nearest lines). Blank lines have no label and are skipped. A class: the context pass hands it
/// to a closure for every context rule a line's features allow, and a struct's copy retained its
/// three arrays each time.
final class DecidedLabels {
    private let labels: [Label]
    /// For each line, twice the number of decided lines before it, plus 1 when the line itself
    /// is decided: the two arrays of before (how many before, whether decided) in one.
    private let places: [Int]

    init(_ decisions: [Decision?]) {
        // Both arrays made at their size through the specialised path (`Array(filled:count:)`)
        // and written in place, each decision's label read in place: reserved and appended to
        // (three arrays then), each reservation went through the runtime's unspecialised
        // allocation, about 300 instructions, and each append about 25 (step 604 in
        // docs/performance.md; copying each decision out, `for d in decisions`, retained and
        // released its arrays twice a line).
        let n = decisions.count
        var places = [Int](filled: 0, count: n)
        var count = 0
        var first: Label?
        decisions.withUnsafeBufferPointer { d in
            places.withUnsafeMutableBufferPointer { p in
                for i in 0..<n {
                    if let label = d[i]?.label {
                        if count == 0 { first = label }
                        p[i] = count &* 2 &+ 1
                        count &+= 1
                    } else {
                        p[i] = count &* 2
                    }
                }
            }
        }
        var labels = first.map { [Label](filled: $0, count: count) } ?? []
        if count > 1 {
            decisions.withUnsafeBufferPointer { d in
                labels.withUnsafeMutableBufferPointer { l in
                    var k = 0
                    for i in 0..<n {
                        if let label = d[i]?.label {
                            l[k] = label
                            k &+= 1
                        }
                    }
                }
            }
        }
        self.labels = labels
        self.places = places
    }

    /// How many decided lines stand before line `i`.
    @inline(__always)
    private func before(_ i: Int) -> Int { places[i] >> 1 }

    /// Whether line `i` is decided.
    @inline(__always)
    private func isDecided(_ i: Int) -> Bool { places[i] & 1 != 0 }

    /// The label of line `i` itself (nil when it is not decided): the decision's, read from the
    /// labels without copying the decision out of its array (a retain and a release of its
    /// hits a line; step 654 in docs/performance.md).
    @inline(__always)
    func current(_ i: Int) -> Label? {
        isDecided(i) ? labels[before(i)] : nil
    }

    /// The label of the nearest decided line before line `i`.
    func previous(_ i: Int) -> Label? {
        let k = before(i)
        return k > 0 ? labels[k - 1] : nil
    }

    /// The label of the nearest decided line after line `i`.
    func next(_ i: Int) -> Label? {
        let k = (places[i] &+ 1) >> 1
        return k < labels.count ? labels[k] : nil
    }

    /// Of the `count` nearest decided lines before and after line `i` (`around`), how many `test`
    /// matches, and how many there are: a `nearby` condition's counts, without building the array.
    /// (The labels read in place, the count from the bounds: each read was checked against the
    /// array's count, about 200 instructions a call; step 787 in docs/performance.md.)
    func count(around i: Int, lines count: Int, matching test: LabelTest) -> (matching: Int, count: Int) {
        guard isDecided(i) else { return (0, 0) }
        let k = before(i)
        // A decided line's place is below the count of labels: `k + 1...` is a valid start.
        let low = max(0, k - count), high = min(labels.count, k + 1 + count)
        var matching = 0
        labels.withUnsafeBufferPointer { l in
            for j in low..<k where test.matches(l[j]) { matching &+= 1 }
            for j in (k + 1)..<high where test.matches(l[j]) { matching &+= 1 }
        }
        return (matching, (k - low) + (high - k - 1))
    }

    /// The labels of the `count` nearest decided lines before and after line `i` (fewer at the
    /// page's edges): what a `nearby` condition counts.
    func around(_ i: Int, lines count: Int) -> [Label] {
        guard isDecided(i) else { return [] }
        let k = before(i)
        return Array(labels[max(0, k - count)..<k]) + labels[(k + 1)..<min(labels.count, k + 1 + count)]
    }
}
