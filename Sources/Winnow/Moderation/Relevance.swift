/// What a comment is compared with: the weighted content terms of the article (or question)
/// and its title.
///
/// A term's weight is its inverse document frequency in the reference news pages, times
/// `proper_noun_weight` when the context uses it as a name and `title_weight` when the title
/// has it: the salient terms of the context weigh most.
public struct CommentContext: Sendable {
    public let weights: [String: Double]
    /// Context names of five letters or more, for short forms ("Syria" in a comment, "Syrian" in
    /// the article; "Kerry" and "Kerry's").
    let names: [String]
    public var isEmpty: Bool { weights.isEmpty }

    public static let empty = CommentContext(weights: [:], names: [])

    init(weights: [String: Double], names: [String]) {
        self.weights = weights
        self.names = names
    }

    init(article: [String], title: String?, settings: Config.Moderation, stopwords: Set<String>) {
        let body = Terms(lines: article, stopwords: stopwords, minLength: settings.minTermLength)
        let heading = Terms(lines: title.map { [$0] } ?? [], stopwords: stopwords, minLength: settings.minTermLength)
        var weights: [String: Double] = [:]
        for term in body.terms.union(heading.terms) {
            var w = settings.documentFrequencies?.idf(term) ?? 1
            if body.properNouns.contains(term) || heading.properNouns.contains(term) { w *= settings.properNounWeight }
            if heading.terms.contains(term) { w *= settings.titleWeight }
            weights[term] = w
        }
        self.init(weights: weights, names: body.properNouns.union(heading.properNouns).filter { $0.count >= 5 }.sorted())
    }

    /// The context term a comment term stands for: itself, or a context name it is a short or
    /// long form of (one a prefix of the other, differing by at most three letters).
    func match(_ term: String) -> String? {
        if weights[term] != nil { return term }
        guard term.count >= 4 else { return nil }
        return names.first { name in
            abs(name.count - term.count) <= 3 && (name.hasPrefix(term) || term.hasPrefix(name))
        }
    }
}

/// How much of a comment is about its context: the weight of the comment's terms found in the
/// context over the weight of all its terms (plus `relevance_smoothing`). A shared term weighs
/// what it weighs in the context; an unshared one its inverse document frequency.
public struct Relevance: Sendable {
    public let score: Double
    /// Shared terms, heaviest first ("syria~syrian" for a short form).
    public let shared: [String]
    /// Words of the `ignoring` set given that the comment has and the context shares, sorted:
    /// read by the same tokeniser as the terms (`Terms.ignored`), so the audit names only what
    /// relevance left out.
    public let ignoredShared: [String]

    public init(comment: [String], context: CommentContext, settings: Config.Moderation, stopwords: Set<String>,
                ignoring: Set<String> = []) {
        let read = Terms(lines: comment, stopwords: stopwords, minLength: settings.minTermLength, ignoring: ignoring)
        let terms = read.terms
        // Left out words that the context has: what the audit names as not shared.
        ignoredShared = read.ignored.filter { context.match(Terms.stem($0)) != nil }.sorted()
        var found: [(String, Double)] = []
        var unshared = 0.0
        for term in terms.sorted() {
            if let hit = context.match(term) {
                found.append((hit == term ? term : "\(term)~\(hit)", context.weights[hit] ?? 0))
            } else {
                unshared += settings.documentFrequencies?.idf(term) ?? 1
            }
        }
        let gained = found.reduce(0) { $0 + $1.1 }
        let total = gained + unshared + settings.relevanceSmoothing
        score = total > 0 ? gained / total : 0
        shared = found.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0)
    }
}
