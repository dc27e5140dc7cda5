import Foundation

/// The `annotated` format: every input line prefixed by its label, the format of golden
/// fixtures (docs/fixtures.md). `LABEL` padded to 28 columns, ` | `, the line's text; blank
/// lines have an empty label; the first line of a comment has `*` before its label.
public enum AnnotatedFormat {
    public static let labelWidth = 28

    public static func render(_ page: PageResult) -> String {
        var out = ""
        for line in page.lines {
            out += renderLine(label: line.label, commentStart: line.commentStart, text: line.text)
            out += "\n"
        }
        return out
    }

    public static func renderLine(label: Label?, commentStart: Bool, text: String) -> String {
        guard let label else {
            return String(repeating: " ", count: labelWidth) + " |" + (text.isEmpty ? "" : " " + text)
        }
        let name = (commentStart ? "*" : "") + label.description
        return name.padding(toLength: max(labelWidth, name.count), withPad: " ", startingAt: 0) + " | " + text
    }

    /// One parsed line of an annotated file.
    public struct Entry: Equatable, Sendable {
        public let label: Label?
        public let commentStart: Bool
        public let text: String
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses an annotated file (as written by `render` or by hand).
    public static func parse(_ text: String) throws(ParseError) -> [Entry] {
        // "\r\n" is one Character, so splitting on "\n" read a file saved with CRLF line ends (a
        // Windows editor, git's autocrlf) as one line: "has 1 lines, the page has 103".
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var entries: [Entry] = []
        for (n, raw) in lines.enumerated() {
            guard let bar = raw.range(of: " |") else {
                throw ParseError(line: n + 1, message: "expected 'LABEL | text'")
            }
            var name = String(String(raw[..<bar.lowerBound]).trimmingWhitespace)
            var rest = raw[bar.upperBound...]
            if rest.first == " " { rest = rest.dropFirst() }
            if name.isEmpty {
                entries.append(Entry(label: nil, commentStart: false, text: String(rest)))
                continue
            }
            let star = name.hasPrefix("*")
            if star { name.removeFirst() }
            guard let label = Label(parsing: name), Label.all.contains(label) else {
                throw ParseError(line: n + 1, message: "unknown label '\(name)'" + YAMLReader.guessNote(name, in: Label.all.map(\.description)))
            }
            if star && label.family != .comment {
                throw ParseError(line: n + 1, message: "'*' marks the first line of a comment only")
            }
            entries.append(Entry(label: label, commentStart: star, text: String(rest)))
        }
        return entries
    }
}
