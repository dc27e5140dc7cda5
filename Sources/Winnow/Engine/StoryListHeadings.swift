/// The lines under a heading of the story's own list ("Key points"), which list rules
/// (`max_below_list_heading`) test.
extension Labeler {
    /// How many non-blank lines below a list heading `markBelowListHeadings` reaches.
    static let listReach = 6

    /// Sets `belowListHeading` on the lines below each heading, up to another heading or
    /// `listReach` non-blank lines, and returns the lines it set.
    static func markBelowListHeadings(_ features: inout [LineFeatures], headings: [Int], blank: [Bool]) -> [Int] {
        let isHeading = Set(headings)
        var marked: [Int] = []
        for h in headings {
            var distance = 0
            for i in (h + 1)..<blank.count where !blank[i] {
                guard distance < listReach, !isHeading.contains(i) else { break }
                distance += 1
                features[i].belowListHeading = distance
                marked.append(i)
            }
        }
        return marked
    }
}
