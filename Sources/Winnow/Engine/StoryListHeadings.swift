/// The lines under a heading of the story's own list ("Key points"), which list rules
/// (`max_below_list_heading`) test.
extension Labeler {
    /// How many non-blank lines below a list heading `markBelowListHeadings` reaches.
    static let listReach = 6

    /// Sets `belowListHeading` on the lines below each heading, up to another heading or
    /// `listReach` non-blank lines, and returns the lines it set.
    static func markBelowListHeadings(_ features: inout [LineFeatures], headings: [Int], blank: [Bool]) -> [Int] {
        markReach(&features, from: headings, upward: false, reach: listReach, blank: blank, distance: \.belowListHeading)
    }
}
