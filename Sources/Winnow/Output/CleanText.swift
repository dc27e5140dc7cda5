/// `winnow clean` output: the article lines in order. Where the page had blank lines between
/// two article lines, one blank line is kept, so paragraphs stay paragraphs.
public enum CleanText {
    public static func render(_ page: PageResult) -> String {
        var out = ""
        var previous: Int?
        for line in page.lines where line.label == .article {
            if let p = previous, page.lines[p + 1..<line.number - 1].contains(where: \.isBlank) { out += "\n" }
            out += line.text + "\n"
            previous = line.number - 1
        }
        return out
    }
}
