/// The story's byline and the lines above it (headline, standfirst), which byline-relative
/// rules (`max_above_byline`) test.
extension Labeler {
    /// Lines a `story-byline` rule fires on, leaving out rules in `failing` and a reader
    /// thread's lines (a commenter's header can look like a byline).
    static func bylineLines(_ candidates: [[RuleMatcher.Candidate]], failing: PageHitFailures, thread: Set<Int>) -> [Int] {
        // The mark first: few lines have it, and the thread's set hashed every line's index
        // (step 463 in docs/performance.md).
        candidates.indices.filter { i in
            candidates[i].containsBorrowed { $0.rule.has(.storyByline) } && !thread.contains(i)
                && candidates[i].containsBorrowed { $0.rule.has(.storyByline) && !failing.contains($0.rule) }
        }
    }

    /// How many non-blank lines above a byline `markAboveBylines` reaches.
    static let bylineReach = 8

    /// Sets `aboveByline` on the lines above each byline, up to a main-block line, another
    /// byline or `bylineReach` non-blank lines, and returns the lines it set.
    static func markAboveBylines(_ features: inout [LineFeatures], bylines: [Int], blank: [Bool]) -> [Int] {
        markReach(&features, from: bylines, upward: true, reach: bylineReach, blank: blank, distance: \.aboveByline) {
            $0.inMainBlock
        }
    }

    /// Walks from each anchor line up or down over non-blank lines, setting `distance` (1, 2, …)
    /// on each, until `reach` lines, another anchor or a line `stops` holds for; returns the lines
    /// it set. Byline and list-heading marks are the same walk in opposite directions.
    static func markReach(_ features: inout [LineFeatures], from anchors: [Int], upward: Bool, reach: Int,
                          blank: [Bool], distance field: WritableKeyPath<LineFeatures, Int>,
                          stops: (LineFeatures) -> Bool = { _ in false }) -> [Int] {
        let isAnchor = Set(anchors)
        var marked: [Int] = []
        for anchor in anchors {
            var distance = 0
            let lines = upward ? Array(stride(from: anchor - 1, through: 0, by: -1)) : Array((anchor + 1)..<blank.count)
            for i in lines where !blank[i] {
                guard distance < reach, !isAnchor.contains(i), !stops(features[i]) else { break }
                distance += 1
                features[i][keyPath: field] = distance
                marked.append(i)
            }
        }
        return marked
    }
}
