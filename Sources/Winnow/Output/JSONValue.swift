/// A JSON value that serialises with keys in the order given, as the documented contracts
/// list them (Foundation's encoder would sort or shuffle them).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    /// A number as it was written in the input, copied to output unchanged: an id past 2^63
    /// (12345678901234567890123) or written with a fraction or exponent ("1.50", "1e3") comes out
    /// as it came in (`JSONText`), not as the nearest double.
    case numeral(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// What kind of value this is, for an error about a field of the wrong type: "a number",
    /// "an array", "null" (docs/output.md: "field 'text' is a number, not a string").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "true or false"
        case .number, .int, .numeral: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The error for a record field that is absent or not of the kind needed, worded alike in
    /// `winnow moderate` and batch input: "field 'text' is missing", "field 'text' is a number,
    /// not a string". A missing field's error names the record's fields (`among`, the first
    /// eight in order), so that a file whose text is under "body" or "Text" says so.
    public static func fieldError(_ name: String, found: JSONValue?, wanted: String = "a string", among keys: [String] = []) -> String {
        guard let found else {
            guard !keys.isEmpty else { return "field '\(name)' is missing" }
            let sorted = keys.sorted()
            let shown = sorted.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (sorted.count > 8 ? ", …" : "")
            return "field '\(name)' is missing (the record has \(shown); --text-field names another)"
        }
        return "field '\(name)' is \(found.kindName), not \(wanted)"
    }

    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .numeral(let s): out += s
        case .number(let d): out += JSONValue.format(d)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (n, (key, value)) in pairs.enumerated() {
                if n > 0 { out += ", " }
                JSONValue.writeString(key, to: &out)
                out += ": "
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Numbers with at most 4 decimals, no trailing zeros beyond one ("2.5", "4.0", "0.1234").
    /// Zero has no sign: a score clamped at `-0.0` or a tiny negative one prints "0.0", not "-0.0".
    /// Swift writes a rounded number in exponent form only from 2^53 on, where every double is
    /// whole: such a number is written digit by digit ("1700000000000000000.0", a timestamp in
    /// nanoseconds in a record's field), or past UInt64, in Swift's exponent form ("1e+20", valid
    /// JSON). (A fixed-point conversion through Int64 of ten thousand times the number trapped on
    /// every such number: `winnow moderate` crashed on a record holding one.)
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        // (From 1e15 on a double holds no 4th decimal; ten thousand times 1e305 is infinite.)
        let rounded = d.magnitude < 1e15 ? (d * 10_000).rounded() / 10_000 : d
        if rounded == 0 { return "0.0" }
        let s = String(rounded)
        if s.contains("e"), rounded.magnitude >= 1, rounded.magnitude < 0x1p64 {
            return (rounded < 0 ? "-" : "") + String(UInt64(rounded.magnitude)) + ".0"
        }
        return s
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
