/// The story's byline and the lines above it (headline, standfirst), which byline-relative
/// rules (`max_above_byline`) test.
extension Labeler {
    /// Lines a `story-byline` rule fires on, leaving out rules in `failing` and a reader
    /// thread's lines (a commenter's header can look like a byline).
    static func bylineLines(_ candidates: [[RuleMatcher.Candidate]], failing: Set<String>, thread: Set<Int>) -> [Int] {
        candidates.indices.filter { i in
            !thread.contains(i) && candidates[i].contains { $0.rule.has(.storyByline) && !failing.contains($0.rule.id) }
        }
    }

    /// How many non-blank lines above a byline `markAboveBylines` reaches.
    static let bylineReach = 8

    /// Sets `aboveByline` on the lines above each byline, up to a main-block line, another
    /// byline or `bylineReach` non-blank lines, and returns the lines it set.
    static func markAboveBylines(_ features: inout [LineFeatures], bylines: [Int], blank: [Bool]) -> [Int] {
        let isByline = Set(bylines)
        var marked: [Int] = []
        for b in bylines {
            var distance = 0
            for i in stride(from: b - 1, through: 0, by: -1) where !blank[i] {
                guard distance < bylineReach, !features[i].inMainBlock, !isByline.contains(i) else { break }
                distance += 1
                features[i].aboveByline = distance
                marked.append(i)
            }
        }
        return marked
    }
}
