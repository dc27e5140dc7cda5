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
    /// For comments found in pages: how many of the page's comments use each term (their text as
    /// relevance reads it), for `page_thread_relevance_weight`; empty when off.
    public private(set) var thread: [String: Int] = [:]
    public var isEmpty: Bool { weights.isEmpty }

    public static let empty = CommentContext(weights: [:], names: [])

    init(weights: [String: Double], names: [String]) {
        self.weights = weights
        self.names = names
    }

    /// The same story, with the page's comments' term counts.
    public func with(thread: [String: Int]) -> CommentContext {
        var c = self
        c.thread = thread
        return c
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
/// what it weighs in the context; an unshared one its inverse document frequency. In a page, a
/// term the story lacks but `page_thread_min_comments` other comments use is shared with the
/// thread: it weighs `page_thread_relevance_weight` × its inverse document frequency (the part
/// `threadScore`, the pseudo-rule `relevance.thread-terms`).
public struct Relevance: Sendable {
    /// The story's part and the thread's.
    public let score: Double
    /// The thread's part of `score`.
    public let threadScore: Double
    /// Shared terms, heaviest first ("syria~syrian" for a short form).
    public let shared: [String]
    /// Terms shared with the thread (not the story), heaviest first.
    public let threadShared: [String]
    /// Words of the `ignoring` set given that the comment has and the context shares, sorted:
    /// read by the same tokeniser as the terms (`Terms.ignored`), so the audit names only what
    /// relevance left out.
    public let ignoredShared: [String]
    /// Every word of the `ignoring` set given that the comment has (praise and thanks in a page),
    /// as `Terms.ignored` read them: what `moderation.praise-adds-nothing` names.
    public let ignored: Set<String>
    /// The comment's terms the story lacks (the thread's included) with their inverse document
    /// frequency, in term order: what the comment says beyond the story's words.
    public let beyondStory: [(term: String, idf: Double)]

    public init(comment: [String], context: CommentContext, settings: Config.Moderation, stopwords: Set<String>,
                ignoring: Set<String> = []) {
        let read = Terms(lines: comment, stopwords: stopwords, minLength: settings.minTermLength, ignoring: ignoring)
        let terms = read.terms
        // Left out words that the context has: what the audit names as not shared.
        ignoredShared = read.ignored.filter { context.match(Terms.stem($0)) != nil }.sorted()
        ignored = read.ignored
        var found: [(String, Double)] = [], inThread: [(String, Double)] = [], beyond: [(term: String, idf: Double)] = []
        var unshared = 0.0
        let threadWeight = context.thread.isEmpty ? 0 : settings.pageThreadRelevanceWeight
        for term in terms.sorted() {
            if let hit = context.match(term) {
                found.append((hit == term ? term : "\(term)~\(hit)", context.weights[hit] ?? 0))
                continue
            }
            let idf = settings.documentFrequencies?.idf(term) ?? 1
            beyond.append((term, idf))
            // The comment itself is one of the comments counted.
            if threadWeight > 0, let n = context.thread[term], n - 1 >= settings.pageThreadMinComments {
                inThread.append((term, threadWeight * idf))
            } else {
                unshared += idf
            }
        }
        let gained = found.reduce(0) { $0 + $1.1 }, threadGained = inThread.reduce(0) { $0 + $1.1 }
        let total = gained + threadGained + unshared + settings.relevanceSmoothing
        score = total > 0 ? (gained + threadGained) / total : 0
        threadScore = total > 0 ? threadGained / total : 0
        shared = found.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0)
        threadShared = inThread.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0)
        beyondStory = beyond
    }
}
