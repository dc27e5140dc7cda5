/// What a rule edit changed on one golden page: the page labelled with the old rules and with
/// the current ones (`winnow test --compare-rules`). Only lines whose outcome changed are kept;
/// the printer is `ComparisonReport` in the CLI.
public struct PageComparison: Sendable {
    public enum Change: String, Sendable {
        /// Wrong with the old rules, right now.
        case fixed
        /// Right with the old rules, wrong now.
        case broken
        /// Wrong before and now, with another label or comment-start mark.
        case relabelled
    }

    /// One line whose correctness (or, still wrong, whose label) changed.
    public struct Line: Sendable {
        public let change: Change
        public let expected: AnnotatedFormat.Entry
        public let before: LineResult
        public let after: LineResult
        public var number: Int { after.number }
    }

    public let fixture: PageFixture
    public let lines: [Line]
    /// Set when either run could not judge the page (unreadable, malformed, wrong line count):
    /// nothing is compared then.
    public let error: String?
    /// Whether the page passes with the current rules.
    public let passesNow: Bool

    public func count(_ change: Change) -> Int { lines.filter { $0.change == change }.count }

    /// Compares the outcomes of one fixture run with the old rules (`before`) and the current
    /// ones (`after`).
    public init(before: PageFixture.Outcome, after: PageFixture.Outcome) {
        fixture = after.fixture
        passesNow = after.passed
        if let error = after.error ?? before.error {
            self.error = error
            lines = []
            return
        }
        error = nil
        var changed: [Line] = []
        for ((entry, old), new) in zip(zip(after.expected, before.result.lines), after.result.lines) {
            let wasRight = Self.agrees(entry, old), isRight = Self.agrees(entry, new)
            let change: Change
            switch (wasRight, isRight) {
            case (false, true): change = .fixed
            case (true, false): change = .broken
            case (false, false) where old.label != new.label || old.commentStart != new.commentStart: change = .relabelled
            default: continue
            }
            changed.append(Line(change: change, expected: entry, before: old, after: new))
        }
        lines = changed
    }

    /// The golden file's verdict on one line: the same test as `PageFixture.run`.
    static func agrees(_ entry: AnnotatedFormat.Entry, _ line: LineResult) -> Bool {
        entry.label == line.label && entry.commentStart == line.commentStart
    }
}
