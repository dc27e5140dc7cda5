import Foundation

/// A golden page: `<name>.txt` as scraped and `<name>.expected` in the annotated format.
public struct PageFixture: Sendable {
    public let name: String
    public let pagePath: String
    public let expectedPath: String

    /// Every `<name>.txt` with a sibling `<name>.expected` under `root`, sorted by path.
    public static func discover(root: String) -> [PageFixture] { scan(root: root).fixtures }

    /// The fixtures under `root` (as `discover`) and the names of the `<name>.txt` pages there
    /// with no `<name>.expected` beside them, both sorted: a page added but not yet labelled is
    /// run by nothing, and `winnow test` says so instead of leaving it out unseen.
    public static func scan(root: String) -> (fixtures: [PageFixture], unlabelled: [String]) {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return ([], []) }
        var expected: Set<String> = [], pages: Set<String> = []
        for case let relative as String in walker {
            if relative.hasSuffix(".expected") { expected.insert(String(relative.dropLast(".expected".count))) }
            else if relative.hasSuffix(".txt") { pages.insert(String(relative.dropLast(".txt".count))) }
        }
        let found = expected.intersection(pages).sorted().map { base in
            PageFixture(name: base, pagePath: (root as NSString).appendingPathComponent(base + ".txt"),
                        expectedPath: (root as NSString).appendingPathComponent(base + ".expected"))
        }
        return (found, pages.subtracting(expected).sorted())
    }

    /// One line whose label or comment-start mark differs from the golden file.
    public struct Difference: Sendable {
        public let line: Int
        public let expected: AnnotatedFormat.Entry
        public let actual: LineResult
    }

    public struct Outcome: Sendable {
        public let fixture: PageFixture
        public let result: PageResult
        public let expected: [AnnotatedFormat.Entry]
        public let differences: [Difference]
        /// Set when the fixture itself is unusable (unreadable, malformed, wrong line count).
        public let error: String?
        public var passed: Bool { error == nil && differences.isEmpty }
    }

    public func run(with labeler: Labeler) -> Outcome {
        let page: Page
        do { page = try PageReader.read(path: pagePath) } catch {
            return failure(Page(source: pagePath, lines: []), labeler, "cannot read page: \(error.message)")
        }
        let result = labeler.label(page)
        guard let data = FileManager.default.contents(atPath: expectedPath),
              let text = String(data: data, encoding: .utf8) else {
            return Outcome(fixture: self, result: result, expected: [], differences: [], error: "cannot read \(expectedPath) as UTF-8")
        }
        let expected: [AnnotatedFormat.Entry]
        do { expected = try AnnotatedFormat.parse(text) } catch {
            return Outcome(fixture: self, result: result, expected: [], differences: [], error: "\(expectedPath): \(error)")
        }
        guard expected.count == result.lines.count else {
            return Outcome(fixture: self, result: result, expected: expected, differences: [],
                           error: "\(expectedPath) has \(expected.count) lines, the page has \(result.lines.count)")
        }
        // The text after the bar is the page's line: a page edited (or re-scraped) under its
        // expected file, lines out of step but as many, had its labels checked against other
        // lines unseen. Trailing whitespace may differ (an editor strips it). No text is quoted:
        // held-out pages print their errors.
        if let n = expected.indices.first(where: { !Self.sameText(expected[$0].text, result.lines[$0].text) }) {
            return Outcome(fixture: self, result: result, expected: expected, differences: [],
                           error: "\(expectedPath): line \(n + 1): its text is not the page's line \(n + 1) "
                               + "(the page or the expected file was edited there; the text after ' | ' is the page's line as it is)")
        }
        var differences: [Difference] = []
        for (entry, line) in zip(expected, result.lines) where !PageComparison.agrees(entry, line) {
            differences.append(Difference(line: line.number, expected: entry, actual: line))
        }
        return Outcome(fixture: self, result: result, expected: expected, differences: differences, error: nil)
    }

    /// Whether an expected line's text is the page's, trailing whitespace aside.
    static func sameText(_ expected: String, _ page: String) -> Bool {
        if expected == page { return true }
        func trimmed(_ s: String) -> Substring {
            var s = Substring(s)
            while let last = s.last, last.isWhitespace { s.removeLast() }
            return s
        }
        return trimmed(expected) == trimmed(page)
    }

    private func failure(_ page: Page, _ labeler: Labeler, _ message: String) -> Outcome {
        Outcome(fixture: self, result: labeler.label(page), expected: [], differences: [], error: message)
    }

    /// Rewrites the golden file from the current output (`winnow test --update`).
    public func update(with labeler: Labeler) throws {
        let page = try PageReader.read(path: pagePath)
        let text = AnnotatedFormat.render(labeler.label(page))
        try Data(text.utf8).write(to: URL(fileURLWithPath: expectedPath))
    }
}
