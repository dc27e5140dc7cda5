/// The tokens learned token statistics count: lower-cased words and word pairs, plus a few shape tokens that
/// name what words miss (a link, a question, shouting, the length). Shape tokens are written in
/// angle brackets so the audit shows them for what they are.
public enum CommentTokens {
    public static func tokens(_ text: String) -> Set<String> {
        let words = Tokens.words(text)
        let lower = words.map { $0.lowercased() }
        var tokens = Set(lower)
        // Word pairs catch phrases whose words are harmless alone ("check out", "my channel").
        for (a, b) in zip(lower, lower.dropFirst()) { tokens.insert(a + " " + b) }
        if LineFeatures.countLinks(text) > 0 { tokens.insert("<link>") }
        if text.contains("?") { tokens.insert("<question>") }
        if text.contains("!!") { tokens.insert("<exclamations>") }
        if words.contains(where: { $0.count >= 4 && $0.unicodeScalars.allSatisfy(\.properties.isUppercase) }) {
            tokens.insert("<capitals-word>")
        }
        if text.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { tokens.insert("<number>") }
        // Length on a doubling scale: 1, 2-3, 4-7, 8-15, ... words.
        var bucket = 1
        while bucket * 2 <= words.count { bucket *= 2 }
        tokens.insert(words.isEmpty ? "<words:0>" : "<words:\(bucket)+>")
        return tokens
    }
}
