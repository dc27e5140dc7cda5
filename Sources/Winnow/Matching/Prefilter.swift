import Foundation
import CVectorscan

/// One prefilter per labelling pass, so each scan reports only the rules that pass runs.
public struct Prefilters: Sendable {
    public let firstPass: Prefilter
    public let contextPass: Prefilter

    init(rules: [Rule]) {
        firstPass = Prefilter(rules: rules, indices: rules.indices.filter { !rules[$0].isContextRule })
        contextPass = Prefilter(rules: rules, indices: rules.indices.filter { rules[$0].isContextRule })
    }

    /// Rules whose pattern Vectorscan cannot compile (they run unfiltered), by rule index.
    public var unfiltered: [(index: Int, message: String)] {
        (firstPass.unfiltered + contextPass.unfiltered).sorted { $0.index < $1.index }
    }
}

/// A Vectorscan database of every rule pattern of one pass, compiled in prefilter mode: one scan
/// of a line says which patterns *may* match, and only those run in PCRE2. Prefilter mode
/// over-approximates constructs Vectorscan lacks (back references, lookaround), so a pattern
/// that can match is always reported; it never decides a match, PCRE2 does.
///
/// Immutable and shared between threads; each thread scans with its own `PrefilterScratch`.
public final class Prefilter: @unchecked Sendable {
    /// Rules (by index into the rule set) whose pattern Vectorscan cannot compile, with its
    /// message: they run in PCRE2 on every line.
    public let unfiltered: [(index: Int, message: String)]
    /// For each rule index: true when the database covers its pattern.
    let covered: [Bool]
    let database: OpaquePointer?

    /// Compiles the patterns of the rules at `indices` (rules without a pattern are skipped).
    init(rules: [Rule], indices: [Int]) {
        var covered = Array(repeating: false, count: rules.count)
        var unfiltered: [(Int, String)] = []
        var candidates: [Int] = []
        // Unsupported syntax shows up cheaply here; the full compile below is slow to fail.
        for i in indices {
            guard let pattern = rules[i].pattern else { continue }
            if let message = Prefilter.unsupported(pattern) { unfiltered.append((i, message)) } else { candidates.append(i) }
        }
        var database: OpaquePointer?
        // A multi-pattern compile fails as a whole and names the expression it stopped at:
        // drop that one (it stays unfiltered) and compile the rest again.
        while !candidates.isEmpty {
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let rc = Prefilter.compile(candidates.map { rules[$0].pattern! }, ids: candidates,
                                       database: &database, error: &error)
            if rc == HS_SUCCESS { break }
            let failed = error.map { Int($0.pointee.expression) } ?? -1
            let message = error.map { String(cString: $0.pointee.message) } ?? "Vectorscan error \(rc)"
            if let error { hs_free_compile_error(error) }
            guard candidates.indices.contains(failed) else {
                // Not blamed on one pattern: filter nothing rather than risk a wrong answer.
                unfiltered += candidates.map { ($0, message) }
                candidates = []
                break
            }
            unfiltered.append((candidates[failed], message))
            candidates.remove(at: failed)
        }
        for i in candidates { covered[i] = true }
        self.covered = covered
        self.unfiltered = unfiltered.sorted { $0.0 < $1.0 }
        self.database = candidates.isEmpty ? nil : database
    }

    deinit { if let database { hs_free_database(database) } }

    private static func unsupported(_ pattern: Pattern) -> String? {
        var info: UnsafeMutablePointer<hs_expr_info_t>?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let rc = hs_expression_info(pattern.source, flags(pattern), &info, &error)
        free(info)
        guard rc != HS_SUCCESS else { return nil }
        let message = error.map { String(cString: $0.pointee.message) } ?? "Vectorscan error \(rc)"
        if let error { hs_free_compile_error(error) }
        return message
    }

    private static func flags(_ p: Pattern) -> UInt32 {
        var f = UInt32(HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY)
        if p.caseless { f |= UInt32(HS_FLAG_CASELESS) }
        return f
    }

    /// The same options PCRE2 gets (UTF, UCP, caseless unless the rule is case-sensitive), plus
    /// prefilter mode; one report per pattern is all the scan needs.
    private static func compile(_ patterns: [Pattern], ids: [Int], database: inout OpaquePointer?,
                                error: inout UnsafeMutablePointer<hs_compile_error_t>?) -> hs_error_t {
        let flags = patterns.map(Prefilter.flags)
        let ids = ids.map(UInt32.init)
        let sources = patterns.map { strdup($0.source) }
        defer { sources.forEach { free($0) } }
        let expressions: [UnsafePointer<CChar>?] = sources.map { UnsafePointer($0) }
        return hs_compile_multi(expressions, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK),
                                nil, &database, &error)
    }

    /// Marks in `scratch.fired` every rule whose pattern may match `bytes`. Returns false when
    /// the scan could not run; the caller then treats every rule as possibly matching.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, scratch: PrefilterScratch) -> Bool {
        scratch.fired.update(repeating: 0)
        guard let database, let space = scratch.space, let base = bytes.baseAddress, bytes.count > 0 else { return false }
        let rc = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            hs_scan(database, chars, UInt32(bytes.count), 0, space, { id, _, _, _, context in
                context!.assumingMemoryBound(to: UInt8.self)[Int(id)] = 1
                return 0
            }, UnsafeMutableRawPointer(scratch.fired.baseAddress!))
        }
        return rc == HS_SUCCESS
    }
}

/// Per-thread Vectorscan scratch space, and the flags the last scan set (one per rule).
public final class PrefilterScratch {
    let space: OpaquePointer?
    let fired: UnsafeMutableBufferPointer<UInt8>

    init(ruleCount: Int, prefilters: [Prefilter]) {
        var space: OpaquePointer?
        for p in prefilters { if let db = p.database { hs_alloc_scratch(db, &space) } }
        self.space = space
        fired = .allocate(capacity: max(1, ruleCount))
        fired.initialize(repeating: 0)
    }

    deinit {
        if let space { hs_free_scratch(space) }
        fired.deallocate()
    }
}
