import CPCRE2
import Foundation

/// A PCRE2 compile error: PCRE2's own message and the byte offset in the pattern where it stopped.
public struct PatternCompileError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let offset: Int
    public var description: String { "\(message) at offset \(offset)" }
}

/// Limits that keep one match bounded, whatever the pattern and the line.
public struct MatchLimits: Sendable, Equatable {
    /// PCRE2's match limit: the number of times its internal match function may be called.
    public var matchLimit: UInt32
    /// PCRE2's depth limit (backtracking depth) for the interpreter.
    public var depthLimit: UInt32

    public init(matchLimit: UInt32 = 1_000_000, depthLimit: UInt32 = 10_000) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
    }
}

/// Where a pattern matched, as byte offsets into the UTF-8 subject, with its named groups.
public struct PatternMatch: Sendable, Equatable {
    public let range: Range<Int>
    public let groups: [String: Range<Int>]
}

/// The outcome of one match attempt. A limit hit is its own case: the caller reports it and
/// counts the rule as not matched, so a hostile line never stops the run.
public enum MatchOutcome: Sendable, Equatable {
    case matched(PatternMatch)
    case noMatch
    case limitHit(String)
}

/// A compiled PCRE2 pattern (UTF + UCP, JIT-compiled where the platform allows).
///
/// The compiled code is immutable and shared between threads; each thread matches with its
/// own `MatchScratch`.
public final class Pattern: @unchecked Sendable {
    public let source: String
    /// Compiled with PCRE2_CASELESS (the prefilter compiles the pattern with the same options).
    public let caseless: Bool
    public let isJIT: Bool
    /// Names of the pattern's named groups, with their group numbers.
    public let groupNames: [String: UInt32]
    /// The pattern's shape when `firstMatch` decides it without PCRE2 (`PatternShape`), else nil.
    public let shape: PatternShape?
    /// The source is the shape's followed by `.*` (a rule whose matched text, shown by the audit,
    /// runs to the line's end: docs/rules.md, "A `match` example must match text a reader can
    /// find"): the shape's match goes on to the first line feed or the line's end, as `.` takes
    /// any other character.
    public let shapeRunsToLineEnd: Bool
    let code: OpaquePointer
    /// Frees the compiled code once no `Pattern` refers to it (see `threadCopy`).
    private let owner: CompiledCode
    /// For a caseless pattern whose first letter is s or k (`asciiFirstLetter`): the pattern with
    /// that letter matched in ASCII only, JIT-compiled, used on the lines `RuleMatcher` has
    /// found to hold neither long s nor the Kelvin sign (`MatchScratch.lacksFoldedLetters`), where
    /// the two patterns match alike. Caseless `s` matches long s (U+017F) and `k` the Kelvin sign
    /// (U+212A), characters of two and three bytes: PCRE2 10.42's JIT then has no fast search for
    /// the pattern's first character and tries its start at every position of the line (the
    /// letters most rules start with need no such fold). Step 474 in docs/performance.md.
    let asciiFirst: OpaquePointer?
    private let asciiOwner: CompiledCode?
    /// For a JIT-compiled pattern: the pattern compiled without PCRE2_UCP (and with its first s
    /// or k in ASCII, as `asciiFirst`), used on the lines `RuleMatcher` has found to be all ASCII
    /// (`MatchScratch.lineIsASCII`). UCP changes only what `\d`, `\s`, `\w`, `\b` and the POSIX
    /// classes match, and on ASCII characters both ways agree (but for caseless `[:upper:]` and
    /// `[:lower:]`: a pattern with a POSIX class has no variant); no ASCII line holds long s or the
    /// Kelvin sign. Without UCP those are byte tables, not Unicode property look-ups, and PCRE2
    /// can take first bytes from them. Step 593 in docs/performance.md.
    let asciiLine: OpaquePointer?
    private let asciiLineOwner: CompiledCode?

    /// Whether the pattern was asked for its variant for ASCII lines (`asciiLine`): a rule's
    /// `ascii_copy` (docs/rules.md), which its split alternatives inherit (`Prefilter.splitAlternatives`).
    public let wantsASCIILine: Bool

    /// `asciiLine`: compile the variant for ASCII lines (`Pattern.asciiLine`) when the switch
    /// `WINNOW_ASCII_LINE` leaves the choice to the pattern (`asciiLineMode`).
    public init(_ source: String, caseless: Bool = true, asciiLine asked: Bool = true) throws(PatternCompileError) {
        // PCRE2_NO_AUTO_CAPTURE: a plain `(...)` groups without capturing; only named groups
        // capture (Winnow reads no other: a match's range and its named groups, `outcome`). The
        // JIT code then saves and resets no capture slots for them as it tries and backtracks,
        // and the rules use no numbered back reference (step 591 in docs/performance.md).
        var options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_NO_AUTO_CAPTURE)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        // One compiled copy per distinct source and case option (step 520 in docs/performance.md):
        // rules that share a pattern, and split alternatives that equal one another, run the
        // same JIT code, and `MatchScratch` can answer the second call on a line from the first.
        let wanted = Pattern.asciiLineMode.compiles(asked: asked)
        let key = CompiledCode.Key(source: source, caseless: caseless)
        let bundle: CompiledCode
        if let shared = CompiledCode.shared(key) {
            bundle = shared
            // Asked for by this one only: the copy joins the shared code, which stays one (rules
            // that share a pattern keep `MatchScratch`'s answer for the second call on a line).
            if wanted && shared.isJIT && !Pattern.hasPOSIXClass(source) {
                CompiledCode.addASCIILine(to: shared) {
                    Pattern.compileVariant(caseless ? Pattern.asciiFirstLetter(source) ?? source : source,
                                           options: options & ~UInt32(PCRE2_UCP), like: shared.code, groups: shared.groupNames)
                }
            }
        } else {
            var errorCode: Int32 = 0
            var errorOffset: Int = 0
            let bytes = Array(source.utf8)
            let compiled = bytes.withUnsafeBufferPointer { buf in
                pcre2_compile_8(buf.baseAddress, buf.count, options, &errorCode, &errorOffset, nil)
            }
            guard let compiled else {
                throw PatternCompileError(message: Pattern.errorMessage(errorCode), offset: errorOffset)
            }
            let made = CompiledCode(compiled)
            made.isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
            made.groupNames = Pattern.readGroupNames(compiled)
            made.asciiFirst = made.isJIT && caseless
                ? Pattern.asciiFirstLetter(source).flatMap { Pattern.compileVariant($0, options: options, like: compiled, groups: made.groupNames) } : nil
            // Not with a POSIX class: caseless, `[:upper:]` and `[:lower:]` fold without UCP and
            // are `\p{Lu}` and `\p{Ll}` (which do not fold) with it (no rule has one).
            made.asciiLine = made.isJIT && wanted && !Pattern.hasPOSIXClass(source)
                ? Pattern.compileVariant(caseless ? Pattern.asciiFirstLetter(source) ?? source : source, options: options & ~UInt32(PCRE2_UCP),
                                         like: compiled, groups: made.groupNames) : nil
            bundle = CompiledCode.share(key, made)
        }
        self.source = source
        self.caseless = caseless
        self.wantsASCIILine = asked
        self.code = bundle.code
        self.owner = bundle
        self.isJIT = bundle.isJIT
        self.groupNames = bundle.groupNames
        (asciiFirst, asciiOwner) = (bundle.asciiFirst?.code, bundle.asciiFirst)
        let line = CompiledCode.asciiLine(of: bundle)
        (asciiLine, asciiLineOwner) = (line?.code, line)
        if let shape = PatternShape(source: source, caseless: caseless) {
            (self.shape, shapeRunsToLineEnd) = (shape, false)
        } else if source.hasSuffix(".*"), !source.hasSuffix("\\.*"),
                  let shape = PatternShape(source: String(source.dropLast(2)), caseless: caseless) {
            (self.shape, shapeRunsToLineEnd) = (shape, true)
        } else {
            (self.shape, shapeRunsToLineEnd) = (nil, false)
        }
    }

    private init(copying other: Pattern) {
        source = String(decoding: Array(other.source.utf8), as: UTF8.self)
        caseless = other.caseless
        wantsASCIILine = other.wantsASCIILine
        isJIT = other.isJIT
        groupNames = Dictionary(uniqueKeysWithValues: other.groupNames.map { (String(decoding: Array($0.key.utf8), as: UTF8.self), $0.value) })
        code = other.code
        owner = other.owner
        asciiFirst = other.asciiFirst
        asciiOwner = other.asciiOwner
        asciiLine = other.asciiLine
        asciiLineOwner = other.asciiLineOwner
        shape = other.shape
        shapeRunsToLineEnd = other.shapeRunsToLineEnd
    }

    /// The same compiled code in an object of this thread's own. Every use of a shared object
    /// writes its reference count, and two cores writing one cache line take turns owning it:
    /// each labelling thread works with its own copies (`RuleSet.threadCopy`). The code itself
    /// is only read by PCRE2, which costs nothing to share.
    func threadCopy() -> Pattern { Pattern(copying: self) }

    /// The first match in `subject` (valid UTF-8), or why there is none: from the pattern's
    /// shape when it has one that decides the line, else from PCRE2.
    public func firstMatch(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> MatchOutcome {
        if let shape, let outcome = shape.decide(subject) {
            guard shapeRunsToLineEnd, case .matched(let m) = outcome else { return outcome }
            var end = m.range.upperBound
            while end < subject.count && subject[end] != 0x0A { end &+= 1 }
            return .matched(PatternMatch(range: m.range.lowerBound..<end, groups: [:]))
        }
        return pcre2Match(in: subject, scratch: scratch)
    }

    /// What `Pattern.run` needs of a pattern, in a record of its own: `Prefilter.firstMatch` and
    /// `RuleMatcher.match` read it from their own arrays, not from the pattern object, which they
    /// read only when the pattern matches or decides by shape (step 521 in docs/performance.md).
    /// `direct`: the pattern has no shape (`shape`), so PCRE2 decides it.
    struct Run {
        let code: OpaquePointer
        let asciiFirst: OpaquePointer?
        let asciiLine: OpaquePointer?
        let isJIT: Bool
        let direct: Bool

        init(_ pattern: Pattern) {
            (code, asciiFirst, asciiLine, isJIT, direct) = (pattern.code, pattern.asciiFirst, pattern.asciiLine, pattern.isJIT, pattern.shape == nil)
        }

        /// PCRE2's return code for the pattern's first match in `subject` (`Pattern.run`).
        @inline(__always)
        func run(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> Int32 {
            Pattern.run(code: code, asciiFirst: asciiFirst, asciiLine: asciiLine, isJIT: isJIT, in: subject, scratch: scratch)
        }
    }

    /// The first match in `subject` by PCRE2 itself, whatever the shape (tests compare the two).
    func pcre2Match(in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> MatchOutcome {
        outcome(Pattern.run(code: code, asciiFirst: asciiFirst, asciiLine: asciiLine, isJIT: isJIT, in: subject, scratch: scratch), scratch: scratch)
    }

    /// PCRE2's return code for `code`'s first match in `subject`, the match in `scratch`'s match
    /// data (for `outcome`). Read from the arguments, not from a pattern object, so that
    /// `Prefilter.firstMatch` need not read the object of an alternative that does not match.
    /// When the last call through `scratch` ran the same code on the same line (two rules with
    /// one pattern, compiled once: step 520), its answer stands, and its match data with it. That
    /// holds because this is the only function that runs a match into `scratch.matchData`; any
    /// other must clear `scratch.lastCode`.
    /// Not inlined: one copy of its code for its three callers, each on a hot path.
    @inline(never)
    static func run(code: OpaquePointer, asciiFirst: OpaquePointer?, asciiLine: OpaquePointer?, isJIT: Bool,
                    in subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> Int32 {
        let onLine = scratch.isLine(subject)
        if onLine && scratch.lastCode == code { return scratch.lastReturn }
        // An empty buffer may have a nil base address; PCRE2 wants a valid pointer.
        let base = subject.baseAddress ?? UnsafePointer(scratch.emptySubject)
        // JIT code is entered directly: `pcre2_match` would only check its arguments and
        // pass them on (about 250 instructions a call, for some 25 K calls per 160 pages).
        // The subject is valid UTF-8 either way (a Swift string's bytes).
        // On a line of ASCII only, the variant without UCP (`asciiLine`); else the ASCII-first
        // variant where the line holds no character it would match otherwise.
        let run: OpaquePointer
        if onLine, let asciiLine, scratch.lineIsASCII() {
            run = asciiLine
        } else {
            run = asciiFirst != nil && onLine && scratch.lacksFoldedLetters(subject) ? asciiFirst! : code
        }
        let rc = isJIT
            ? pcre2_jit_match_8(run, base, subject.count, 0, 0, scratch.matchData, scratch.context)
            : pcre2_match_8(run, base, subject.count, 0, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, scratch.context)
        (scratch.lastCode, scratch.lastReturn) = (onLine ? code : nil, rc)
        return rc
    }

    /// The outcome of `run`'s return code `rc` for this pattern, its match read from `scratch`.
    func outcome(_ rc: Int32, scratch: MatchScratch) -> MatchOutcome {
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT
            || rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_HEAPLIMIT {
            return .limitHit(Pattern.errorMessage(rc))
        }
        if rc < 0 { return .limitHit(Pattern.errorMessage(rc)) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        // rc is one more than the highest group set by this match (0: more groups than the
        // ovector holds, all of its pairs filled); the pairs above it still hold an earlier
        // match's offsets.
        let capacity = Int(pcre2_get_ovector_count_8(scratch.matchData))
        let pairs = rc == 0 ? capacity : min(Int(rc), capacity)
        let whole = Int(ovector[0])..<Int(ovector[1])
        if groupNames.isEmpty { return .matched(PatternMatch(range: whole, groups: [:])) }
        return .matched(PatternMatch(range: whole, groups: namedGroups(ovector, pairs: pairs)))
    }

    /// The named groups a match set (most patterns have none: `outcome` stays short without them).
    @inline(never)
    private func namedGroups(_ ovector: UnsafeMutablePointer<Int>, pairs: Int) -> [String: Range<Int>] {
        var groups: [String: Range<Int>] = [:]
        for (name, number) in groupNames where Int(number) < pairs {
            let start = ovector[2 * Int(number)], end = ovector[2 * Int(number) + 1]
            // An unset group is PCRE2_UNSET, ~0, which size_t brings into Swift as Int -1.
            if start >= 0 && end >= start { groups[name] = Int(start)..<Int(end) }
        }
        return groups
    }

    /// Convenience for tests and examples: match a Swift string.
    public func firstMatch(in text: String, scratch: MatchScratch) -> MatchOutcome {
        var copy = text
        return copy.withUTF8 { firstMatch(in: $0, scratch: scratch) }
    }

    /// Which patterns get their variant for ASCII lines (`asciiLine`), by the hidden environment
    /// switch `WINNOW_ASCII_LINE`, read once: unset, those asked for (a rule's `ascii_copy`,
    /// step 690 in docs/performance.md); `0`, none; `all`, every one (step 593's copies, for an
    /// A/B). The output is the same either way; only the instructions, start-up and memory move.
    enum ASCIILineMode {
        case asked, none, all

        func compiles(asked: Bool) -> Bool {
            switch self {
            case .asked: return asked
            case .none: return false
            case .all: return true
            }
        }
    }

    static let asciiLineMode: ASCIILineMode = {
        switch getenv("WINNOW_ASCII_LINE").map({ String(cString: $0) }) {
        case "0": return .none
        case "all": return .all
        default: return .asked
        }
    }()

    /// Whether the pattern has an ASCII-first variant (`asciiFirst`), for tests.
    var hasASCIIFirst: Bool { asciiFirst != nil }
    /// Whether the pattern has a variant for ASCII lines (`asciiLine`), for tests.
    var hasASCIILine: Bool { asciiLine != nil }

    /// Whether `source` may hold a POSIX class: `[:`, perhaps `^`, lower-case letters, `:]`
    /// anywhere (an escaped bracket counts too: that only leaves a pattern without the variant).
    static func hasPOSIXClass(_ source: String) -> Bool {
        let b = Array(source.utf8)
        var i = 0
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "["), b[i + 1] == UInt8(ascii: ":") {
                var j = i + 2
                if j < b.count, b[j] == UInt8(ascii: "^") { j += 1 }
                let letters = j
                while j < b.count, b[j] >= UInt8(ascii: "a"), b[j] <= UInt8(ascii: "z") { j += 1 }
                if j > letters, j + 1 < b.count, b[j] == UInt8(ascii: ":"), b[j + 1] == UInt8(ascii: "]") { return true }
            }
            i += 1
        }
        return false
    }

    /// Why a rule's `ascii_copy: true` can save nothing, read from its pattern alone (`winnow
    /// rules lint` warns; nil when the copy may pay): a POSIX class gets no copy, and a pattern
    /// with none of `\d \D \s \S \w \W \b \B` (outside `\Q…\E`) is the same program without
    /// UCP, which changes only those escapes and the POSIX classes: its copy runs as the pattern
    /// does and costs start-up and memory. Whether a copy that may pay does is measured
    /// (`scripts/rule-costs --ascii-copy`, docs/rules.md).
    public static func asciiCopyCannotPay(_ source: String) -> String? {
        if hasPOSIXClass(source) { return "its pattern has a POSIX class, and such a pattern gets no copy" }
        let b = Array(source.utf8)
        var i = 0
        while i + 1 < b.count {
            guard b[i] == UInt8(ascii: "\\") else { i += 1; continue }
            let next = b[i + 1]
            if next == UInt8(ascii: "Q") {
                // A literal run: to `\E` or the pattern's end.
                var j = i + 2
                while j + 1 < b.count, !(b[j] == UInt8(ascii: "\\") && b[j + 1] == UInt8(ascii: "E")) { j += 1 }
                i = j + 2
                continue
            }
            if "dDsSwWbB".utf8.contains(next) { return nil }
            i += 2
        }
        return "its pattern has none of \\d \\s \\w \\b, which alone the copy without UCP runs faster: the copy is the same program and costs start-up"
    }

    /// `variant` (`asciiFirstLetter(source)`, or the source itself) compiled with `options` and
    /// JIT, when that gives a variant with the same groups as `code` (`(?-i:` does not capture);
    /// else nil.
    private static func compileVariant(_ variant: String, options: UInt32, like code: OpaquePointer,
                                       groups: [String: UInt32]) -> CompiledCode? {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(variant.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress, buf.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { return nil }
        let owner = CompiledCode(compiled)
        var captures: UInt32 = 0, variantCaptures: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &variantCaptures)
        guard pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0, captures == variantCaptures,
              readGroupNames(compiled) == groups else { return nil }
        owner.isJIT = true
        return owner
    }

    /// `source` with its first letter written `(?-i:[sS])` or `(?-i:[kK])` when that letter is
    /// s or k: the first item past any `\b`, lookbehinds and group openings (`(?:` or a
    /// capturing `(`), a literal letter (not escaped, not in a class). Else nil. On a subject that
    /// holds neither long s nor the Kelvin sign the two match alike, caseless: the letter is all
    /// that changes, and it then matches the same characters (`LiteralFold`).
    static func asciiFirstLetter(_ source: String) -> String? {
        let s = Array(source.unicodeScalars)
        var i = 0
        func has(_ prefix: String) -> Bool {
            let p = Array(prefix.unicodeScalars)
            return i + p.count <= s.count && Array(s[i..<(i + p.count)]) == p
        }
        // The index of the `)` that closes the group opened at `open`.
        func closing(_ open: Int) -> Int? { GroupClose.index(in: s, bodyStart: open + 1) }
        while i < s.count {
            if has("\\b") { i += 2; continue }
            if has("(?<!") || has("(?<=") {
                guard let end = closing(i) else { return nil }
                i = end + 1
                continue
            }
            if has("(?:") { i += 3; continue }
            if s[i] == "(", i + 1 < s.count, s[i + 1] != "?", s[i + 1] != "*" { i += 1; continue }
            break
        }
        guard i < s.count else { return nil }
        let letter: String
        switch s[i] {
        case "s", "S": letter = "(?-i:[sS])"
        case "k", "K": letter = "(?-i:[kK])"
        default: return nil
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s[..<i])
        out.append(contentsOf: letter.unicodeScalars)
        out.append(contentsOf: s[(i + 1)...])
        return String(out)
    }

    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }

    private static func readGroupNames(_ code: OpaquePointer) -> [String: UInt32] {
        var count: UInt32 = 0, entrySize: UInt32 = 0
        var table: UnsafeMutableRawPointer?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        guard count > 0 else { return [:] }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var names: [String: UInt32] = [:]
        for i in 0..<Int(count) {
            let entry = table.advanced(by: i * Int(entrySize)).assumingMemoryBound(to: UInt8.self)
            let number = UInt32(entry[0]) << 8 | UInt32(entry[1])
            names[String(cString: entry + 2)] = number
        }
        return names
    }
}

/// Compiled PCRE2 code, freed with the last pattern object that uses it, with what `Pattern`
/// reads of it once (set before the code is shared, never after).
final class CompiledCode: @unchecked Sendable {
    let code: OpaquePointer
    var isJIT = false
    var groupNames: [String: UInt32] = [:]
    /// The ASCII-first variant (`Pattern.asciiFirst`), if any.
    var asciiFirst: CompiledCode?
    /// The variant for ASCII lines (`Pattern.asciiLine`), if any.
    var asciiLine: CompiledCode?
    init(_ code: OpaquePointer) { self.code = code }
    deinit { pcre2_code_free_8(code) }

    struct Key: Hashable {
        let source: String
        let caseless: Bool
    }

    /// Gives `code` its variant for ASCII lines, made by `make`, unless it has one: a pattern
    /// that asks for it found the code shared by one that did not (`Pattern.init`). The patterns
    /// made before keep running without it (each read the bundle when it was made).
    static func addASCIILine(to code: CompiledCode, _ make: () -> CompiledCode?) {
        lock.lock()
        defer { lock.unlock() }
        if code.asciiLine == nil { code.asciiLine = make() }
    }

    /// `code`'s variant for ASCII lines, read under the lock `addASCIILine` writes it under: rule
    /// sets loaded on two threads may share the code.
    static func asciiLine(of code: CompiledCode) -> CompiledCode? {
        lock.lock()
        defer { lock.unlock() }
        return code.asciiLine
    }

    /// The compiled code of every source still in use, by source and case option: a pattern
    /// compiled again takes the copy that exists (weakly held: the code is freed with its last
    /// pattern, as before).
    private struct Weak { weak var code: CompiledCode? }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var table: [Key: Weak] = [:]

    static func shared(_ key: Key) -> CompiledCode? {
        lock.lock()
        defer { lock.unlock() }
        return table[key]?.code
    }

    /// `made` for `key`, or the copy another thread shared meanwhile.
    static func share(_ key: Key, _ made: CompiledCode) -> CompiledCode {
        lock.lock()
        defer { lock.unlock() }
        if let other = table[key]?.code { return other }
        if table.count > 4096 { table = table.filter { $0.value.code != nil } }
        table[key] = Weak(code: made)
        return made
    }
}

/// Per-thread match state: PCRE2 match data, a match context carrying the limits, and a JIT
/// stack. Not shareable between threads; cheap to reuse for every line.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?
    public let limits: MatchLimits
    /// The line `RuleMatcher` is matching (`beginLine`), and whether it holds long s or the Kelvin
    /// sign (-1: not looked at yet), for `Pattern.asciiFirst`: looked at once, on the first call
    /// of a pattern that has the variant (most lines call none).
    private var lineBase: UnsafePointer<UInt8>?
    private var lineCount = 0
    private var lineFolds: Int8 = -1
    /// Whether the line is all ASCII (-1: not looked at yet), for `Pattern.asciiLine`.
    private var lineASCII: Int8 = -1
    /// The code of the last PCRE2 call through this scratch when its subject was the line (else
    /// nil), and its return code: `Pattern.run` answers a second call of that code from them.
    var lastCode: OpaquePointer?
    var lastReturn: Int32 = 0
    /// A valid pointer for an empty subject.
    let emptySubject: UnsafeMutablePointer<UInt8>

    public init(limits: MatchLimits = MatchLimits()) {
        self.limits = limits
        // 32 capture pairs is far more than any rule needs; the ovector is reused for every pattern.
        matchData = pcre2_match_data_create_8(32, nil)!
        context = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        emptySubject = .allocate(capacity: 1)
        emptySubject.initialize(to: 0)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    /// The subject of the next matches is `bytes`, until `endLine`: only on it may a pattern use
    /// its ASCII-first variant. Any other subject is matched by the pattern itself.
    func beginLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        (lineBase, lineCount, lineFolds, lineASCII, lastCode) = (bytes.baseAddress, bytes.count, -1, -1, nil)
    }

    func endLine() { (lineBase, lastCode) = (nil, nil) }

    /// Whether `subject` is the line of `beginLine`.
    @inline(__always)
    func isLine(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        lineBase != nil && lineBase == subject.baseAddress && lineCount == subject.count
    }

    /// Whether the line of `beginLine` is all ASCII (the caller has checked that the subject is
    /// that line, `isLine`): looked at once, on the first call of a pattern that has the variant.
    @inline(__always)
    func lineIsASCII() -> Bool {
        if lineASCII < 0 {
            lineASCII = MatchScratch.isASCII(UnsafeBufferPointer(start: lineBase, count: lineCount)) ? 1 : 0
        }
        return lineASCII == 1
    }

    /// Whether every byte of `bytes` is below 0x80: 32 bytes at a time (stopping at the first
    /// block with a byte that is not ASCII), then eight, then the last eight bytes again (a line of
    /// eight or more) or the bytes one by one.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base), n = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i &+ 32 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)
            if w & high != 0 { return false }
            i &+= 32
        }
        var w: UInt64 = 0
        while i &+ 8 <= n {
            w |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        if i < n {
            if n >= 8 {
                w |= raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            } else {
                while i < n {
                    w |= UInt64(base[i])
                    i &+= 1
                }
            }
        }
        return w & high == 0
    }

    /// Whether `subject` is the line of `beginLine` and holds neither long s nor the Kelvin sign.
    @inline(__always)
    func lacksFoldedLetters(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isLine(subject) else { return false }
        if lineFolds < 0 { lineFolds = LiteralFold.holdsFoldable(subject) ? 1 : 0 }
        return lineFolds == 0
    }

    deinit {
        emptySubject.deallocate()
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
