/// Thresholds, priors and weights: everything tunable that is not a rule, read from
/// `config.yml` beside the rule files (see docs/rules.md).
public struct Config: Sendable, Equatable {
    /// Scores every line starts with, by where it stands. Each shows in the audit as a hit of
    /// the pseudo-rule `prior.<state>`.
    public var priors: [PriorState: [Label: Double]] = [
        .body: [.article: 1.0],
        .commentSection: [Label(.boilerplate, "other"): 0.5],
        .inComment: [.comment: 2.0],
        .emptySection: [Label(.boilerplate, "other"): 0.5],
    ]
    /// A comment-section mark before this relative position is ignored (share bars with
    /// "12 Comments" sit near the top of many articles). Comment headers are never ignored.
    public var commentSectionMinPosition = 0.3
    /// A comment-header or comment-date rule that fires on at least this many lines of a page
    /// counts on all of them, whatever its `position` condition says: long threads start early.
    public var commentHeaderRepeat = 3
    /// An early comment-section mark still counts when a comment header follows within this
    /// many non-blank lines.
    public var commentSectionLookahead = 4
    /// Comment moderation (see `CommentModel`, behind the `CommentModerator` interface).
    public var moderation = Moderation()
    /// What counts as a prose line, for the `prose_distance` feature.
    public var prose = Prose()
    /// The lines around a line that a context rule's `nearby` condition looks at.
    public var nearby = Nearby()
    public var limits = MatchLimits()
    public var stopwords: Set<String> = []

    public init() {}

    public enum PriorState: String, Sendable, CaseIterable {
        case body
        case commentSection = "comment_section"
        case inComment = "in_comment"
        /// After a comment-section mark with no comment anywhere under it (an empty reply form).
        case emptySection = "empty_comment_section"
    }

    /// `nearby: <label>` holds when at least `minShare` of the `lines` nearest non-blank lines
    /// on each side (fewer at the page's edges) had that label after the first pass.
    public struct Nearby: Sendable, Equatable {
        public var lines = 4
        public var minShare = 0.5
        public init() {}
    }

    /// A prose line is long and made of ordinary sentences (jusText's "good" paragraph):
    /// enough words, enough of them stop words, no links.
    public struct Prose: Sendable, Equatable {
        public var minWords = 10
        public var minStopwordRatio = 0.25
        /// Prose lines with at most this many non-prose lines between them form one block.
        public var blockGap = 4
        /// Main blocks are those with at least this share of the largest block's words.
        public var mainBlockShare = 0.3
        /// A block of at least this many prose lines, that share of its lines or more, is main
        /// too, whatever its size (0: off).
        public var denseBlockLines = 0
        public var denseBlockShare = 0.75
        /// A block below the largest one, not dense, with less than half its words or less than
        /// half of its lines prose, is main only when at most this many non-blank lines stand
        /// between them (0: any distance). Below a run of furniture the story has ended: an
        /// author bio, a sidebar, teasers follow.
        public var mainBlockReach = 0
        /// A block of mostly prose lines (half or more of its lines) with at least this many
        /// words is main too, whatever its share, when at most `chainReach` non-blank lines
        /// stand between it and a main block of the story's run (chained outward from the
        /// largest block, up and down): a long story cut into parts by code, a list or a table
        /// goes on under them (0: off).
        public var chainWords = 0
        public var chainReach = 0
        /// The same reach for blocks above the largest one (0: no block above is chained).
        public var chainUpReach = 0
        /// ...and whose prose lines hold at least this many words on average (teaser blurbs
        /// under their titles are short).
        public var chainLineWords = 0
        /// Lines count down from the last main block (`belowMainBlock`) only when the largest
        /// block has at least this many words: a lone short sentence is no story that could have
        /// ended above a poem or a list of short lines.
        public var minStoryWords = 0
        /// A run of at most this many short lines under a lead-in of the story ending in a
        /// colon is the story's list (`Labeler.markLeadInLists`, the `story_list` feature; 0: off)...
        public var leadInItems = 0
        /// ...each of at most this many words.
        public var leadInItemWords = 0
        /// ...and, when set, only where the story goes on right under the list.
        public var leadInResume = false
        /// ...and, when set, also under a lead-in right under the story's block (its last line).
        public var leadInBelowStory = false
        public init() {}

        var leadInList: Labeler.LeadInList {
            Labeler.LeadInList(items: leadInItems, itemWords: leadInItemWords, resume: leadInResume, belowStory: leadInBelowStory)
        }

        public func holds(for f: LineFeatures) -> Bool {
            f.words >= minWords && f.stopwordRatio >= minStopwordRatio && f.links == 0
        }
    }
}
