/// `winnow clean` output: the article lines in order. Where the page had blank lines between
/// two article lines, one blank line is kept, so paragraphs stay paragraphs.
public enum CleanText {
    public static func render(_ page: PageResult) -> String {
        var out = ""
        // Room for it all at once: grown by doubling, a 16 MB article line took a 32 MB buffer.
        out.reserveCapacity(page.lines.reduce(0) { $0 + ($1.label == .article ? $1.text.utf8.count + 2 : 0) })
        write(page) { out += $0 }
        return out
    }

    /// The cleaned text a piece at a time (a line's text, a line break), as `render` joins it:
    /// `winnow clean` writes the pieces as they come, so the page's text is not copied into
    /// one string first (a one-line page held its line twice at the end).
    public static func write(_ page: PageResult, _ body: (String) -> Void) {
        var previous: Int?
        for line in page.lines where line.label == .article {
            if let p = previous, page.lines[p + 1..<line.number - 1].contains(where: \.isBlank) { body("\n") }
            body(line.text)
            body("\n")
            previous = line.number - 1
        }
    }
}
