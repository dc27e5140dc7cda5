/// A named engine step that puts hits on lines as a rule does (the priors aside): the tools
/// that count hits by rule (`winnow test`'s rules that fired on no fixture, `winnow audit
/// --stats`) count these too, so "does this step ever fire?" has an answer. Some score nothing
/// (`walk.signed-below` says why a comment ends at its signature); they fire all the same.
public struct EngineStep: Sendable {
    public let id: String
    /// Where it is decided (docs/rules.md, "Where a decision is made").
    public let source: String
    /// True when its hits add no score (the label comes from the rules and priors around it).
    public let scoresNothing: Bool
    /// True for a note built only when auditing (`Labeler.auditNotes`): `winnow audit` and
    /// `audit --stats` show and count it; labelling, and so `winnow test`, builds none.
    public var auditOnly = false

    /// Every engine step whose hits stand on lines.
    public static let lineSteps: [EngineStep] = [
        EngineStep(id: Walk.commentContinues.ruleID, source: "Engine/Walk.swift",
                   scoresNothing: Walk.commentContinues.scores.isEmpty),
        EngineStep(id: Walk.signedBelow.ruleID, source: "Engine/Walk.swift, Walk.signedBelow",
                   scoresNothing: Walk.signedBelow.scores.isEmpty && Walk.signedBelowOpens.scores.isEmpty
                       && Walk.signedBelowFooter.scores.isEmpty),
        EngineStep(id: Walk.storyAsComment.ruleID, source: "Engine/StoryAsComment.swift, Labeler.storyReadAsComment",
                   scoresNothing: Walk.storyAsComment.scores.isEmpty),
        // A comment header that opens no comment section: above the story, the story's own
        // byline signed as the thread is, inside the story's prose (one id each).
        EngineStep(id: Walk.headerAboveStory.ruleID, source: "Engine/Walk.swift", scoresNothing: Walk.headerAboveStory.scores.isEmpty),
        EngineStep(id: Walk.storyBylineOfThread.ruleID, source: "Engine/Walk.swift, Walk.isStoryBylineOfThread",
                   scoresNothing: Walk.storyBylineOfThread.scores.isEmpty),
        EngineStep(id: Walk.headerInStory.ruleID, source: "Engine/Walk.swift", scoresNothing: Walk.headerInStory.scores.isEmpty),
        // The lines of a name-over-date header under its name: the date, and a short line between.
        EngineStep(id: Walk.headerDate.ruleID, source: "Engine/Walk.swift", scoresNothing: Walk.headerDate.scores.isEmpty),
        EngineStep(id: Walk.headerBadge.ruleID, source: "Engine/Walk.swift", scoresNothing: Walk.headerBadge.scores.isEmpty),
        EngineStep(id: Walk.signOffOverDate.ruleID, source: "Engine/Walk.swift", scoresNothing: Walk.signOffOverDate.scores.isEmpty),
        EngineStep(id: Walk.gluedSignature.ruleID, source: "Engine/Walk.swift", scoresNothing: Walk.gluedSignature.scores.isEmpty),
        // A comment-section mark too high on the page with no comment header under it.
        EngineStep(id: Walk.markOpensNothingID, source: "Engine/Walk.swift, Walk.markOpensNothing", scoresNothing: true),
        // A rule's hits removed from the page's lines by its `min_page_hits` / `max_page_hits`;
        // listed after the line's hits, they score nothing (`Labeler.notCounted`).
        EngineStep(id: Labeler.pageHitLimit, source: "Engine/PageHitCounts.swift, Labeler.applyPageHitCounts",
                   scoresNothing: true, auditOnly: true),
        // A `header_rules` rule's hit removed from its line: it reads a comment's author only.
        EngineStep(id: Labeler.headerRule, source: "Engine/Labeler.swift, Labeler.label", scoresNothing: true, auditOnly: true),
        // Audit-only notes: a comment-start rule's hit dropped by its `position` condition, with
        // no repeat or counter to waive it; a hit the walk left out by its rule's `section`
        // condition; a header a reader thread lets open a comment where a lone one would not; a
        // rule fired again in a comment, whose kind counts each rule once.
        EngineStep(id: Labeler.outOfPosition, source: "Engine/PageHitCounts.swift, Labeler.addOutOfPositionNotes",
                   scoresNothing: true, auditOnly: true),
        EngineStep(id: Labeler.sectionStep, source: "Engine/Labeler.swift, Labeler.sectionNote", scoresNothing: true, auditOnly: true),
        EngineStep(id: Labeler.threadHeaderStep, source: "Engine/Labeler.swift, Labeler.threadHeaderNote", scoresNothing: true,
                   auditOnly: true),
        // A thread layout of fewer than comment_header_repeat comments, under a counter that states a number.
        EngineStep(id: Labeler.layoutCounterStep, source: "Engine/Labeler.swift, Labeler.layoutCounterNote",
                   scoresNothing: true, auditOnly: true),
        // A comment header found by the frame of the header lines that rules read.
        EngineStep(id: Labeler.headerFrameStep, source: "Engine/ThreadLayout.swift, HeaderFrames.find",
                   scoresNothing: true, auditOnly: true),
        // A short reply above the story's first prose, which the thread layout reads as no comment's text.
        EngineStep(id: Labeler.shortReplyStep, source: "Engine/ThreadLayout.swift, ThreadLayout.shortRepliesAboveProse",
                   scoresNothing: true, auditOnly: true),
        // A header rule's hits on consecutive lines: a list in a header's shape, not a thread.
        EngineStep(id: Labeler.headerRunStep, source: "Engine/HeaderRuns.swift, Labeler.removeHeaderRuns", scoresNothing: true,
                   auditOnly: true),
        EngineStep(id: Labeler.oncePerCommentStep, source: "Engine/Labeler.swift, Labeler.countedOnce", scoresNothing: true,
                   auditOnly: true),
    ]

    /// The step of this id, if it is one.
    public static func named(_ id: String) -> EngineStep? { lineSteps.first { $0.id == id } }
}
