import Foundation

/// A line's or segment's label: `article`, `boilerplate.<kind>` or `comment.<kind>`.
///
/// Rules may also score the bare family `comment` ("this line reads like a reader comment"):
/// it counts for the comment family when a line is labelled, and the comment's kind is decided
/// for the whole comment by the moderator.
public struct Label: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Family: String, Sendable, CaseIterable, Comparable {
        case article, boilerplate, comment
        public static func < (a: Family, b: Family) -> Bool { a.rank < b.rank }
        var rank: Int { switch self { case .article: 0; case .boilerplate: 1; case .comment: 2 } }
    }

    public let family: Family
    /// The label's place among the known labels (`scorable`), -1 for another kind: labels are
    /// compared for every score of every hit, and comparing kind strings cost more than the rest.
    private let code: Int8
    /// For another kind (`code` -1): its number in `OtherKinds` (0 for no kind). The kind is
    /// not stored as a `String`: a label holds no reference, so copying one (into every hit's
    /// scores, decision, decided label and total) retains and releases nothing (step 140 in
    /// docs/performance.md).
    private let other: Int32

    /// `article` has no kind; `boilerplate.<kind>`; the bare `comment` family has none.
    public var kind: String? {
        switch code {
        case 0: return nil
        case 1...Int8(Label.boilerplateKinds.count): return Label.boilerplateKinds[Int(code) - 1]
        case Int8(1 + Label.boilerplateKinds.count): return nil
        case let c where c > 0: return Label.commentKinds[Int(c) - 2 - Label.boilerplateKinds.count]
        default: return other == 0 ? nil : OtherKinds.shared.kind(other)
        }
    }

    /// `kind != nil`, without building the string.
    var hasKind: Bool {
        code >= 0 ? code != 0 && code != Int8(1 + Label.boilerplateKinds.count) : other != 0
    }

    public init(_ family: Family, _ kind: String? = nil) {
        self.family = family
        code = Label.code(family, kind)
        other = code >= 0 ? 0 : kind.map { OtherKinds.shared.number($0) } ?? 0
    }

    private static func code(_ family: Family, _ kind: String?) -> Int8 {
        switch family {
        case .article: return kind == nil ? 0 : -1
        case .boilerplate: return kind.flatMap { boilerplateKinds.firstIndex(of: $0) }.map { Int8(1 + $0) } ?? -1
        case .comment:
            guard let kind else { return Int8(1 + boilerplateKinds.count) }
            return commentKinds.firstIndex(of: kind).map { Int8(2 + boilerplateKinds.count + $0) } ?? -1
        }
    }

    /// A small number for each known label (`scorable`), 0 up, nil for another kind: for
    /// tables indexed by label.
    var knownIndex: Int? { code >= 0 ? Int(code) : nil }

    /// The kind's place in `boilerplateKinds`, for a known boilerplate kind.
    var boilerplateIndex: Int? { family == .boilerplate && code >= 1 ? Int(code) - 1 : nil }

    public static func == (a: Label, b: Label) -> Bool {
        if a.code >= 0 || b.code >= 0 { return a.code == b.code }
        return a.family == b.family && a.other == b.other
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(kind)
    }

    public static let article = Label(.article)
    public static let comment = Label(.comment)

    /// The boilerplate kinds, in the tie order: when two kinds' totals tie, the earlier wins
    /// (`Decision`). The labelling guide's tie clause (docs/fixtures.md, "When two kinds fit")
    /// names this order; `TieOrderTests` checks that the two agree.
    public static let boilerplateKinds = [
        "reply-form", "comments-header", "donation", "subscribe", "share", "ad", "disclaimer",
        "caption", "related", "author-bio", "navigation", "other",
    ]
    static let boilerplateLabels = boilerplateKinds.map { Label(.boilerplate, $0) }
    public static let commentKinds = ["on-topic", "off-topic", "promotional"]

    /// Every label a line can end with.
    public static let all: [Label] = [.article]
        + boilerplateKinds.map { Label(.boilerplate, $0) }
        + commentKinds.map { Label(.comment, $0) }

    /// Every label a rule may score: the final labels plus the bare `comment` family.
    public static let scorable: [Label] = all + [.comment]

    /// Parses `article`, `boilerplate.share`, `comment`, `comment.off-topic`, ...
    public init?(parsing text: String) {
        guard let label = Label.scorable.first(where: { $0.description == text }) else { return nil }
        self = label
    }

    public var description: String { kind.map { "\(family.rawValue).\($0)" } ?? family.rawValue }

    public static func < (a: Label, b: Label) -> Bool {
        (a.family, a.kind ?? "") < (b.family, b.kind ?? "")
    }
}

/// The kinds of labels outside `Label.scorable` (a rule set may score `boilerplate.made-up`; the
/// engine ignores such labels when it decides), numbered from 1 in the order first seen, so that
/// a `Label` holds a number instead of a `String`. Equal kinds get equal numbers.
final class OtherKinds: @unchecked Sendable {
    static let shared = OtherKinds()
    private let lock = NSLock()
    private var kinds: [String] = []
    private var numbers: [String: Int32] = [:]

    func number(_ kind: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let n = numbers[kind] { return n }
        kinds.append(kind)
        let n = Int32(kinds.count)
        numbers[kind] = n
        return n
    }

    func kind(_ number: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return kinds[Int(number) - 1]
    }
}
