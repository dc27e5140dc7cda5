/// Where and why a line of JSON Lines is not JSON, for the error a refused line gets: "not valid
/// JSON" alone left a user with a file of a million lines to find the fault by eye (session 27,
/// user27: a Python `str(dict)` line, single quotes, or a `json.dumps` NaN id was refused so).
/// Read only for a line Foundation refused; nil when this reader finds no fault in it (a form
/// Foundation refuses and this reader does not know), and the error then says no more.
extension JSONText {
    /// " at column 8: NaN and Infinity are not JSON (…)", or ": it ends early, …"; the column
    /// counts characters from 1.
    public static func problem(_ bytes: some Collection<UInt8>) -> String? {
        var scan = Scan(Array(bytes))
        scan.space()
        guard scan.i < scan.b.count else { return nil }
        var fault = scan.value(depth: 0)
        if fault == nil {
            scan.space()
            guard scan.i < scan.b.count else { return nil }
            fault = (scan.i, "text after the JSON value ends (one object a line)")
        }
        guard let fault else { return nil }
        let column = scan.b[..<min(fault.0, scan.b.count)].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return fault.0 >= scan.b.count ? ": it ends early, \(fault.1)" : " at column \(column): \(fault.1)"
    }

    /// Where and why a line Foundation's reader accepted is still not JSON: a comma before a
    /// closing `}` or `]` (`{"text": "a",}`), which Foundation reads and Python's json, jq and
    /// the JSON Lines spec refuse (session 28, gaps32: such a line was a record). nil for a line
    /// with none, found without the full scan unless a closing bracket follows a comma.
    public static func trailingCommaFault(_ bytes: some Collection<UInt8>) -> String? {
        var afterComma = false, suspect = false
        for b in bytes {
            switch b {
            case UInt8(ascii: ","): afterComma = true
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if afterComma { suspect = true }; afterComma = false
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: afterComma = false
            }
            if suspect { break }
        }
        // Inside a string (", }" in a text) it is no fault: the full scan tells, past a byte-order
        // mark before the object, which Foundation's reader skips.
        guard suspect else { return nil }
        return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? problem(bytes.dropFirst(3)) : problem(bytes)
    }

    private struct Scan {
        let b: [UInt8]
        var i = 0
        init(_ b: [UInt8]) { self.b = b }

        mutating func space() { while i < b.count, [0x20, 0x09, 0x0A, 0x0D].contains(b[i]) { i += 1 } }

        func starts(_ word: String) -> Bool { b[i...].starts(with: word.utf8) }

        /// Steps over one value; the first fault found, or nil.
        mutating func value(depth: Int) -> (Int, String)? {
            guard i < b.count else { return (i, "a value is missing (a string, array or object left open?)") }
            guard depth <= JSONText.maxDepth else { return (i, "nested deeper than \(JSONText.maxDepth) arrays and objects") }
            switch b[i] {
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), depth: depth)
            case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), depth: depth)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if starts("-Infinity") { return (i, Self.nonNumber) }
                // A minus sign with no digit after it is the number's fault, not the next byte's.
                if b[i] == UInt8(ascii: "-"), !(i + 1 < b.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i + 1])) {
                    return (i, "a minus sign with no digits after it")
                }
                return number()
            default:
                for word in ["true", "false", "null"] where starts(word) { i += word.utf8.count; return nil }
                if starts("NaN") || starts("Infinity") { return (i, Self.nonNumber) }
                for (word, json) in [("None", "null"), ("True", "true"), ("False", "false")] where starts(word) {
                    return (i, "\(word) is Python's, not JSON's: JSON writes \(json) (write the line with json.dumps)")
                }
                if b[i] == UInt8(ascii: "'") {
                    return (i, "a string in single quotes: JSON quotes strings with \" (a Python dict printed with str()? write it with json.dumps)")
                }
                return (i, "\(Self.shown(b[i])) cannot start a JSON value")
            }
        }

        /// Steps over a number by JSON's grammar: a leading zero, a point or an exponent with no
        /// digit after it are faults Foundation refuses without saying which (session 28: "05",
        /// "1." read "not valid JSON" alone).
        mutating func number() -> (Int, String)? {
            func digit() -> Bool { i < b.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) }
            if b[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            while digit() { i += 1 }
            if b[start] == UInt8(ascii: "0"), i - start > 1 { return (start, "a number with a leading zero (JSON writes 5, not 05; an id with leading zeros is a string)") }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard digit() else { return (i - 1, "a decimal point with no digit after it (JSON writes 1.0 or 1, not 1.)") }
                while digit() { i += 1 }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                let e = i
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digit() else { return (e, "an exponent with no digits after it") }
                while digit() { i += 1 }
            }
            return nil
        }

        static let nonNumber = "NaN and Infinity are not JSON, though Python's json.dumps writes them (a float column's gap); write null"

        static func shown(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : byte < 0x80 ? "byte \(byte)" : "a non-ASCII character"
        }

        mutating func string() -> (Int, String)? {
            i += 1
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\""): i += 1; return nil
                case UInt8(ascii: "\\"):
                    guard i + 1 < b.count, "\"\\/bfnrtu".utf8.contains(b[i + 1]) else {
                        return (i, "a backslash that starts no JSON escape (write \\\\ for a backslash)")
                    }
                    i += 2
                case 0..<0x20: return (i, "a raw control character (byte \(b[i])) inside a string (JSON writes a tab as \\t, a line break as \\n)")
                default: i += 1
                }
            }
            return (i, "a string is never closed")
        }

        mutating func container(close: UInt8, depth: Int) -> (Int, String)? {
            let isObject = close == UInt8(ascii: "}")
            i += 1
            space()
            if i < b.count, b[i] == close { i += 1; return nil }
            while true {
                if isObject {
                    guard i < b.count else { return (i, "an object is never closed") }
                    guard b[i] == UInt8(ascii: "\"") else {
                        return b[i] == UInt8(ascii: "'") ? value(depth: depth + 1) : (i, "\(Self.shown(b[i])) where a quoted key was expected")
                    }
                    if let fault = string() { return fault }
                    space()
                    guard i < b.count else { return (i, "an object is never closed") }
                    guard b[i] == UInt8(ascii: ":") else { return (i, "\(Self.shown(b[i])) where ':' after a key was expected") }
                    i += 1
                    space()
                }
                if let fault = value(depth: depth + 1) { return fault }
                space()
                guard i < b.count else { return (i, isObject ? "an object is never closed" : "an array is never closed") }
                if b[i] == close { i += 1; return nil }
                guard b[i] == UInt8(ascii: ",") else {
                    return (i, "\(Self.shown(b[i])) where ',' or '\(Character(UnicodeScalar(close)))' was expected")
                }
                let comma = i
                i += 1
                space()
                // A comma before the closing bracket: Foundation reads it, JSON has none
                // (`trailingCommaFault`).
                if i < b.count, b[i] == close {
                    return (comma, "a comma before '\(Character(UnicodeScalar(close)))': JSON allows none after the last "
                            + (isObject ? "member" : "element") + " (Python's json and jq refuse the line)")
                }
            }
        }
    }
}
