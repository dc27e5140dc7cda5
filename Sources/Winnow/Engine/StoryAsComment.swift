/// A story under a byline that reads as a comment header ("Press Association" over
/// "Sunday March 2, 2031 8:48 PM", "by Jane Doe on Oct 29th 2012 10:30AM") comes out as the
/// page's first reader comment. A reader's comment rarely holds most of the page's main prose
/// before any comment-section mark.
extension Labeler {
    /// The header line of the page's first comment when no section mark opened the section and
    /// that comment holds most of the prose lines of the page's main blocks (two or more), or is
    /// the page's only comment and made mostly of them.
    /// The walk made again shows the engine step `walk.story-as-comment` on that line.
    static func storyReadAsComment(_ walk: Walk, features: [LineFeatures]) -> Int? {
        guard walk.sectionMark == nil, let comment = walk.comments.first, let header = comment.headerLine else { return nil }
        func mainProse(_ i: Int) -> Bool { features[i].inMainBlock && features[i].proseDistance == 0 }
        let main = features.indices.filter(mainProse).count
        let inside = comment.lines.filter(mainProse).count
        // The page's only comment, most of its lines the main blocks' prose, is a part of the
        // story that a dateline or a quote's lead-in ("Okafor said:") started.
        let storyPart = walk.comments.count == 1 && inside >= 2 && 2 * inside > comment.lines.count
        return main >= 2 && (2 * inside > main || storyPart) ? header : nil
    }
}
