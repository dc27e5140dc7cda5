import Foundation

extension Labeler {
    static let replyOneSignalStep = "moderation.reply-one-signal"

    /// The engine step `moderation.reply-one-signal` (`page_reply_one_signal`): a page comment
    /// that `moderation.thread-needs-signals` kept on-topic (it shares the thread's terms and
    /// fewer than `page_thread_off_topic_signals` signals speak against it) but that is a reply
    /// to an earlier commenter of the page (`repliedTo`, a name that can name someone:
    /// `canNameSomeone`) is moderated as if the step had not
    /// fired: the terms a reply shares with the thread are the conversation it answers, not a
    /// sign that it is on the story, so its one off-topic signal stands. The step's hit is
    /// replaced by a note (score 0) naming the commenter; a score within `page_off_topic_margin`
    /// of the bar stays on-topic as the margin would keep it.
    static func replyOneSignal(_ comments: [CommentGroup], verdicts: [ModerationVerdict], lines: [String],
                               settings: Config.Moderation, stopwords: Set<String>) -> [ModerationVerdict] {
        var out = verdicts
        let onTopic = Label(.comment, "on-topic"), offTopic = Label(.comment, "off-topic")
        for k in comments.indices.dropFirst() {
            guard let step = verdicts[k].evidence.first(where: { $0.ruleID == CommentModel.threadNeedsSignalsStep }) else { continue }
            let score = -step.score(for: onTopic)
            guard score < 0, -score > settings.pageOffTopicMargin else { continue }
            let text = comments[k].lines.filter { $0 != comments[k].headerLine }.map { lines[$0] }
            let named = comments[..<k].compactMap(\.author).filter { canNameSomeone(commenterName($0), stopwords: stopwords, generic: settings.pageReplyGenericNames) }
            let canName = { canNameSomeone($0, stopwords: stopwords, generic: settings.pageReplyGenericNames) }
            guard let name = repliedTo(text, earlier: named, own: comments[k].author, canName: canName) else { continue }
            let note = RuleHit(ruleID: replyOneSignalStep,
                               description: "a reply to \(name), an earlier commenter: the thread's terms it shares (relevance.thread-terms) are the conversation it answers, no sign that it is on the story, so one off-topic signal is enough and moderation.thread-needs-signals does not keep it on-topic (page_reply_one_signal)",
                               scores: [LabelScore(onTopic, 0)])
            let evidence = verdicts[k].evidence.filter { $0.ruleID != CommentModel.threadNeedsSignalsStep } + [note]
            out[k] = ModerationVerdict(kind: "off-topic", score: score, relevance: verdicts[k].relevance, sharedTerms: verdicts[k].sharedTerms,
                                       hits: evidence.filter { $0.score(for: onTopic) != 0 || $0.score(for: offTopic) != 0 },
                                       evidence: evidence, hadContext: verdicts[k].hadContext)
        }
        return out
    }

    /// The earlier commenter a comment's text answers, if any: its first line opens with "@" and a
    /// name, or it names an earlier comment's author (the header's name without a leading "by" or
    /// number, or a trailing count in brackets: "by jo_k (1234)", "7. Jo K") as a whole word,
    /// case aside; a name of fewer than three letters, and the comment's own author, do not count.
    /// An "@" name must pass `canName` as an earlier author's name does (`canNameSomeone`:
    /// "@admin", "@Guest" or "@all" name no one; session 28, gaps32: they made a reply); the text
    /// is then read for an earlier author's name.
    static func repliedTo(_ text: [String], earlier: [String], own: String?, canName: (String) -> Bool) -> String? {
        if let first = text.first(where: { !Page.isBlank($0) })?.drop(while: { $0 == " " || $0 == "\t" }),
           first.hasPrefix("@"), let letter = first.dropFirst().first, letter.isLetter {
            let handle = String(first.prefix { !$0.isWhitespace && $0 != ":" && $0 != "," })
            if canName(String(handle.dropFirst())) { return handle }
        }
        let ownName = own.map(commenterName)
        let said = text.joined(separator: "\n").lowercased()
        for author in earlier.reversed() {
            let name = commenterName(author)
            guard name.count >= 3, name != ownName else { continue }
            if containsWord(said, name.lowercased()) { return name }
        }
        return nil
    }

    /// Whether a commenter's name can name someone when a comment's text uses it: a word of it
    /// (letters and digits, two or more, not digits alone) is neither a stop word nor a generic
    /// handle (`page_reply_generic_names`: "Guest", "admin", "Anonymous"). "Will", "The Admin",
    /// "Guest K" or "Guest 12" are words any comment may use; "jo_marsh", "Guest123" or "Anna K"
    /// are not.
    static func canNameSomeone(_ name: String, stopwords: Set<String>, generic: Set<String>) -> Bool {
        name.lowercased().split { !$0.isLetter && !$0.isNumber }.contains { word in
            let w = String(word)
            return w.count >= 2 && !w.allSatisfy(\.isNumber) && !stopwords.contains(w) && !generic.contains(w)
        }
    }

    /// A header's name as readers write it: "by jo_k (1234)" -> "jo_k", "7. Jo K" -> "Jo K".
    static func commenterName(_ author: String) -> String {
        var name = Substring(author.trimmingCharacters(in: .whitespaces))
        if name.lowercased().hasPrefix("by ") { name = name.dropFirst(3) }
        let number = name.prefix { $0.isNumber }
        if !number.isEmpty, name.dropFirst(number.count).hasPrefix(". ") { name = name.dropFirst(number.count + 2) }
        if name.hasSuffix(")"), let open = name.lastIndex(of: "(") { name = name[..<open] }
        return name.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `text` holds `word` with no letter or digit right before or after it.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var from = text.startIndex
        while let r = text.range(of: word, range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before.map { $0.isLetter || $0.isNumber } ?? false) && !(after.map { $0.isLetter || $0.isNumber } ?? false) { return true }
            from = text.index(after: r.lowerBound)
        }
        return false
    }
}

extension Labeler {
    static let deepInThreadStep = "moderation.deep-in-thread"

    /// The engine step `moderation.deep-in-thread` (`page_deep_thread_comments`; 0: off): from the
    /// comment after the first N of a page on, a comment that shares no term with the story or the
    /// thread (relevance 0) and that nothing but the bar calls off-topic (its off-topic evidence
    /// only `threshold.*` and a learned lean weaker than `page_prior_min_lean`; no rule, no
    /// `comment.no-text`) keeps the on-topic prior. Deep in a long thread readers answer each
    /// other more than the story, and the story's terms fade from what they say: sharing none of
    /// them is no evidence off-topic there. The hit brings the score to 0 and names the position.
    static func deepInThread(_ verdicts: [ModerationVerdict], settings: Config.Moderation) -> [ModerationVerdict] {
        var out = verdicts
        let offTopic = Label(.comment, "off-topic"), onTopic = Label(.comment, "on-topic")
        let from = settings.pageDeepThreadComments
        for k in verdicts.indices where k >= from {
            let v = verdicts[k]
            guard v.kind == "off-topic", v.relevance == 0, v.hadContext, v.score < 0 else { continue }
            let barAlone = v.evidence.allSatisfy { hit in
                let leans = hit.score(for: offTopic) > 0 || hit.score(for: onTopic) < 0
                guard leans else { return true }
                if CommentModel.isBar(hit) { return true }
                return CommentModel.isTokenModel(hit) && hit.score(for: offTopic) <= 0 && -hit.score(for: onTopic) < settings.pagePriorMinLean
            }
            guard barAlone else { continue }
            let hit = RuleHit(ruleID: deepInThreadStep,
                              description: "comment \(k + 1) of the page's \(verdicts.count), past the first \(from) (page_deep_thread_comments): deep in a thread readers answer each other more than the story, so sharing no term with it and nothing but the bar against it is no evidence off-topic, on-topic is the prior",
                              scores: [LabelScore(onTopic, -v.score)])
            out[k] = ModerationVerdict(kind: "on-topic", score: 0, relevance: v.relevance, sharedTerms: v.sharedTerms,
                                       hits: v.hits + [hit], evidence: v.evidence + [hit], hadContext: v.hadContext)
        }
        return out
    }
}
