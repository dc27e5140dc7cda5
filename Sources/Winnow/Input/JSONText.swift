import Foundation

/// What Foundation's JSON parsers do not tell about a line of JSON Lines input: how deep it nests
/// (they refuse a text nested deeper than `maxDepth` and say only that it is not valid JSON), and
/// a top-level member's number as it was written (they hand back a double: an id past 2^63 came
/// out as the nearest double, 12345678901234567890123 as 1.2345678901234568e+22, and 1.50 as 1.5).
/// Both are read only for a line that needs them (a refused line; in batch input a line with a
/// number that is not a whole `Int`; in `winnow moderate` a line whose id is a number), so
/// ordinary input costs nothing more.
public enum JSONText {
    /// The deepest nesting of arrays and objects Foundation's parsers accept (513 is refused).
    public static let maxDepth = 512

    /// Why a line Foundation refused is refused: nested too deep, or not valid JSON, and where
    /// (`problem`).
    public static func refusal(_ bytes: some Collection<UInt8>) -> String {
        depth(bytes) > maxDepth ? "nested deeper than \(maxDepth) arrays and objects" : "not valid JSON" + (problem(bytes) ?? "")
    }

    /// The deepest nesting of arrays and objects in `bytes`, their brackets inside strings not
    /// counted.
    public static func depth(_ bytes: some Collection<UInt8>) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// The top-level members of a JSON object whose value is a number, with the number as written
    /// (`{"id": 1.50}` gives `["id": "1.50"]`); for a key given twice, the first or the last
    /// (`firstWins`: JSONDecoder keeps the first, JSONSerialization the last). Read from a text
    /// Foundation has parsed, so it only steps over values; empty when the text is not an object.
    public static func numberLiterals(_ bytes: [UInt8], firstWins: Bool = false) -> [String: String] {
        var found: [String: String] = [:]
        var i = 0
        let n = bytes.count
        func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 } }
        /// Steps over a string starting at its opening quote; returns its raw bytes (escapes kept).
        func string() -> ArraySlice<UInt8> {
            let start = i + 1
            i += 1
            while i < n, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            defer { i += 1 }
            return bytes[start..<min(i, n)]
        }
        skipSpace()
        guard i < n, bytes[i] == UInt8(ascii: "{") else { return [:] }
        i += 1
        while i < n {
            skipSpace()
            guard i < n, bytes[i] == UInt8(ascii: "\"") else { break }
            let raw = string()
            skipSpace()
            guard i < n, bytes[i] == UInt8(ascii: ":") else { break }
            i += 1
            skipSpace()
            guard i < n else { break }
            let c = bytes[i]
            if c == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
                let start = i
                while i < n, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}")].contains(bytes[i]) { i += 1 }
                let key = decodedKey(raw)
                if !firstWins || found[key] == nil { found[key] = String(decoding: bytes[start..<i], as: UTF8.self) }
            } else if c == UInt8(ascii: "\"") {
                _ = string()
            } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                var depth = 0
                while i < n {
                    switch bytes[i] {
                    case UInt8(ascii: "\""): _ = string(); continue
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                    default: break
                    }
                    i += 1
                    if depth == 0 { break }
                }
            } else {
                while i < n, ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}")].contains(bytes[i]) { i += 1 }
            }
            skipSpace()
            guard i < n, bytes[i] == UInt8(ascii: ",") else { break }
            i += 1
        }
        return found
    }

    /// The line with every U+FEFF inside a string written as the escape `\ufeff`, or nil when no
    /// string holds one. Foundation's JSON reader drops a raw U+FEFF that opens a string (it
    /// decodes each string as a file, whose byte-order mark it skips): a text or an id starting
    /// with one lost it, where the escaped form is kept (found by the `csv` fuzz target's round
    /// trip). One outside a string (a byte-order mark before the object) is left as it is.
    static func escapingByteOrderMarks(_ bytes: [UInt8]) -> [UInt8]? {
        guard let first = bytes.firstIndex(of: 0xEF), bytes[first...].count >= 3 else { return nil }
        var out: [UInt8] = []
        var inString = false, escaped = false, changed = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString, !escaped, b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF {
                if !changed { out.reserveCapacity(bytes.count + 8); out += bytes[..<i]; changed = true }
                out += Array("\\ufeff".utf8)
                i += 3
                continue
            }
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            } else if b == 0x22 {
                inString = true
            }
            if changed { out.append(b) }
            i += 1
        }
        return changed ? out : nil
    }

    /// A key as Foundation reads it: escapes decoded (`"\u0069d"` is `id`).
    static func decodedKey(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        let quoted = Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
        return (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed)) as? String
            ?? String(decoding: raw, as: UTF8.self)
    }

    /// A top-level number for output: an `Int` when it was written as one (digits, an optional
    /// minus, within `Int`'s range), else the number as written, which output copies unchanged.
    public static func value(literal: String) -> JSONValue {
        if let i = Int(literal), String(i) == literal { return .int(i) }
        return .numeral(literal)
    }
}
