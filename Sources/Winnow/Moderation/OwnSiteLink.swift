/// The engine step `moderation.own-site-link` (docs/rules.md, "Comment moderation"): a page
/// comment whose text gives the home page of a site named like its commenter ("tidewatch.tv" in a
/// comment by "Tidewatch", "http://www.harbourgear.co.uk" by "harbourgearstore") links the commenter's own
/// site, which the labelling guide's promotional clause names. Only a site's home page counts
/// (a link with a path, "janequay.org/2011/02/23/advice-…", points readers to one article, as
/// an answer or a source does), and only in the comment's text: the header's name field
/// ("Jo @ JoBakesBread.com") is not counted, as the guide has it.
public enum OwnSiteLink {
    public static let ruleID = "moderation.own-site-link"

    /// The first home-page link or bare domain in `lines` whose site name, letters and digits
    /// lower-cased, is the commenter's name, holds it or is held by it (each at least
    /// `minLength` characters; the shorter at least five and half the longer, so that "John"
    /// is not taken for the owner of "johnlewis.com"), or nil.
    public static func find(author: String?, lines: [String], minLength: Int = 4) -> String? {
        guard let author else { return nil }
        let name = letters(author)
        guard name.count >= minLength else { return nil }
        for line in lines {
            for token in line.split(whereSeparator: { $0.isWhitespace }) {
                guard let site = siteName(String(token)), site.count >= minLength else { continue }
                if site == name || named(site, name) || named(name, site) { return String(token) }
            }
        }
        return nil
    }

    /// The registrable name of a home-page link or bare domain ("http://www.harbourgear.co.uk/" ->
    /// "harbourgear", "tidewatch.tv." -> "tidewatch"), or nil for anything else (a path, an e-mail
    /// address, a word with a dot).
    static func siteName(_ token: String) -> String? {
        var t = Substring(token.lowercased())
        while let c = t.first, "(\"'“‘[<".contains(c) { t.removeFirst() }
        while let c = t.last, ".,;:!?)\"'”’]>".contains(c) { t.removeLast() }
        for scheme in ["https://", "http://", "https:", "http:"] where t.hasPrefix(scheme) {
            t = t.dropFirst(scheme.count)
            break
        }
        if t.hasPrefix("www.") { t = t.dropFirst(4) }
        if t.hasSuffix("/") { t.removeLast() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else { return nil }
        var labels = t.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, !labels.contains(where: \.isEmpty) else { return nil }
        let tld = labels.removeLast()
        guard (2...6).contains(tld.count), tld.allSatisfy(\.isLetter), tlds.contains(String(tld)) || tld.count == 2 else { return nil }
        // "co.uk", "com.au": the name stands before the second-level label.
        if tld.count == 2, labels.count >= 2, secondLevel.contains(String(labels.last!)) { labels.removeLast() }
        return letters(String(labels.last!))
    }

    static let tlds: Set<String> = ["com", "net", "org", "info", "biz", "blog", "shop", "store", "online", "site", "name", "pro", "mobi"]
    static let secondLevel: Set<String> = ["co", "com", "org", "net", "ac", "gov", "edu"]

    /// `long` holds `short`, and `short` is five characters or more and at least half of `long`.
    static func named(_ long: String, _ short: String) -> Bool {
        short.count >= 5 && short.count * 2 >= long.count && long.contains(short)
    }

    static func letters(_ s: String) -> String {
        String(s.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}
