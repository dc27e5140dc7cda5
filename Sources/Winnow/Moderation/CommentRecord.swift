import Foundation

/// One comment of a JSON Lines input: `{"id": ..., "text": ..., "article": ..., "title": ...}`
/// (docs/output.md). Field names can be changed; `article`, `title`, the asker flag and
/// `label` are optional.
public struct CommentRecord: Sendable {
    public var id: JSONValue
    public var text: String
    public var article: String?
    public var title: String?
    /// The comment was written by the person who asked (forum data); nil when not given.
    public var asker: Bool?
    /// The gold label, for `winnow eval` and `winnow train`.
    public var label: String?
    /// Every field, for `--only FIELD=VALUE` filters (string and number fields as text).
    public var fields: [String: String]
    /// Invalid UTF-8 sequences in the line, each replaced with U+FFFD (as batch input does).
    public var invalidUTF8 = 0

    /// The names of the fields to read.
    public struct Fields: Sendable {
        public var id = "id", text = "text", article = "article", title = "title"
        public var asker = "author_is_asker", label = "label"
        public init() {}
    }

    public struct ParseError: Error, CustomStringConvertible {
        /// The record's id when the line was JSON with one.
        public let id: JSONValue
        public let message: String
        public var description: String { message }
    }

    /// Parses one line of JSON Lines.
    public init(line: some Collection<UInt8>, fields names: Fields) throws(ParseError) {
        // A scraped comment with a stray Latin-1 byte is still a comment: each invalid sequence
        // becomes U+FFFD, counted, as batch input and pages repair it.
        let invalid = String(validating: line, as: UTF8.self) == nil ? Page.countInvalidUTF8(line) : 0
        var data = invalid == 0 ? Data(line) : Data(String(decoding: line, as: UTF8.self).utf8)
        var decoded = try? JSONDecoder().decode([String: JSONInput].self, from: data)
        if decoded == nil, let repaired = LoneSurrogates.replaced(data) {
            // Half of a UTF-16 pair ("\ud83d" alone), which Foundation refuses, becomes U+FFFD.
            data = Data(repaired.bytes)
            decoded = try? JSONDecoder().decode([String: JSONInput].self, from: data)
        }
        guard let object = decoded else {
            let isObject = (try? JSONDecoder().decode(JSONInput.self, from: data)) != nil
            throw ParseError(id: .null, message: isObject ? "not a JSON object" : JSONText.refusal(data))
        }
        // A comma before a closing bracket, which Foundation reads and JSON has not (as batch input).
        if let fault = JSONText.trailingCommaFault(data) { throw ParseError(id: .null, message: "not valid JSON" + fault) }
        id = object[names.id]?.value ?? .null
        if let number = object[names.id]?.double, let literal = JSONText.numberLiterals(Array(data), firstWins: true)[names.id],
           Double(literal) == number {
            // A numeric id comes out as written: past 2^63, or "1.50", "1e3" (JSONDecoder reads
            // "1e3" and "1.0" as whole `Int`s).
            id = JSONText.value(literal: literal)
        }
        guard case .string(let t)? = object[names.text] else {
            throw ParseError(id: id, message: JSONValue.fieldError(names.text, found: object[names.text]?.value, among: Array(object.keys)))
        }
        text = t
        let id = self.id
        func optionalString(_ name: String) throws(ParseError) -> String? {
            switch object[name] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case let found?: throw ParseError(id: id, message: JSONValue.fieldError(name, found: found.value))
            }
        }
        article = try optionalString(names.article)
        title = try optionalString(names.title)
        label = try optionalString(names.label)
        switch object[names.asker] {
        case nil, .null?: asker = nil
        case .bool(let b)?: asker = b
        case let found?: throw ParseError(id: id, message: JSONValue.fieldError(names.asker, found: found.value, wanted: "true or false"))
        }
        var all: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case .string(let s): all[key] = s
            case .int(let i): all[key] = String(i)
            case .number(let d): all[key] = JSONValue.format(d)
            case .bool(let b): all[key] = b ? "true" : "false"
            default: break
            }
        }
        self.fields = all
        self.invalidUTF8 = invalid
    }
}

/// Any JSON value, as read from input (ids may be strings or numbers). A whole number that fits
/// an `Int` is read as one, exactly: read as a double, an id past 2^53 (1234567890123456789)
/// came out changed, and `--only year=2019` matched no record (the field read "2019.0").
enum JSONInput: Decodable, Sendable {
    case null, bool(Bool), int(Int), number(Double), string(String), array([JSONInput]), object([String: JSONInput])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONInput].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONInput].self)) }
    }

    /// A number's value; nil for any other value.
    var double: Double? {
        switch self {
        case .int(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    /// The value for output: whole numbers stay whole.
    var value: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .number(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(\.value))
        case .object(let o): .object(o.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value) })
        }
    }
}
