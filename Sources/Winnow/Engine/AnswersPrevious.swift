extension Labeler {
    static let answersPreviousRule = "comment.answers-previous"

    /// The engine step `comment.answers-previous` (`page_answers_previous_terms`): a page comment
    /// that shares no term with the story is off-topic by the bar and the token model alone when
    /// no rule says so; but a reply in a thread answers the comment above it as often as the
    /// story ("sure, but the ferry won't run any later…" under "the ferry will run later after
    /// the vote", a quoted sentence argued with), and its terms are that comment's. When such a
    /// comment (relevance 0, its off-topic evidence only `threshold.*` and the token model's
    /// negative buckets) shares at least `minShared` terms with the text of the comment right above
    /// it (its own lines, the lines it quotes included), read with relevance's terms (stop words,
    /// `page_relevance_ignore`, names and dated furniture lines left out), sharing
    /// none with the story says nothing: the hit brings the score to 0 (on-topic, the prior) and
    /// names the terms and the comment's first line. A rule's off-topic call (chat, laughter,
    /// praise) is left as it is.
    static func answersPrevious(_ comments: [CommentGroup], verdicts: [ModerationVerdict], texts: [[String]], quoting: [[String]],
                                settings: Config.Moderation, stopwords: Set<String>, minShared: Int) -> [ModerationVerdict] {
        var out = verdicts
        let offTopic = Label(.comment, "off-topic"), onTopic = Label(.comment, "on-topic")
        // Names are left out: a reply that names the commenter it answers ("We'll see, Sam") or
        // the same person says nothing of a shared subject by that.
        // So is a short line that gives a clock time or a year: thread furniture ("Response to
        // jane42, 3 March 2014 9:41AM", a timestamp), the same words under every reply.
        func terms(_ lines: [String]) -> Set<String> {
            let read = Terms(lines: lines.filter { !datedFurniture($0) }, stopwords: stopwords, minLength: settings.minTermLength,
                             ignoring: settings.pageRelevanceIgnore)
            return read.terms.subtracting(read.properNouns)
        }
        for k in comments.indices.dropFirst() where verdicts[k].kind == "off-topic" && verdicts[k].relevance == 0 && verdicts[k].hadContext {
            let absence = verdicts[k].evidence.allSatisfy { hit in
                CommentModel.isBar(hit) || CommentModel.isTokenModel(hit)
                    || (hit.score(for: offTopic) <= 0 && hit.score(for: onTopic) >= 0)
            }
            guard absence, !quoting[k].isEmpty, !texts[k - 1].isEmpty else { continue }
            // The comment's own text with the lines it quotes (a quotation of the comment above is
            // the surest sign of a reply), against the text the comment above says itself.
            let shared = terms(quoting[k]).intersection(terms(texts[k - 1])).sorted()
            guard shared.count >= minShared else { continue }
            let first = (comments[k - 1].lines.first ?? 0) + 1
            let hit = RuleHit(ruleID: answersPreviousRule,
                              description: "shares no term with the story but \(shared.joined(separator: ", ")) with the comment above it (line \(first)): a reply to it, so sharing none with the story is no evidence off-topic, on-topic is the prior (page_answers_previous_terms)",
                              scores: [LabelScore(onTopic, -verdicts[k].score)])
            // Relevance and shared terms stay the comment's own, as `comment.text-elsewhere` keeps them.
            out[k] = ModerationVerdict(kind: "on-topic", score: 0, relevance: verdicts[k].relevance, sharedTerms: verdicts[k].sharedTerms,
                                       hits: verdicts[k].hits + [hit], evidence: verdicts[k].evidence + [hit], hadContext: verdicts[k].hadContext)
        }
        return out
    }

    /// A line of at most 12 words holding a clock time ("9:41", "10:43PM") or a year (1900-2099).
    static func datedFurniture(_ line: String) -> Bool {
        let words = Tokens.words(line)
        guard words.count <= 12 else { return false }
        let scalars = Array(line.unicodeScalars)
        func digit(_ i: Int) -> Bool { i >= 0 && i < scalars.count && ("0"..."9").contains(scalars[i]) }
        for i in scalars.indices where digit(i) && !digit(i - 1) {
            var j = i
            while digit(j) { j += 1 }
            let run = j - i
            if run <= 2 && j < scalars.count && scalars[j] == ":" && digit(j + 1) && digit(j + 2) { return true }
            if run == 4 && (scalars[i] == "1" && scalars[i + 1] == "9" || scalars[i] == "2" && scalars[i + 1] == "0") { return true }
        }
        return false
    }
}

extension Labeler {
    /// For `page_thread_relevance_weight`: each term of the page's comments (their said text, read
    /// as relevance reads a comment: stop words and `page_relevance_ignore` left out) and how many
    /// comments use it.
    static func threadTerms(_ texts: [[String]], settings: Config.Moderation, stopwords: Set<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for text in texts {
            for term in Terms(lines: text, stopwords: stopwords, minLength: settings.minTermLength, ignoring: settings.pageRelevanceIgnore).terms {
                counts[term, default: 0] += 1
            }
        }
        return counts
    }
}

extension Labeler {
    /// The engine step `relevance.thread-chatter` (`page_thread_chatter_share`; 0: off): when the
    /// thread's terms were counted and at least that share of the page's comments carry an
    /// off-topic rule (`CommentModel.carriesOffTopicRule`), the page's comments are chatting among
    /// themselves, and the words they share would lift each other past relevance 0: the hit to
    /// add to every comment, which is then moderated without the thread's terms; nil otherwise.
    static func threadChatter(_ verdicts: [ModerationVerdict], counted: Bool, settings: Config.Moderation) -> RuleHit? {
        guard counted, settings.pageThreadChatterShare > 0, !verdicts.isEmpty else { return nil }
        let chatty = verdicts.count { CommentModel.carriesOffTopicRule($0) }
        guard Double(chatty) >= settings.pageThreadChatterShare * Double(verdicts.count) else { return nil }
        return RuleHit(ruleID: threadChatterStep,
                       description: "\(chatty) of the page's \(verdicts.count) comments carry an off-topic rule, at least \(JSONValue.format(settings.pageThreadChatterShare)) of them (page_thread_chatter_share): commenters chatting among themselves do not lift each other, so the thread's terms are not counted on this page",
                       scores: [LabelScore(Label(.comment, "on-topic"), 0)])
    }

    static let threadChatterStep = "relevance.thread-chatter"

    /// A verdict with an engine step's note (score 0) added to its evidence.
    static func noted(_ verdict: ModerationVerdict, _ note: RuleHit) -> ModerationVerdict {
        ModerationVerdict(kind: verdict.kind, score: verdict.score, relevance: verdict.relevance, sharedTerms: verdict.sharedTerms,
                          hits: verdict.hits, evidence: verdict.evidence + [note], hadContext: verdict.hadContext)
    }
}
