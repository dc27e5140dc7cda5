/// The default `winnow label` view: one row per segment, for a person at a terminal.
public enum TextReport {
    public static func render(_ page: PageResult, width: Int = 100) -> String {
        var out = "\(page.source): \(page.lineCount) lines, \(page.segments.count) segments\n"
        for w in page.warnings { out += "  warning: \(w)\n" }
        for s in page.segments {
            let range = s.lines.lowerBound == s.lines.upperBound
                ? "\(s.lines.lowerBound)" : "\(s.lines.lowerBound)-\(s.lines.upperBound)"
            var row = "  " + range.leftPad(9) + "  " + s.label.description.rightPad(28)
            if s.label.family == .comment {
                row += "by " + (s.author ?? "?")
                if let m = s.moderation { row += "  (score \(JSONValue.format(m.score)), relevance \(JSONValue.format(m.relevance)))" }
            } else {
                let first = page.lines[s.lines.lowerBound - 1].text
                row += shorten(first, to: max(20, width - row.count))
            }
            out += row + "\n"
        }
        return out
    }

    /// `text` cut to `limit` characters with an ellipsis.
    public static func shorten(_ text: String, to limit: Int) -> String {
        let trimmed = String(text.trimmingWhitespace)
        return trimmed.count <= limit ? trimmed : String(trimmed.prefix(limit - 1)) + "…"
    }
}

extension String {
    public func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// Pads to `width` without ever cutting (unlike `padding(toLength:)`).
    public func rightPad(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
