/// A page file that is HTML (or XML) source, not a page's text: Winnow labelled its tag lines
/// like any text, `clean` printed nothing and exited 0, and nothing said why (session 27, user27:
/// a saved `.html` page, or a CSV column of scraped HTML). It is still labelled; a warning says
/// what Winnow reads.
extension Page {
    /// Tags a page's source opens with; a text page's first line may start with "<" too (a
    /// scraper's leftover "<![endif]", "<" + "/script>") but not with one of these.
    static let openingTags = ["!doctype", "?xml", "html", "head", "body", "div", "p", "span", "section", "article",
                              "main", "header", "nav", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                              "meta", "title", "script", "style", "link", "a", "br", "img", "form"]

    /// The warning for bytes that open (past a byte-order mark and white space) with one of
    /// `openingTags`, any case, as a tag opens (`opensTag`); nil for any other page. Reads at most
    /// 40 bytes past the white space.
    static func markupWarning(_ body: ArraySlice<UInt8>) -> String? {
        guard let first = body.firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }),
              body[first] == UInt8(ascii: "<") else { return nil }
        let head = Array(String(decoding: body[(first + 1)..<min(first + 40, body.endIndex)], as: UTF8.self).lowercased().utf8)
        guard let tag = openingTags.first(where: { opensTag(head, $0) }) else { return nil }
        return "looks like HTML or XML source (it opens with <\(tag)), not a page's text: Winnow labels text, "
            + "one paragraph a line, and reads tag lines as words like any other; extract the text first"
    }

    /// Whether `head` (lowercased, past the "<") opens `tag`: the tag then its end (`>`, `/`,
    /// nothing more), or white space then an attribute (`name=`). A title in angle brackets
    /// ("<A Man Called Ove> is a novel") opens no tag (session 27 review); a doctype or an XML
    /// declaration needs only the space.
    static func opensTag(_ head: [UInt8], _ tag: String) -> Bool {
        let name = Array(tag.utf8)
        guard head.starts(with: name) else { return false }
        let rest = head.dropFirst(name.count)
        guard let c = rest.first else { return true }
        if c == 0x3E || c == 0x2F { return true }
        guard [0x20, 0x09, 0x0A, 0x0D].contains(c) else { return false }
        if tag == "!doctype" || tag == "?xml" { return true }
        let attribute = rest.dropFirst().prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x3A }
        return !attribute.isEmpty && rest.dropFirst(1 + attribute.count).first == 0x3D
    }
}
