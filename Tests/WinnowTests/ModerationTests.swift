import Foundation
import Testing
@testable import Winnow

/// `winnow moderate` / `winnow eval` and the moderation model, on the small copies of the
/// development sets in Fixtures/comments (KatyPerry comments, ten Qatar Living questions).
@Suite struct ModerationTests {
    let rules = Repo.rules

    func moderateFile(_ name: String, explain: Bool = false) throws -> (lines: [String], summary: CommentStream.Summary) {
        var stream = CommentStream(moderation: StandaloneModeration(rules: rules), fields: CommentRecord.Fields())
        stream.explain = explain
        var out: [String] = []
        var summary = CommentStream.Summary()
        stream.run(try LineStream(path: Repo.path("Fixtures/comments/\(name)")), summary: &summary, write: { out.append($0) })
        return (out, summary)
    }

    func json(_ line: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    /// Zero prints without a sign: `lr.promo` clamps a negative log-odds to 0 (its
    /// `negative_limit` is 0), which gave `"comment.promotional": -0.0` in `--explain` and
    /// `+-0.0` in the audit.
    @Test func zeroScoresPrintWithoutASign() throws {
        #expect(JSONValue.format(-0.0) == "0.0" && JSONValue.format(-0.00004) == "0.0")
        #expect(JSONValue.format(-0.5) == "-0.5" && JSONValue.format(0.25) == "0.25")
        let (lines, _) = try moderateFile("youtube-sample.jsonl", explain: true)
        #expect(lines.contains { $0.contains("\"comment.promotional\": 0.0") })
        #expect(!lines.contains { $0.range(of: #"-0\.0(?![0-9])"#, options: .regularExpression) != nil })
    }

    /// Swift prints a double in exponent form from 2^53 on; the fixed-point conversion that
    /// replaced it trapped on every such number, so `winnow moderate` crashed on a record with a
    /// timestamp in nanoseconds in any field, and batch input on an id of 1e20.
    @Test func hugeNumbersPrintWholeWithoutTrapping() throws {
        #expect(JSONValue.format(1e16) == "10000000000000000.0")
        #expect(JSONValue.format(-1.7e18) == "-1700000000000000000.0")
        #expect(JSONValue.format(1e20) == "1e+20")  // past UInt64
        #expect(JSONValue.format(1e305) == "1e+305")
        #expect(JSONValue.format(123456.78901) == "123456.789" && JSONValue.format(2.5) == "2.5")
        let line = #"{"id": 1234567890123456789, "text": "nice", "ts": 1700000000000000000, "year": 2019, "w": 1e300}"#
        let record = try CommentRecord(line: Array(line.utf8), fields: CommentRecord.Fields())
        // Whole numbers are read exactly, as whole numbers: the id past 2^53 unchanged, and
        // `--only year=2019` matches (the field read "2019.0").
        #expect(record.id == .int(1234567890123456789))
        #expect(record.fields["year"] == "2019" && record.fields["ts"] == "1700000000000000000")
        #expect(record.fields["w"] == "1e+300")
    }

    /// A numeric id comes out as written, whatever its size or form (it came out as the nearest
    /// double past 2^63, and "1e3" as 1000); a line nested too deep says so.
    @Test func numericIdsComeOutAsWrittenAndDeepNestingIsNamed() throws {
        for id in ["12345678901234567890123", "-98765432109876543210", "1.50", "1e3", "1.0", "42"] {
            let line = #"{"text": "nice", "id": \#(id)}"#
            let record = try CommentRecord(line: Array(line.utf8), fields: CommentRecord.Fields())
            #expect(record.id.serialized() == id)
        }
        let deep = #"{"id": 1, "x": "# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + #", "text": "a"}"#
        #expect(throws: CommentRecord.ParseError.self) { try CommentRecord(line: Array(deep.utf8), fields: CommentRecord.Fields()) }
        do { _ = try CommentRecord(line: Array(deep.utf8), fields: CommentRecord.Fields()) } catch {
            #expect(error.message == "nested deeper than 512 arrays and objects")
        }
    }

    /// A line longer than `maxRecordBytes` (`--max-record-mb`) is an error record, as in batch
    /// input, and the next line is still moderated (a 50 MB comment took 40 s and 724 MB).
    @Test func aLineOverTheRecordLimitIsAnErrorRecord() throws {
        let path = NSTemporaryDirectory() + "winnow-moderate-limit-" + UUID().uuidString + ".jsonl"
        let long = String(repeating: "buy cheap followers now ", count: 40)
        try ("{\"id\": 1, \"text\": \"\(long)\"}\n{\"id\": 2, \"text\": \"Nice song\"}\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var stream = CommentStream(moderation: StandaloneModeration(rules: rules), fields: CommentRecord.Fields())
        stream.maxRecordBytes = 512
        var out: [String] = []
        var summary = CommentStream.Summary()
        stream.run(try LineStream(path: path), summary: &summary, write: { out.append($0) })
        let records = try out.map(json)
        #expect(records.count == 2 && summary.errors == 1)
        #expect((records[0]["error"] as? String)?.contains("over the 512-byte record limit") == true)
        #expect(records[0]["line"] as? Int == 1)
        #expect(records[1]["id"] as? Int == 2 && records[1]["label"] != nil)
    }

    /// `winnow moderate`, `eval` and `train` read JSON Lines through `LineStream`: a file with
    /// lone CR line ends was one line ("not valid JSON"); a CR ends a line as LF and CRLF do,
    /// also when the CR and its LF fall in two reads, and under a record limit.
    @Test func lineStreamEndsLinesAtLFCRLFAndLoneCR() throws {
        let path = NSTemporaryDirectory() + "winnow-lines-" + UUID().uuidString + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pad = String(repeating: "x", count: (1 << 16) - 2)  // its CRLF straddles the first read
        let text = "a\rb\r\nc\n\rd\r\r\n" + pad + "\r\ne\r"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        for limit in [Int.max, 1 << 20, 1] {
            let stream = try LineStream(path: path)
            var lines: [LineStream.Line] = []
            while let line = stream.next(limit: limit) { lines.append(line) }
            let expected = ["a", "b", "c", "", "d", "", pad, "e"].map {
                $0.utf8.count > limit ? LineStream.Line.tooLong($0.utf8.count) : .bytes(Array($0.utf8))
            }
            #expect(lines == expected, "limit \(limit)")
            #expect(stream.lineNumber == 8)
        }
    }

    /// A line over `--max-record-mb` is read past, not held: `winnow moderate` read it whole
    /// first (`getline`, then a copy), so a 96 MB line took about 200 MB more than a short one.
    @Test func aLineOverTheRecordLimitIsNotHeldInMemory() throws {
        let path = NSTemporaryDirectory() + "winnow-moderate-big-" + UUID().uuidString + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Array(#"{"id": 1, "text": ""#.utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 96 << 20)
        bytes += Array("\"}\n{\"id\": 2, \"text\": \"Nice song\"}\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        bytes = []
        let small = NSTemporaryDirectory() + "winnow-moderate-small-" + UUID().uuidString + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: small) }
        try "{\"id\": 2, \"text\": \"Nice song\"}\n".write(toFile: small, atomically: true, encoding: .utf8)
        let base = try CLI.peakMB(["moderate", "--rules", Repo.path("rules"), "--max-record-mb", "1", small])
        let big = try CLI.peakMB(["moderate", "--rules", Repo.path("rules"), "--max-record-mb", "1", path])
        #expect(base.status == 0 && big.status == 1)
        #expect(big.mb - base.mb < 40, "the 96 MB line took \(Int(big.mb - base.mb)) MB more than a short one")
    }

    /// `winnow eval` (and `train`) read labelled comments with the same limit: a line over
    /// `--max-record-mb` is reported and counted as unreadable, the others are scored. It had no
    /// limit: a line of any size was read whole and parsed.
    @Test func evalRefusesALineOverTheRecordLimit() throws {
        let path = NSTemporaryDirectory() + "winnow-eval-limit-" + UUID().uuidString + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = String(repeating: "buy cheap followers now ", count: 50_000)  // 1.2 MB
        try ("{\"id\": 1, \"text\": \"\(long)\", \"label\": \"promotional\"}\n"
             + "{\"id\": 2, \"text\": \"Nice song\", \"label\": \"off-topic\"}\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["eval", "--rules", Repo.path("rules"), "--max-record-mb", "1", path])
        #expect(r.status == 1)
        #expect(r.err.contains("\(path):1: line 1 is \(long.utf8.count + 45) bytes, over the 1048576-byte record limit"))
        #expect(r.out.contains(": 1 comments, 1 unreadable"))
        #expect(try CLI.run(["eval", "--rules", Repo.path("rules"), "--max-record-mb", "0", path]).status == 2)
    }

    /// Every non-blank input line comes out once, in order; unreadable ones carry `error` and
    /// their line number, and the summary counts them.
    @Test func malformedRecordsComeOutWithErrorsInOrder() throws {
        let (lines, summary) = try moderateFile("malformed.jsonl")
        let records = try lines.map(json)
        #expect(records.count == 9)
        #expect(records.map { $0["error"] as? String } == [
            nil, "not valid JSON at column 1: 't' cannot start a JSON value", "not a JSON object", "field 'text' is missing (the record has 'body', 'id'; --text-field names another)",
            "field 'text' is a number, not a string",
            "field 'title' is an array, not a string", nil, "not valid JSON at column 1: a non-ASCII character cannot start a JSON value", nil,
        ])
        #expect(records.compactMap { $0["line"] as? Int } == [2, 4, 5, 6, 7, 9])
        #expect(records[0]["id"] as? String == "ok-1")
        #expect(records[4]["id"] as? Int == 42)
        #expect(records[8]["id"] as? String == "ok-3")
        #expect(summary.errors == 6)
        #expect(summary.total == 9)
    }

    @Test func outputFollowsTheContract() throws {
        let (lines, _) = try moderateFile("malformed.jsonl")
        #expect(lines[0].hasPrefix(#"{"id": "ok-1", "label": "promotional", "score": "#))
        #expect(lines[0].contains(#""rules": ["promo.self-promotion", "promo.own-site-mention", "promo.subscribe-ask", "lr.promo"#))
        // Without article or title the output says that on-topic versus off-topic is a guess.
        #expect(try json(lines[0])["note"] != nil)
        #expect(try json(lines[6])["note"] == nil)
        #expect(lines[1] == #"{"id": null, "line": 2, "error": "not valid JSON at column 1: 't' cannot start a JSON value"}"#)
    }

    /// --explain: every hit with its scores and matched text, and the shared context words.
    @Test func explainListsHitsAndSharedWords() throws {
        let (lines, _) = try moderateFile("malformed.jsonl", explain: true)
        let promo = try json(lines[0])
        let hits = try #require(promo["hits"] as? [[String: Any]])
        let ids = hits.compactMap { $0["rule"] as? String }
        #expect(ids.contains("promo.subscribe-ask"))
        #expect(ids.contains("lr.promo"))
        let subscribe = try #require(hits.first { $0["rule"] as? String == "promo.subscribe-ask" })
        #expect((subscribe["matched"] as? String)?.lowercased().contains("subscribe") == true)
        let onTopic = try json(lines[6])
        #expect(onTopic["label"] as? String == "on-topic")
        #expect((onTopic["shared"] as? [String])?.contains("bridge") == true)
    }

    /// The eval table: per-label scores, accuracy and macro-F1 from the confusion counts, with
    /// the third label folded into a two-label gold set.
    @Test func evalMetricsFoldTheThirdLabel() {
        var m = EvalMetrics()
        for (gold, predicted) in [("promotional", "promotional"), ("promotional", "off-topic"),
                                  ("not-promotional", "on-topic"), ("not-promotional", "off-topic"),
                                  ("not-promotional", "promotional")] {
            m.add(gold: gold, predicted: predicted)
        }
        let promo = m.scores(for: "promotional")
        #expect(promo.precision == 0.5 && promo.recall == 0.5 && promo.support == 2)
        #expect(m.scores(for: "not-promotional").recall == 2.0 / 3.0)
        #expect(m.accuracy == 0.6)
        #expect(m.render().contains("on-topic and off-topic count as not-promotional"))
        var topic = EvalMetrics()
        topic.add(gold: "off-topic", predicted: "promotional")
        topic.add(gold: "on-topic", predicted: "on-topic")
        #expect(topic.accuracy == 1 && topic.macroF1 == 1)
    }

    /// The YouTube sample (in the shipped statistics' training data, so this checks the
    /// pipeline, not generalisation) and the Qatar Living sample (not in the training data).
    @Test func evalOnTheSamples() throws {
        let moderation = StandaloneModeration(rules: rules)
        for (file, floor) in [("youtube-sample.jsonl", 0.9), ("qatarliving-sample.jsonl", 0.6)] {
            var metrics = EvalMetrics()
            CommentStream.records(try LineStream(path: Repo.path("Fixtures/comments/\(file)")), fields: CommentRecord.Fields()) { _, outcome in
                if case .success(let record) = outcome, let gold = record.label {
                    metrics.add(gold: gold, predicted: moderation.moderate(record).kind)
                }
            }
            #expect(metrics.count == (file.hasPrefix("youtube") ? 30 : 38))
            #expect(metrics.macroF1 >= floor, "\(file): \(metrics.render())")
        }
    }

    /// A link in a comment that argues about the article is a passing mention; the same link
    /// with an invitation is promotion.
    @Test func passingMentionOfASiteIsNotPromotional() throws {
        let moderation = StandaloneModeration(rules: rules)
        let article = "The central bank cut interest rates again, and commercial banks were slow to pass the cut on to borrowers."
        func kind(_ text: String) throws -> String {
            let line = try JSONSerialization.data(withJSONObject: ["id": 1, "text": text, "article": article])
            return moderation.moderate(try CommentRecord(line: [UInt8](line), fields: CommentRecord.Fields())).kind
        }
        #expect(try kind("The banks ignored the rate cut for months, as the central bank's own figures at www.example.org show.") != "promotional")
        #expect(try kind("Check out my channel for daily crypto tips!!! www.example.org") == "promotional")
    }

    @Test func fieldsCanBeRenamedAndAskerIsEvidence() throws {
        var fields = CommentRecord.Fields()
        fields.text = "body"
        fields.id = "cid"
        let record = try CommentRecord(line: Array(#"{"cid": "c9", "body": "thanks all", "author_is_asker": true}"#.utf8), fields: fields)
        #expect(record.id == .string("c9") && record.text == "thanks all" && record.asker == true)
        let verdict = StandaloneModeration(rules: rules).moderate(record)
        #expect(verdict.evidence.contains { $0.ruleID == "topic.by-asker" })
        #expect(verdict.kind == "off-topic")
    }

    /// Python's json.dumps writes half of a UTF-16 pair as a lone escape ("\ud83d"); Foundation
    /// refused the line ("not valid JSON") and the comment was lost. It becomes U+FFFD; a pair
    /// and an escaped backslash before "ud800" are left alone.
    @Test func aLoneSurrogateEscapeIsRepairedNotTheRecordLost() throws {
        let line = #"{"id": "c1", "text": "cut \ud83d here, whole \ud83d\ude00, low \udc00, text \\ud800"}"#
        let record = try CommentRecord(line: Array(line.utf8), fields: CommentRecord.Fields())
        #expect(record.id == .string("c1"))
        #expect(record.text == "cut \u{FFFD} here, whole \u{1F600}, low \u{FFFD}, text \\ud800")
        #expect(LoneSurrogates.replaced(Array(#"{"text": "whole \ud83d\ude00"}"#.utf8)) == nil)
        #expect(LoneSurrogates.replaced(Array(#"{"text": "end \ud83d"}"#.utf8))?.count == 1)
    }

    /// A comment with a stray Latin-1 byte (or a cut sequence; a lone surrogate escape beside
    /// them) is moderated with each bad sequence as U+FFFD and a warning naming the line, as
    /// batch input repairs it; it was an error record, 'not valid UTF-8', never moderated.
    @Test func invalidUTF8InACommentIsRepairedNotTheCommentLost() throws {
        var line = Array(#"{"id": "c2", "text": "Caf"#.utf8) + [0xE9] + Array(#" prices went up again, \ud83d see "#.utf8)
        line += [0xC3, 0x28] + Array(#"link"}"#.utf8)
        let record = try CommentRecord(line: line, fields: CommentRecord.Fields())
        #expect(record.id == .string("c2"))
        #expect(record.text == "Caf\u{FFFD} prices went up again, \u{FFFD} see \u{FFFD}(link")
        #expect(record.invalidUTF8 == 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-utf8-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Array(#"{"id": "ok", "text": "fine"}"#.utf8) + [0x0A] + line + [0x0A]).write(to: URL(fileURLWithPath: path))
        let stream = CommentStream(moderation: StandaloneModeration(rules: rules), fields: CommentRecord.Fields())
        var summary = CommentStream.Summary()
        var out: [String] = [], warnings: [String] = []
        stream.run(try LineStream(path: path), summary: &summary, write: { out.append($0) },
                   onWarning: { warnings.append("\($0): \($1)") })
        #expect(summary.errors == 0 && summary.total == 2)
        #expect(try out.map(json).allSatisfy { $0["error"] == nil && $0["label"] != nil })
        #expect(warnings == ["2: 2 invalid UTF-8 sequence(s) replaced with U+FFFD"])
    }

    /// Learned statistics: counting, the combined probability, and the file format.
    @Test func tokenStatisticsLearnRoundTripAndReject() throws {
        var stats = TokenStatistics(positive: "promotional")
        for _ in 0..<5 { stats.add(tokens: CommentTokens.tokens("subscribe to my channel"), isPositive: true) }
        for _ in 0..<5 { stats.add(tokens: CommentTokens.tokens("the chorus of this song is great"), isPositive: false) }
        let spam = stats.classify(CommentTokens.tokens("please subscribe to my channel"))
        let ham = stats.classify(CommentTokens.tokens("great song"))
        #expect(spam.probability > 0.9)
        #expect(ham.probability < 0.2)
        #expect(spam.evidence.contains { $0.token == "subscribe" })
        let copy = try TokenStatistics(parsing: stats.serialized(minCount: 1))
        #expect(copy == stats)
        #expect(throws: TokenStatistics.FormatError.self) { try TokenStatistics(parsing: "token\t1\t2\n") }
        #expect(throws: TokenStatistics.FormatError.self) {
            try TokenStatistics(parsing: "#winnow-token-statistics\tpositive=x\tdocuments=1/1\nword\tone\t2\n")
        }
    }

    /// A learned rule fires under its bucket's name with the configured score.
    @Test func learnedRuleBuckets() throws {
        let topic = try #require(rules.config.moderation.learned.first { $0.name == "topic" })
        #expect(topic.bucket(for: 0.999).id == "99")
        #expect(topic.bucket(for: 0.0).id == "00")
        #expect(topic.bucket(for: 0.55).id == "50")
        #expect(topic.bucket(for: 0.999).score > topic.bucket(for: 0.001).score)
    }

    @Test func missingModelFileIsALoaderError() throws {
        let config = """
            priors: {body: {article: 1}}
            moderation:
              document_frequencies: models/nowhere.tsv
              learned:
                - {name: promo, file: models/missing.tsv, label: comment.promotional, buckets: {0: -1, 0.5: 1}}
            """
        let dir = try temporaryRuleDirectory(["a.yml": "- {id: a.x, description: x, pattern: x, scores: {article: 1}}\n"], config: config)
        let messages = loadErrors(directory: dir).map(\.message)
        #expect(messages.contains { $0.contains("nowhere.tsv") })
        #expect(messages.contains { $0.contains("missing.tsv") })
    }

    /// Relevance: shared terms weigh by inverse document frequency; a short form of a name in
    /// the context counts.
    @Test func relevanceUsesNamesAndShortForms() {
        let model = CommentModel(rules: rules)
        let context = model.context(article: ["Government forces and Syrian militias advanced on Aleppo, the ministry in Damascus said."], title: nil)
        let stop = rules.config.stopwords
        let about = Relevance(comment: ["Aleppo will fall, Syria is lost."], context: context,
                              settings: rules.config.moderation, stopwords: stop)
        let aside = Relevance(comment: ["My cat had kittens this morning."], context: context,
                              settings: rules.config.moderation, stopwords: stop)
        #expect(about.shared.contains("aleppo"))
        #expect(about.shared.contains("syria~syrian"))
        #expect(about.score > aside.score)
        #expect(aside.score == 0)
    }

    /// `page_rule_weights` scales a rule's comment-kind score for comments in pages only (the
    /// audit's description says so), `standalone_rule_weights` for comments given alone only; a
    /// misspelt rule id is reported (`winnow rules lint` fails).
    @Test func pageRuleWeightsApplyInPagesOnly() throws {
        var settings = Config.Moderation()
        settings.onTopicThreshold = 0  // the score is then the rules' sum alone
        settings.pageRuleWeights = ["topic.asks-back": 0.5]
        let asks = RuleHit(ruleID: "topic.asks-back", description: "question", scores: [LabelScore(Label(.comment, "off-topic"), 2)], origin: .rule)
        let inPage = CommentModel(settings: settings, stopwords: [], inPages: true).moderate(comment: ["Why?"], hits: [asks], context: .empty)
        let alone = CommentModel(settings: settings, stopwords: [], inPages: false).moderate(comment: ["Why?"], hits: [asks], context: .empty)
        #expect(inPage.score == -1)
        #expect(alone.score == -2)
        #expect(inPage.hits.first?.description.contains("page_rule_weights") == true)

        // `standalone_rule_weights` is the mirror: comments given alone only.
        var forum = Config.Moderation()
        forum.onTopicThreshold = 0
        forum.standaloneRuleWeights = ["topic.asks-back": 0]
        #expect(CommentModel(settings: forum, stopwords: [], inPages: false).moderate(comment: ["Why?"], hits: [asks], context: .empty).score == 0)
        #expect(CommentModel(settings: forum, stopwords: [], inPages: true).moderate(comment: ["Why?"], hits: [asks], context: .empty).score == -2)

        let rule = "- {id: topic.x, description: x, pattern: x, scores: {comment.off-topic: 1}}\n"
        let config = "priors: {body: {article: 1}}\nmoderation: {page_rule_weights: {topic.x: 0, topic.y: 2}, standalone_rule_weights: {topic.z: 0}}\n"
        let loaded = try RuleLoader.load(directory: try temporaryRuleDirectory(["a.yml": rule], config: config))
        #expect(loaded.unknownPageRuleWeights == ["topic.y", "topic.z"])
        // The lint message names the key that holds the name (it said page_rule_weights or
        // standalone_rule_weights for a misspelt header rule too).
        #expect(loaded.moderationKeys(naming: "topic.z") == ["moderation.standalone_rule_weights"])
        let headers = "priors: {body: {article: 1}}\nmoderation: {header_rules: [promo.shop-name], page_comment_max_words: {topic.x: 9, topic.w: 5}}\n"
        let misspelt = try RuleLoader.load(directory: try temporaryRuleDirectory(["a.yml": rule], config: headers))
        #expect(misspelt.unknownPageRuleWeights == ["promo.shop-name", "topic.w"])
        #expect(misspelt.moderationKeys(naming: "promo.shop-name") == ["moderation.header_rules"])
        #expect(misspelt.moderationKeys(naming: "topic.w") == ["moderation.page_comment_max_words"])
        #expect(rules.unknownPageRuleWeights.isEmpty)
    }

    /// A typographic apostrophe does not hide a stop word ("i’m" is "i'm").
    @Test func typographicApostropheMeetsStopWords() {
        let terms = Terms(lines: ["I’m sure it isn’t the council’s plan"], stopwords: ["i'm", "isn't"], minLength: 3).terms
        #expect(terms == ["sure", "the", "council", "plan"])
    }

    /// A page comment's header line (name and date) is not part of what it says: the commenter's
    /// name shares no terms with the article.
    @Test func pageCommentHeaderIsNotModerated() throws {
        let text = """
            Toffee from the kitchen: a coffee recipe
            Coffee toffee is made with espresso, brown sugar and hazelnuts, and the recipe we tried on November 10 takes an hour of stirring.
            2 Comments
            Rosa @ Brown Sugar Kitchen November 12, 2012 at 5:43 am
            Lovely, I'll go for a walk now.
            """
        let page = Page(source: "t", lines: text.components(separatedBy: "\n"))
        let verdicts = Labeler(rules: rules).label(page).segments.compactMap(\.moderation)
        let verdict = try #require(verdicts.first)
        #expect(!verdict.sharedTerms.contains("sugar"))
        #expect(!verdict.sharedTerms.contains("november"))
        #expect(verdict.relevance == 0)
    }

    /// `winnow label` moderates page comments with the same model: learned rules show in the
    /// verdicts of the seed page's comments; its last comment, a header with no text under it,
    /// is off-topic by `comment.no-text` (the labelling guide), not by a guess on its name.
    @Test func pageCommentsUseTheSameModel() throws {
        let page = try PageReader.read(path: Repo.path("Fixtures/pages/tune/seed-004.txt"))
        let result = Labeler(rules: rules).label(page)
        let verdicts = result.segments.compactMap(\.moderation)
        #expect(verdicts.count == 8)
        #expect(verdicts.dropLast().allSatisfy { $0.evidence.contains { $0.ruleID.hasPrefix("bayes.topic.") } })
        #expect(verdicts.last?.kind == "off-topic")
        #expect(verdicts.last?.hits.map(\.ruleID) == ["comment.no-text"])
        #expect(verdicts.allSatisfy { $0.hadContext })
    }
}
