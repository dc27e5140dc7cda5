/// A page file that is HTML (or XML) source, not a page's text: Winnow labelled its tag lines as
/// boilerplate, `clean` printed nothing and exited 0, and nothing said why (session 27, user27:
/// a saved `.html` page, or a CSV column of scraped HTML). It is still labelled; a warning says
/// what Winnow reads.
extension Page {
    /// Tags a page's source opens with; a text page's first line may start with "<" too (a
    /// scraper's leftover "<![endif]", "<" + "/script>") but not with one of these.
    static let openingTags = ["!doctype", "?xml", "html", "head", "body", "div", "p", "span", "section", "article",
                              "main", "header", "nav", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                              "meta", "title", "script", "style", "link", "a", "br", "img", "form"]

    /// The warning for bytes that open (past a byte-order mark and white space) with one of
    /// `openingTags`, any case, then a space, `>` or `/`; nil for any other page. Reads at most
    /// 16 bytes past the white space.
    static func markupWarning(_ body: ArraySlice<UInt8>) -> String? {
        guard let first = body.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }),
              body[first] == UInt8(ascii: "<") else { return nil }
        let head = Array(String(decoding: body[(first + 1)..<min(first + 16, body.endIndex)], as: UTF8.self).lowercased().utf8)
        guard let tag = openingTags.first(where: { tag in
            head.starts(with: tag.utf8) && (head.count == tag.utf8.count || [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(head[tag.utf8.count]))
        }) else { return nil }
        return "looks like HTML or XML source (it opens with <\(tag)), not a page's text: Winnow labels text, "
            + "one paragraph a line, and labels tag lines as boilerplate; extract the text first"
    }
}
