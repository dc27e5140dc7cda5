import Foundation

/// Snippet fixtures in the format of the trafilatura evaluation (`gold.jsonl` rows with `name`,
/// `with`, `without`, `comments`), scored that benchmark's way: a `with` snippet found in the
/// kept article text is a true positive (else a false negative), a `without` snippet found
/// there a false positive; `comments` snippets are looked for in the comment lines.
public struct SnippetFixtures {
    public struct Row: Decodable, Sendable {
        public let name: String
        public let with: [String]?
        public let without: [String]?
        public let comments: [String]?
    }

    public let gold: [Row]
    public let pagesDirectory: String

    /// Reads `<directory>/gold.jsonl` and expects pages at `<directory>/pages/<name>.txt`.
    public init(directory: String) throws {
        let path = (directory as NSString).appendingPathComponent("gold.jsonl")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [Row] = []
        for (n, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
            do { rows.append(try JSONDecoder().decode(Row.self, from: Data(line.utf8))) } catch {
                throw FixtureError(message: "\(path):\(n + 1): \(error)")
            }
        }
        gold = rows
        pagesDirectory = (directory as NSString).appendingPathComponent("pages")
    }

    public struct FixtureError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public struct Score: Sendable {
        public var article = LabelMetrics.Counts()
        public var comments = LabelMetrics.Counts()
        public var pages = 0
    }

    /// Labels the selected pages (in parallel) and scores their snippets.
    public func score(rules: RuleSet, filter: (String) -> Bool = { _ in true }) -> Score {
        let rows = gold.filter { filter($0.name) }
        let directory = pagesDirectory
        // Each page's kept article text and comment text, or nil when it cannot be read.
        let texts = ParallelLabeling.map(rows, rules: rules) { labeler, row -> (kept: String, comments: String)? in
            let path = (directory as NSString).appendingPathComponent(row.name + ".txt")
            guard let page = try? PageReader.read(path: path) else { return nil }
            let result = labeler.label(page)
            return (SnippetFixtures.normalise(result.lines.filter { $0.label == .article }.map(\.text).joined(separator: " ")),
                    SnippetFixtures.normalise(result.lines.filter { $0.label?.family == .comment }.map(\.text).joined(separator: " ")))
        }
        var score = Score()
        for (row, text) in zip(rows, texts) {
            guard let (kept, comments) = text else { continue }
            score.pages += 1
            for s in row.with ?? [] {
                if kept.contains(SnippetFixtures.normalise(s)) { score.article.truePositives += 1 } else { score.article.falseNegatives += 1 }
            }
            for s in row.without ?? [] where kept.contains(SnippetFixtures.normalise(s)) { score.article.falsePositives += 1 }
            for s in row.comments ?? [] {
                if comments.contains(SnippetFixtures.normalise(s)) { score.comments.truePositives += 1 } else { score.comments.falseNegatives += 1 }
            }
        }
        return score
    }

    /// Whitespace folded to single spaces, so line breaks do not hide a snippet.
    static func normalise(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
