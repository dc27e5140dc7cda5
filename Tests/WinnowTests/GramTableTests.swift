import Testing
import CWinnowScan
@testable import Winnow

/// `GramTable`, the prefilter's tables of literals of three bytes or more, tested on its own:
/// every literal must mark its terms wherever it stands in a line, in any ASCII case, and only
/// a whole literal may (literals sharing their first bytes are told apart).
@Suite struct GramTableTests {
    static let prefilter = Repo.rules.prefilters!.firstPass
    /// A scan's scratch for `prefilter` (one per test: tests run in parallel).
    static func scratch() -> PrefilterScratch { RuleMatcher(rules: Repo.rules).prefilterScratch! }

    /// Literal k of `table` (lowercased) and its terms, each with the edges it needs there.
    static func literals(of table: GramTable) -> [(bytes: [UInt8], terms: [(term: Int, edges: UInt8)])] {
        (0..<table.count).map { table.literal($0) }
    }

    static func upper(_ bytes: [UInt8]) -> [UInt8] { bytes.map { $0 &- 0x61 < 26 ? $0 & ~0x20 : $0 } }

    /// Every literal of the bundled rules' tables, alone, between other bytes and in capitals:
    /// the full scan marks all its terms, except, inside a word, those that need a word's edge
    /// there (`RequiredLiterals.Edges`).
    @Test func everyBundledLiteralIsFoundAnywhereInAnyCase() {
        let scratch = Self.scratch()
        let tables = [Self.prefilter.triples, Self.prefilter.longs]
        // Terms listed under one literal only: no other literal of theirs can mark them.
        var listings: [Int: Int] = [:]
        for table in tables { for (_, terms) in Self.literals(of: table) { for t in terms { listings[t.term, default: 0] += 1 } } }
        var edged = 0
        for table in tables {
            let literals = Self.literals(of: table)
            #expect(literals.count > 100)
            for (bytes, terms) in literals {
                // A literal after a number (`Edges.number`) is looked for only after a digit (or a
                // byte that is not ASCII).
                for (line, inWord, number) in [(bytes, false, false), (Array("x".utf8) + bytes + Array("y".utf8), true, false),
                                               (Array("a b ".utf8) + Self.upper(bytes) + Array(" c".utf8), false, false),
                                               (Self.upper(bytes) + Array(".".utf8), false, false),
                                               (Array("«".utf8) + bytes + Array("’".utf8), false, true),
                                               (Array("a 5, ".utf8) + bytes + Array(" c".utf8), false, true)] {
                    let scanned = line.withUnsafeBufferPointer { Self.prefilter.scan($0, scratch: scratch) }
                    #expect(scanned)
                    let missing = terms.filter { (!inWord || $0.edges == 0) && (number || $0.edges & 4 == 0) && scratch.fired[$0.term] == 0 }.map(\.term)
                    #expect(missing.isEmpty, "\(String(decoding: line, as: UTF8.self)): terms \(missing)")
                    guard inWord else { continue }
                    let outOfPlace = terms.filter { $0.edges != 0 && listings[$0.term] == 1 && scratch.fired[$0.term] != 0 }.map(\.term)
                    edged += terms.filter { $0.edges != 0 && listings[$0.term] == 1 }.count
                    #expect(outOfPlace.isEmpty, "\(String(decoding: line, as: UTF8.self)): terms \(outOfPlace)")
                }
            }
        }
        #expect(edged > 50)
    }

    /// Step 530: what `mark` and `markTriple` read. Each key of every bundled table is found in
    /// its bucket of `packed` (`bucketStart`, by its hash's high bits), its literals after it in
    /// order, each with the length, terms, edges, tail and bytes' start of `literal(k)` and the
    /// terms' edges, `offsetOf[k]` at its control word; a group that fits in a cache line lies in
    /// one, and the groups' sizes (padding included) walk each bucket to its end.
    @Test func packedTablesHoldEveryLiteralInItsBucket() {
        for prefilter in Repo.rules.prefilters!.tables {
            for table in [prefilter.triples, prefilter.longs] {
                let header = table.width == 3 ? 1 : 4
                var literals = 0
                for bucket in 0..<(GramTable.hashBits >> table.bucketShift) {
                    var o = Int(table.bucketStart[bucket])
                    let end = Int(table.bucketStart[bucket + 1])
                    while o < end { o += Int(table.packed[o + 1]) }
                    #expect(o == end, "bucket \(bucket)")
                }
                for slot in UnsafeBufferPointer(start: table.slotTable, count: table.slots) where slot.end != 0 {
                    let bucket = GramTable.hash(slot.key) >> table.bucketShift
                    var o = Int(table.bucketStart[bucket])
                    let end = Int(table.bucketStart[bucket + 1])
                    while o < end && table.packed[o] != slot.key { o += Int(table.packed[o + 1]) }
                    #expect(o < end, "key \(slot.key)")
                    guard o < end else { continue }
                    let group = o
                    o += 2
                    for l in Int(slot.first)..<Int(slot.end) {
                        let (bytes, terms) = table.literal(l)
                        let control = table.packed[o]
                        #expect(Int(table.offsetOf[l]) == o)
                        #expect(Int(control & 0xFFFF) == bytes.count && Int(control >> 16 & 0x1FFF) == terms.count)
                        #expect(UInt8(control >> 29 & 3) == table.literal[l].edged && (control >> 31 != 0) == (l + 1 < Int(slot.end)))
                        if header == 4 {
                            #expect((UInt64(table.packed[o + 1]) | UInt64(table.packed[o + 2]) << 32) == table.literal[l].tail)
                            #expect(Int32(bitPattern: table.packed[o + 3]) == table.literal[l].start)
                        }
                        for (i, t) in terms.enumerated() {
                            let word = table.packed[o + header + i]
                            #expect(Int(word & 0x1FFF_FFFF) == t.term && UInt8(word >> 29) == t.edges)
                        }
                        o += header + terms.count
                        literals += 1
                    }
                    if o - group <= 16 { #expect(group / 16 == (o - 1) / 16, "key \(slot.key) straddles a cache line") }
                }
                #expect(literals == table.count)
            }
        }
    }

    /// The scan's live tables (`PrefilterScratch.LiveTables`, one buffer per prefilter that
    /// the loop reads through one pointer): each prefilter's pair rows, four-byte bits, the
    /// lowercase table and its rows of third bytes at their offsets, and a scan leaves them as
    /// they were (the pairs it cleared set again).
    @Test func liveTablesHoldEachPrefiltersTablesAtTheirOffsets() throws {
        let rules = Repo.rules, scratch = Self.scratch()
        typealias Live = PrefilterScratch.LiveTables
        for prefilter in rules.prefilters!.tables {
            let live = UnsafeRawPointer(try #require(scratch.livePairs(of: prefilter)))
            func check() {
                #expect(prefilter.pairRows.indices.allSatisfy { live.load(fromByteOffset: 8 * Live.pairs + 2 * $0, as: UInt16.self) == prefilter.pairRows[$0] })
                #expect((0..<(Live.bytes - Live.fours)).allSatisfy { live.load(fromByteOffset: 8 * (Live.fours + $0), as: UInt64.self) == prefilter.longs.bits[$0] })
                #expect((0..<256).allSatisfy { live.load(fromByteOffset: 8 * Live.bytes + $0, as: UInt8.self) == Prefilter.lower(UInt8($0)) })
                #expect((0..<256).allSatisfy { live.load(fromByteOffset: 8 * Live.classes + 4 * $0, as: UInt32.self) == prefilter.classes.classOf[$0] })
                let thirds = Live.thirds(of: prefilter)
                #expect(prefilter.thirds.indices.allSatisfy { live.load(fromByteOffset: 8 * thirds + $0, as: UInt8.self) == prefilter.thirds[$0] })
            }
            check()
            let line = Array("Share this: the Privacy Policy, 12 comments, posted by Ann at 5 pm © 2024".utf8)
            #expect(line.withUnsafeBufferPointer { prefilter.scan($0, scratch: scratch) })
            check()
        }
    }

    /// The window tables (`Prefilter.pairRows`, `Prefilter.thirds`, step 280): a pair's bit 0
    /// is set exactly when it has terms, and its row has, for each third byte, bit 0 exactly
    /// when the three bytes are a literal of `triples` and bit 1 exactly when they begin one of
    /// `longs`; a pair that begins no gram-table literal has the empty row.
    /// Step 383: `tripleAt` holds, at each pair's row and third byte, the index of the triple
    /// that is those three bytes, and -1 wherever `thirds` has no triple. Fails with the index
    /// of a neighbouring literal (checked once).
    @Test func tripleIndexNamesTheTripleOfEachRowAndThirdByte() {
        for prefilter in Repo.rules.prefilters!.tables {
            let triples = Self.literals(of: prefilter.triples).map(\.bytes)
            var named = 0
            let classes = prefilter.classes
            for pair in 0..<0x10000 where Prefilter.lower(UInt8(pair >> 8)) == pair >> 8 && Prefilter.lower(UInt8(pair & 0xFF)) == pair & 0xFF {
                let entry = prefilter.pairRows[classes.pairIndex(pair)]
                guard entry >> 1 != 0 else { continue }
                for c in 0..<256 where Prefilter.lower(UInt8(c)) == c && classes.thirdClass(c) != 0 {
                    let at = classes.thirdIndex(entry, c)
                    let l = Int(prefilter.tripleAt[at])
                    if prefilter.thirds[at] & 1 == 0 {
                        #expect(l == -1, "pair \(pair), third \(c)")
                        continue
                    }
                    #expect(l >= 0 && l < triples.count && triples[l] == [UInt8(pair >> 8), UInt8(pair & 0xFF), UInt8(c)], "pair \(pair), third \(c)")
                    named += 1
                }
            }
            #expect(named == triples.count)
        }
    }

    @Test func windowTablesHoldExactlyTheGramLiteralsFirstThreeBytes() {
        for prefilter in Repo.rules.prefilters!.tables {
            var expected: [Int: UInt8] = [:]
            for (table, bit, shift) in [(prefilter.triples, UInt8(1), UInt32(0)), (prefilter.longs, UInt8(2), UInt32(8))] {
                for slot in UnsafeBufferPointer(start: table.slotTable, count: table.slots) where slot.end != 0 {
                    expected[Int(slot.key >> shift), default: 0] |= bit
                }
            }
            // Step 321: the edges every term there needs, by the literals' own lists: a triple's
            // `before` (4) and `after` (8), the `before` of every long with those three bytes (16).
            var longsBefore: [Int: Bool] = [:]
            for (table, width) in [(prefilter.triples, 3), (prefilter.longs, 4)] {
                for (bytes, terms) in Self.literals(of: table) {
                    let three = bytes.prefix(3).reduce(0) { $0 << 8 | Int($1) }
                    let before = terms.allSatisfy { $0.edges & 1 != 0 }, after = terms.allSatisfy { $0.edges & 2 != 0 }
                    if width == 3 {
                        // Step 633: bit 5 when every term needs the same edges, none a number before it.
                        let uniform = Set(terms.map(\.edges)).count == 1 && terms[0].edges & 4 == 0
                        expected[three]! |= (before ? 4 : 0) | (after ? 8 : 0) | (uniform ? 32 : 0)
                    } else {
                        longsBefore[three] = (longsBefore[three] ?? true) && before
                    }
                }
            }
            for (three, before) in longsBefore where before { expected[three]! |= 16 }
            #expect(expected.values.contains { $0 & 4 != 0 } && expected.values.contains { $0 & 8 != 0 } && expected.values.contains { $0 & 16 != 0 }
                    && expected.values.contains { $0 & 32 != 0 })
            #expect(expected.count > 100)
            var found: [Int: UInt8] = [:]
            var pairsWithTerms = 0
            // Step 493: by the bytes' classes, each lowercased pair and third byte once; a byte
            // of class 0 has an empty entry and an empty place in each row.
            let classes = prefilter.classes
            let lowered: [Int] = (0..<256).filter { (b: Int) in Int(Prefilter.lower(UInt8(b))) == b }
            for first in lowered {
                for second in lowered {
                    let pair = first << 8 | second, entry = prefilter.pairRows[classes.pairIndex(pair)]
                    if classes.classOf[first] & 0xFF == 0 || classes.classOf[second] >> 8 & 0xFF == 0 { #expect(entry == 0); continue }
                    if entry & 1 != 0 {
                        pairsWithTerms += 1
                        #expect(prefilter.pairStart[pair + 1] > prefilter.pairStart[pair], "pair \(pair)")
                    }
                    guard entry >> 1 != 0 else { continue }
                    for c in lowered where classes.thirdClass(c) != 0 && prefilter.thirds[classes.thirdIndex(entry, c)] != 0 {
                        found[pair << 8 | c] = prefilter.thirds[classes.thirdIndex(entry, c)]
                    }
                    #expect(prefilter.thirds[Int(entry >> 1) << classes.shift] == 0, "class 0 in the row of pair \(pair)")
                }
            }
            #expect(found == expected)
            #expect(prefilter.thirds[0..<(1 << classes.shift)].allSatisfy { $0 == 0 })
            // Every class but 0 of each place is one lowercased byte's, and back.
            for k in 0..<3 {
                for c in 1..<classes.byteOf[k].count {
                    let byte = Int(classes.byteOf[k][c])
                    #expect(Int(classes.classOf[byte] >> UInt32(8 * k) & 0xFF) == c, "place \(k), class \(c)")
                }
            }
            // Up to 63 bytes a place: 6. The third bytes are 64 since perf73 (step 722: the digits of
            // `topic.specifics`' "rs0" … "rs9"), so 7 for the tables that hold them: D1mr +0.6 % on the
            // profile's pages against 2 % fewer instructions.
            #expect(classes.shift <= 7)
            #expect(pairsWithTerms == (prefilter.pairStart.isEmpty ? 0 : (0..<0x10000).filter { prefilter.pairStart[$0 + 1] > prefilter.pairStart[$0] }.count))
        }
    }

    /// The scan's loop (the pair rows, the rows of third bytes, the edge gates of step 321, the
    /// four-byte hash) against a plain reading: every pair with terms, and every place's three
    /// and four bytes looked up in `triples` and `longs` by `GramTable.mark` with its own tests
    /// of edges. Random lines of the bundled literals in either case between separators, word
    /// bytes, digits and non-ASCII bytes, from 0 bytes to 4,105, with literals at the first
    /// and the last bytes. Every term the plain reading marks must be marked, and the terms that
    /// only pairs and gram literals can mark exactly those.
    @Test func scanMarksWhatEveryPlacesLookupMarks() {
        let scratch = Self.scratch()
        var g = EngineCostTests.Generator(state: 0x5DEE_CE66_D1CE_4E5B)
        let room = 2048
        var checked = 0
        for prefilter in Repo.rules.prefilters!.tables {
            let grams = Self.literals(of: prefilter.triples).map(\.bytes) + Self.literals(of: prefilter.longs).map(\.bytes)
            var pairTerms = Set<Int>()
            for key in 0..<0x10000 where !prefilter.pairStart.isEmpty {
                for k in Int(prefilter.pairStart[key])..<Int(prefilter.pairStart[key + 1]) { pairTerms.insert(Int(prefilter.pairTerms[k])) }
            }
            let gramTerms = Set((Self.literals(of: prefilter.triples) + Self.literals(of: prefilter.longs)).flatMap { $0.terms.map(\.term) })
            let others = Set(prefilter.byteTerms.map(Int.init) + prefilter.shortPlaced.map { Int($0.term) } + prefilter.wordTerms.map(Int.init)
                             + prefilter.anchored.allTerms + prefilter.endAnchored.allTerms)
            let only = gramTerms.union(pairTerms).subtracting(others)
            #expect(only.count > 100)
            let glue: [[UInt8]] = [[0x20], [0x78], [0x2D], [0x35], [0x2E], [0x5F], [0xC3, 0xA9], [0x41], [0x09], [0x27]]
            func literal() -> [UInt8] {
                let l = grams[g.next(grams.count)]
                return g.next(3) == 0 ? Self.upper(l) : l
            }
            for length in [0, 1, 2, 3, 4, 5, 7, 12, 40, 200, room - 3, room, room + 1, room + 5, 2 * room + 9] {
                for _ in 0..<(length < 50 ? 30 : 6) {
                    var line: [UInt8] = g.next(2) == 0 ? literal() : []
                    while line.count < length { line += g.next(3) == 0 ? literal() : glue[g.next(glue.count)] }
                    if line.count > length { line.removeLast(line.count - length) }
                    if length > 8 && g.next(2) == 0 { let l = literal(); line.replaceSubrange(max(0, line.count - l.count)..., with: l) }
                    let scanned = line.withUnsafeBufferPointer { prefilter.scan($0, scratch: scratch) }
                    #expect(scanned || line.isEmpty)
                    let fired = Set(scratch.marked)
                    scratch.clear()
                    line.withUnsafeBufferPointer { buffer in
                        for s in line.indices {
                            let key = Int(Prefilter.lower(line[s])) << 8 | (s + 1 < line.count ? Int(Prefilter.lower(line[s + 1])) : 0x100)
                            if s + 1 < line.count, !prefilter.pairStart.isEmpty {
                                for k in Int(prefilter.pairStart[key])..<Int(prefilter.pairStart[key + 1]) { scratch.mark(Int(prefilter.pairTerms[k])) }
                            }
                            for (table, width) in [(prefilter.triples, 3), (prefilter.longs, 4)] where s + width <= line.count {
                                table.mark(GramTable.key(Array(line[s..<s + width]).map(Prefilter.lower), width: width), at: s, in: buffer, scratch: scratch)
                            }
                        }
                    }
                    let plain = Set(scratch.marked)
                    let text = String(decoding: line.prefix(80), as: UTF8.self)
                    #expect(plain.subtracting(fired).isEmpty, "\(line.count) bytes, \(text): missing \(plain.subtracting(fired).sorted())")
                    #expect(fired.intersection(only) == plain.intersection(only), "\(line.count) bytes, \(text): extra \(fired.intersection(only).subtracting(plain).sorted())")
                    checked += 1
                }
            }
        }
        #expect(checked > 300)
    }

    /// The marks of the window pass's events in C (`ws_mark_events`, step 582) are those of a
    /// plain reading of the same events in Swift: each pair event's terms from `pairStart`, each
    /// triple's and each long's by `GramTable.mark` of its bytes at its place (the plain lookup,
    /// with its own tests of edges), the same terms listed in the same order, the sink never
    /// listed. Every table of the bundled rules; random lines of their gram literals in either
    /// case between separators, word bytes, digits and non-ASCII bytes, from 0 bytes to a chunk
    /// and more, from any place; literals at the line's first and last bytes.
    @Test func eventMarksInCAreThoseOfThePlainLookups() throws {
        let scratch = Self.scratch()
        var g = EngineCostTests.Generator(state: 0x2545_F491_4F6C_DD1D)
        let chunk = Int(WS_WINDOW_CHUNK)
        let events = scratch.events, counts = scratch.eventCounts
        var checked = 0, marked = 0
        for prefilter in Repo.rules.prefilters!.tables {
            let (_, tables, marks) = try #require(scratch.liveTables(of: prefilter))
            let grams = Self.literals(of: prefilter.triples).map(\.bytes) + Self.literals(of: prefilter.longs).map(\.bytes)
            let glue: [[UInt8]] = [[0x20], [0x78], [0x2D], [0x35], [0x2E], [0x2C], [0x5F], [0xC3, 0xA9], [0x41], [0x09], [0x27], [0x31, 0x20]]
            func literal() -> [UInt8] {
                let l = grams[g.next(grams.count)]
                return g.next(3) == 0 ? Self.upper(l) : l
            }
            for length in Array(0...40) + [64, 200, chunk - 1, chunk + 9] {
                for _ in 0..<(length <= 64 ? 10 : 3) {
                    var line: [UInt8] = g.next(2) == 0 ? literal() : []
                    while line.count < length { line += g.next(3) == 0 ? literal() : glue[g.next(glue.count)] }
                    line.removeLast(line.count - length)
                    if length > 8 && g.next(2) == 0 { let l = literal(); line.replaceSubrange(max(0, line.count - l.count)..., with: l) }
                    // (A literal longer than the line replaces it whole.)
                    let n = line.count
                    let from = n == 0 || g.next(2) == 0 ? 0 : g.next(n)
                    let to = min(n, from + chunk)
                    line.withUnsafeBufferPointer { l in
                        let base = l.baseAddress ?? UnsafePointer(bitPattern: 1)!
                        ws_scan_windows(tables, base, n, from, to, events, counts)
                        scratch.clear()
                        prefilter.pairStart.withUnsafeBufferPointer { start in
                            prefilter.pairTerms.withUnsafeBufferPointer { terms in
                                marks.pointee.pairStart = start.baseAddress
                                marks.pointee.pairTerms = terms.baseAddress
                                ws_mark_events(marks, base, n, from, events, counts, scratch.fired.cFlags)
                            }
                        }
                        let inC = Array(scratch.marked)
                        scratch.clear()
                        for k in 0..<counts[0] {
                            let key = Int(events[k] >> 32)
                            for t in Int(prefilter.pairStart[key])..<Int(prefilter.pairStart[key + 1]) { scratch.mark(Int(prefilter.pairTerms[t])) }
                        }
                        for (kind, table, width) in [(1, prefilter.triples, 3), (2, prefilter.longs, 4)] {
                            for k in 0..<counts[kind] {
                                let s = from - 2 + Int(UInt32(truncatingIfNeeded: events[kind * chunk + k]))
                                let key = GramTable.key(Array(line[s..<(s + width)]).map(Prefilter.lower), width: width)
                                table.mark(key, at: s, in: l, scratch: scratch)
                            }
                        }
                        let plain = Array(scratch.marked)
                        scratch.clear()
                        ws_restore_window(tables)
                        let text = String(decoding: line.prefix(60), as: UTF8.self)
                        #expect(inC == plain, "\(n) bytes from \(from): \(text)")
                        #expect(!inC.contains(scratch.fired.sink))
                        marked += inC.count
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000 && marked > 5_000, "\(checked) lines, \(marked) terms")
    }

    /// `ws_seen_bits` (step 581) sets bit `b & 63` of word `b >> 6` exactly where `seen[b]` is
    /// not 0: for no flag, every flag, each flag alone, and random flags of any nonzero value.
    @Test func seenBitsAreTheFlagsSet() {
        var g = EngineCostTests.Generator(state: 0x9E37_79B9_7F4A_7C15)
        var cases: [[UInt8]] = [[UInt8](repeating: 0, count: 256), [UInt8](repeating: 1, count: 256), [UInt8](repeating: 0xFF, count: 256)]
        for b in 0..<256 { var one = [UInt8](repeating: 0, count: 256); one[b] = UInt8(1 + g.next(255)); cases.append(one) }
        for _ in 0..<300 { cases.append((0..<256).map { _ in g.next(3) == 0 ? UInt8(1 + g.next(255)) : 0 }) }
        var bits = [UInt64](repeating: 0xDEAD, count: 4)
        for seen in cases {
            ws_seen_bits(seen, &bits)
            let plain = (0..<4).map { w in (0..<64).reduce(UInt64(0)) { $0 | (seen[64 * w + $1] != 0 ? 1 << UInt64($1) : 0) } }
            #expect(bits == plain)
        }
    }

    /// The window pass (`ws_scan_windows`, step 440): its AVX2 path (where the machine has it)
    /// writes the same events of each kind (step 491), in the same order, and flags the same needed bytes (`seenLow`'s
    /// and every byte from 0x60 on) as its plain path, for every table of the bundled rules, on
    /// random lines of every length from 0 to 64 and some longer, of every byte value, of the
    /// tables' gram literals in either case and of their pairs, passed whole or from any place,
    /// up to any end before the line's (the chunks of a longer line), with a pair's bit cleared
    /// or not (a pair marked earlier in the line); each pair comes once.
    /// Without AVX2 `ws_scan_windows` is the plain pass itself, so the test would compare the
    /// plain pass with itself: it is reported as skipped there instead of passing.
    @Test(.enabled(if: ws_scan_windows_simd() != 0, "needs AVX2: without it ws_scan_windows is the plain pass"))
    func windowPassMatchesItsPlainPath() throws {
        let scratch = Self.scratch()
        var g = EngineCostTests.Generator(state: 0x7F4A_7C15_9E37_79B9)
        let chunk = Int(WS_WINDOW_CHUNK)
        var simd = [UInt64](repeating: 0, count: 3 * chunk), plain = simd
        var simdCounts = [Int](repeating: 0, count: 3), plainCounts = simdCounts
        // Each kind's events, from its part of the buffer.
        func kinds(_ events: [UInt64], _ counts: [Int]) -> [[UInt64]] { (0..<3).map { Array(events[$0 * chunk..<($0 * chunk + counts[$0])]) } }
        var checked = 0, events = 0
        for prefilter in Repo.rules.prefilters!.tables {
            let (bits, tables, _) = try #require(scratch.liveTables(of: prefilter))
            let pairs = UnsafeMutableRawPointer(bits + PrefilterScratch.LiveTables.pairs).assumingMemoryBound(to: UInt16.self)
            let grams = Self.literals(of: prefilter.triples).map(\.bytes) + Self.literals(of: prefilter.longs).map(\.bytes)
            // The pairs with terms, by their bytes (lowercased), and their entries (step 493).
            let pairKeys = (0..<0x10000).filter {
                Prefilter.lower(UInt8($0 >> 8)) == $0 >> 8 && Prefilter.lower(UInt8($0 & 0xFF)) == $0 & 0xFF && pairs[prefilter.classes.pairIndex($0)] & 1 != 0
            }
            var needed = [Bool](repeating: false, count: 256)
            for b in 0..<256 { needed[b] = b >= 0x60 || prefilter.seenLow[b & 15] >> (b >> 4) & 1 != 0 }
            let seen = tables.pointee.seen!
            func piece() -> [UInt8] {
                switch g.next(6) {
                case 0: let l = grams[g.next(grams.count)]; return g.next(2) == 0 ? Self.upper(l) : l
                case 1: let k = pairKeys.isEmpty ? 0x2020 : pairKeys[g.next(pairKeys.count)]; return [UInt8(k >> 8), UInt8(k & 0xFF)]
                case 2: return [UInt8(g.next(256))]
                default: return [Array(" xeAZ1.,-_'".utf8)[g.next(11)]]
                }
            }
            for length in Array(0...64) + [100, 255, 1000, chunk + 37] {
                for _ in 0..<(length <= 64 ? 12 : 4) {
                    var line: [UInt8] = []
                    while line.count < length { line += piece() }
                    line.removeLast(line.count - length)
                    // A pair marked earlier: its bit cleared, as `markPair` does.
                    let cleared = !pairKeys.isEmpty && g.next(2) == 0 ? prefilter.classes.pairIndex(pairKeys[g.next(pairKeys.count)]) : -1
                    if cleared >= 0 { pairs[cleared] &= 0xFFFE }
                    defer { if cleared >= 0 { pairs[cleared] |= 1 } }
                    // Each pass clears the bits of the pairs it meets: set again after each.
                    func restore() {
                        ws_restore_window(tables)
                        if cleared >= 0 { pairs[cleared] &= 0xFFFE }
                    }
                    let from = length == 0 || g.next(2) == 0 ? 0 : g.next(length)
                    let to = min(length, from + chunk, g.next(3) == 0 ? from + g.next(length - from + 1) : length)
                    line.withUnsafeBufferPointer { l in
                        let base = l.baseAddress ?? UnsafePointer(bitPattern: 1)!
                        seen.update(repeating: 0, count: 256)
                        ws_scan_windows(tables, base, length, from, to, &simd, &simdCounts)
                        let seenSIMD = (0..<256).map { needed[$0] && seen[$0] != 0 }
                        restore()
                        seen.update(repeating: 0, count: 256)
                        ws_scan_windows_plain(tables, base, length, from, to, &plain, &plainCounts)
                        // A pair comes once: its bit is cleared.
                        #expect((0..<plainCounts[0]).allSatisfy { pairs[prefilter.classes.pairIndex(Int(plain[$0] >> 32))] & 1 == 0 })
                        // At most one event of each kind a place, each in the places' order.
                        #expect(kinds(plain, plainCounts).allSatisfy { e in e.count <= to - from && zip(e, e.dropFirst()).allSatisfy { UInt32(truncatingIfNeeded: $0) < UInt32(truncatingIfNeeded: $1) } })
                        restore()
                        let seenPlain = (0..<256).map { needed[$0] && seen[$0] != 0 }
                        let text = String(decoding: line.prefix(60), as: UTF8.self)
                        #expect(kinds(simd, simdCounts) == kinds(plain, plainCounts), "\(length) bytes \(from)..<\(to): \(text)")
                        #expect(seenSIMD == seenPlain, "\(length) bytes \(from)..<\(to): \(text)")
                        // Every flag of a byte there, needed or not, in the plain pass.
                        #expect(line[from..<to].allSatisfy { seen[Int(Prefilter.lower($0))] != 0 })
                        events += plainCounts.reduce(0, +)
                    }
                    checked += 1
                }
            }
            seen.update(repeating: 0, count: 256)
        }
        #expect(checked > 2_000 && events > 10_000, "\(checked) lines, \(events) events")
    }

    /// `SparseFlags` (step 421: `insert` without a branch): each flag set is listed once,
    /// however often it is inserted, up to every flag of its capacity, and `clear` clears them.
    @Test func sparseFlagsListEachFlagOnce() {
        let flags = SparseFlags(capacity: 5)
        defer { flags.deallocate() }
        for i in [3, 3, 0, 3, 4, 0] { flags.insert(i) }
        #expect(Array(flags.listed) == [3, 0, 4])
        #expect((0..<5).map { flags[$0] } == [1, 0, 0, 1, 1])
        for i in [1, 2, 4, 1, 2, 0, 3] { flags.insert(i) }
        #expect(Array(flags.listed) == [3, 0, 4, 1, 2])
        flags.insert(2)
        #expect(Array(flags.listed).count == 5)
        flags.clear()
        #expect(Array(flags.listed).isEmpty && (0..<5).allSatisfy { flags[$0] == 0 })
        flags.insert(4)
        #expect(Array(flags.listed) == [4])
        // The sink (step 494): always set, never listed, not cleared.
        for _ in 0..<3 { flags.insert(flags.sink) }
        #expect(flags.sink == 5 && Array(flags.listed) == [4] && flags[flags.sink] == 1)
        flags.clear()
        flags.insert(flags.sink)
        #expect(Array(flags.listed).isEmpty && flags[flags.sink] == 1)
    }

    /// `GramTable.tailWord` (step 494: a long literal's bytes 4 to 11 compared in one test): the
    /// line's bytes s + 4 ..< s + 12 that it has, ASCII capitals lowercased, the first lowest and
    /// 0 past the line's end, as a plain reading byte by byte gives, for lines of every length
    /// from 4 to 40 of every byte value and every place s with s + 4 <= the length.
    @Test func tailWordIsTheLowercasedBytesAfterTheFirstFour() {
        var g = EngineCostTests.Generator(state: 0x2545_F491_4F6C_DD1D)
        var checked = 0
        for length in 4...40 {
            for round in 0..<24 {
                // Every byte value over the rounds, the capitals' edges more often.
                let line = (0..<length).map { k in
                    round < 2 ? UInt8((k * 37 + round * 128 + length) & 0xFF) : g.next(3) == 0 ? [0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC1, 0xDA][g.next(10)] : UInt8(g.next(256))
                }
                line.withUnsafeBufferPointer { l in
                    for s in 0...(length - 4) {
                        var plain: UInt64 = 0
                        for k in stride(from: min(s + 12, length) - 1, through: s + 4, by: -1) { plain = plain << 8 | UInt64(Prefilter.lower(l[k])) }
                        #expect(GramTable.tailWord(l.baseAddress!, count: length, at: s) == plain, "\(length) bytes at \(s): \(line)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }

    /// A table of literals sharing their first four bytes, looked up at every window of a line
    /// as the scan does: each whole literal marks its own term, a partial one marks nothing.
    @Test func literalsSharingTheirFirstBytesAreToldApart() {
        let scratch = Self.scratch()
        let table = GramTable(width: 4, literals: [(Array("abcdef".utf8), [(0, 0)]), (Array("abcdxy".utf8), [(1, 0)]),
                                                   (Array("abcd".utf8), [(2, 0)]), (Array("abce".utf8), [(3, 0)]),
                                                   (Array("zabcdefg".utf8), [(4, 0), (5, 0)])])
        func marked(_ text: String) -> Set<Int> {
            scratch.clear()
            let line = Array(text.utf8)
            line.withUnsafeBufferPointer { buffer in
                for s in 0...max(0, line.count - 4) where line.count >= 4 {
                    let key = line[s..<s + 4].reduce(UInt32(0)) { $0 << 8 | UInt32(Prefilter.lower($1)) }
                    table.mark(key, at: s, in: buffer, scratch: scratch)
                }
            }
            return Set((0..<6).filter { scratch.fired[$0] != 0 })
        }
        #expect(marked("abcdef") == [0, 2])
        #expect(marked("ABCDXY") == [1, 2])
        #expect(marked("--abcde") == [2])
        #expect(marked("abcexy") == [3])
        #expect(marked("ZAbcDefG") == [0, 2, 4, 5])
        #expect(marked("abc") == [])
        #expect(marked("abcxdef") == [])
    }

    /// `AnchoredLiterals` (step 320: each distinct place of the anchors visited once, a
    /// literal's first or last four bytes in one test) against a plain reading of the anchors:
    /// random literals of letters, spaces, punctuation and non-ASCII bytes, each with a random
    /// anchor at the start or the end and a term, on random lines of the same bytes in either
    /// case; a term is marked exactly when one of its literals stands at its anchor's place.
    @Test func anchoredLiteralsMatchAPlainReadingOfTheirAnchors() {
        let scratch = Self.scratch()
        var g = EngineCostTests.Generator(state: 0x2545_F491_4F6C_DD1D)
        let alphabet: [UInt8] = Array("abcAB -.,:'1".utf8) + [0xC3, 0xA9, 0x09]
        func random(_ count: Int) -> [UInt8] { (0..<count).map { _ in alphabet[g.next(alphabet.count)] } }
        typealias Anchor = RequiredLiterals.Anchor
        // The place of `anchor` in `line`: where the literal starts (at the start) or ends (at the end).
        func place(_ anchor: Anchor, atEnd: Bool, in line: [UInt8]) -> Int? {
            if atEnd {
                var p = line.count
                while p > 0 && anchor.skips(line[p - 1]) { p -= 1 }
                return p > 0 ? p : nil
            }
            var p = 0
            while p < line.count && anchor.skips(line[p]) { p += 1 }
            return p < line.count ? p : nil
        }
        var checked = 0, found = 0
        for round in 0..<200 {
            for atEnd in [false, true] {
                let anchors: [Anchor] = atEnd ? [.afterSpace, .afterNonWord] : [.start, .afterSpace, .afterNonWord]
                let literals = (0..<(4 + g.next(30))).map { _ in
                    (anchor: anchors[g.next(anchors.count)], bytes: random(1 + g.next(7)).map(Prefilter.lower), term: g.next(12))
                }
                let table = AnchoredLiterals(literals, atEnd: atEnd)
                for _ in 0..<40 {
                    var line = random(1 + g.next(12))
                    if g.next(2) == 0 {  // a literal in its place, often
                        let l = literals[g.next(literals.count)]
                        let pad = random(g.next(3))
                        line = atEnd ? line + Self.upper(l.bytes) + pad : pad + Self.upper(l.bytes) + line
                    }
                    scratch.clear()
                    line.withUnsafeBufferPointer { table.mark(in: $0, scratch: scratch) }
                    let lowered = line.map(Prefilter.lower)
                    var expected = Set<Int>()
                    for l in literals {
                        guard let p = place(l.anchor, atEnd: atEnd, in: line) else { continue }
                        let s = atEnd ? p - l.bytes.count : p
                        if s >= 0, s + l.bytes.count <= line.count, Array(lowered[s..<s + l.bytes.count]) == l.bytes { expected.insert(l.term) }
                    }
                    let marked = Set((0..<12).filter { scratch.fired[$0] != 0 })
                    #expect(marked == expected, "round \(round), \(atEnd ? "end" : "start"): \(line) with \(literals)")
                    checked += 1
                    found += expected.count
                }
            }
        }
        #expect(checked == 16_000 && found > 5_000)
    }

    /// The anchored literals' marks in C (`ws_mark_anchored`, step 680) are those of the Swift
    /// reference (`markPlain`): the same terms listed in the same order. The bundled rules'
    /// tables and random ones (literals of letters, spaces, punctuation, digits, `_`, non-ASCII
    /// and control bytes, each with a random anchor); lines of 1 to 64 bytes and 200 of every
    /// byte value, often with one of the table's literals, in either case, at the line's start or
    /// end behind spaces, punctuation or non-ASCII bytes.
    @Test func anchoredMarksInCAreThoseOfThePlainSwift() {
        let scratch = Self.scratch()
        var g = EngineCostTests.Generator(state: 0x9E37_79B9_7F4A_7C15)
        let alphabet: [UInt8] = Array("abcAB -.,:'1_".utf8) + [0xC3, 0xA9, 0x09, 0x80, 0xFF, 0x00]
        func random(_ count: Int) -> [UInt8] { (0..<count).map { _ in alphabet[g.next(alphabet.count)] } }
        typealias Anchor = RequiredLiterals.Anchor
        var tables = Repo.rules.prefilters!.tables.flatMap { [$0.anchored, $0.endAnchored] }
        for _ in 0..<40 {
            for atEnd in [false, true] {
                let anchors: [Anchor] = atEnd ? [.afterSpace, .afterNonWord] : [.start, .afterSpace, .afterNonWord]
                let literals = (0..<(1 + g.next(40))).map { _ in
                    (anchor: anchors[g.next(anchors.count)], bytes: random(1 + g.next(9)).map(Prefilter.lower), term: g.next(12))
                }
                tables.append(AnchoredLiterals(literals, atEnd: atEnd))
            }
        }
        let pads: [[UInt8]] = [[], [0x20], [0x09, 0x20], [0x2D, 0x20], [0x2E], [0x31], [0xC3, 0xA9], [0x5F], [0x22], [0x0A], [0xE2, 0x80, 0x9C]]
        var checked = 0, marked = 0
        for table in tables where !table.isEmpty {
            let literals = (0..<table.count).map { k in
                Array(UnsafeBufferPointer(start: table.bytes + Int(table.start[k]), count: Int(table.start[k + 1] - table.start[k])))
            }
            for length in Array(0...64) + [200] {
                for _ in 0..<3 {
                    var line = (0..<length).map { _ in UInt8(truncatingIfNeeded: g.next(256)) }
                    if g.next(3) != 0 {
                        let l = literals[g.next(literals.count)].map { g.next(2) == 0 ? Self.upper([$0])[0] : $0 }
                        let pad = pads[g.next(pads.count)], words = random(length % 13)
                        line = table.atEnd ? words + l + pad : pad + l + words
                    }
                    guard !line.isEmpty else { continue }
                    line.withUnsafeBufferPointer { l in
                        scratch.clear()
                        table.mark(in: l, scratch: scratch)
                        let inC = Array(scratch.marked)
                        scratch.clear()
                        table.markPlain(in: l, scratch: scratch)
                        let plain = Array(scratch.marked)
                        scratch.clear()
                        #expect(inC == plain, "\(table.atEnd ? "end" : "start"): \(Array(line.prefix(40)))")
                        marked += inC.count
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000 && marked > 5_000, "\(checked) lines, \(marked) terms")
    }
}

/// `BranchTable.anyHolds` against the plain definition: some branch of the list has all its
/// terms fired (a branch of no term holds; a nil list is not listed). The table tests each
/// branch's first term from its own array before reading the branch's bounds (step 354 in
/// docs/performance.md): a wrong first term, or one taken as the whole branch, fails here.
@Suite struct BranchTableTests {
    @Test func anyHoldsIsSomeBranchWithAllItsTermsFired() {
        let lists: [[[Int]]?] = [[[0, 1], [2]], nil, [[3, 4, 5]], [[1], [4, 0], [5, 2, 3]], [[], [0]], [[6, 1], [1, 6]], []]
        let table = BranchTable(lists) { $0 }  // rank: a higher term first in its branch
        #expect(lists.indices.map(table.isListed) == lists.map { $0 != nil })
        let fired = SparseFlags(capacity: 7)
        defer { fired.deallocate() }
        for set in 0..<(1 << 7) {
            fired.clear()
            for t in 0..<7 where set & (1 << t) != 0 { fired.insert(t) }
            for (i, list) in lists.enumerated() {
                guard let list else { continue }
                let expected = list.contains { $0.allSatisfy { set & (1 << $0) != 0 } }
                #expect(table.anyHolds(i, fired: fired) == expected, "list \(i), fired \(set)")
            }
        }
    }
}

/// `SplitProgram.holds` against the plain definition, for every alternative of every rule and
/// every set of fired terms: some branch of the alternative has all its terms fired (a branch of
/// no term holds, an alternative of no branch does not), whatever the rarest term in its pair
/// (step 521 in docs/performance.md). Each alternative's record names its own pattern's code.
@Suite struct SplitProgramTests {
    @Test func holdsIsSomeBranchWithAllItsTermsFired() throws {
        let a = try Pattern("a"), b = try Pattern("b"), c = try Pattern("c")
        // One branch of two terms or none: settled in the record, without branches (step 572).
        let alternatives: [[[Int]]] = [[[0, 1], [2]], [[3, 4, 5]], [[1], [4, 0], [5, 2, 3]], [[], [0]], [[6, 1], [1, 6]], [], [[6]], [[0, 2, 4, 6]],
                                       [[5, 2]], [[]]]
        let patterns = [a, b, c, a, b, c, a, b, c, a]
        // Rules: two split ones, one not, one split into the rest.
        let rules: [[(pattern: Pattern, branches: [[Int]])]?] = [
            [(patterns[0], alternatives[0]), (patterns[1], alternatives[1])], nil,
            (2..<alternatives.count).map { (patterns[$0], alternatives[$0]) }, [],
        ]
        let program = SplitProgram(rules: rules) { $0 }  // rank: a higher term first in its branch
        let copy = program.threadCopy()
        let fired = SparseFlags(capacity: 7)
        defer { fired.deallocate() }
        for p in [program, copy] {
            var k = 0
            for (i, rule) in rules.enumerated() {
                let from = Int(p.rules[2 * i + 1]), to = Int(p.rules[2 * i + 3])
                #expect(from == k && to - from == (rule?.count ?? 0), "rule \(i)")
                k = to
            }
            #expect(k == alternatives.count)
            for k in alternatives.indices { #expect(p.runs[k].code == patterns[k].code && p.runs[k].direct) }
            for set in 0..<(1 << 7) {
                fired.clear()
                for t in 0..<7 where set & (1 << t) != 0 { fired.insert(t) }
                for (i, rule) in rules.enumerated() {
                    let from = Int(p.rules[2 * i + 1]), pairs = p.stream + Int(p.rules[2 * i])
                    for (j, alternative) in (rule ?? []).enumerated() {
                        let expected = alternative.branches.contains { $0.allSatisfy { set & (1 << $0) != 0 } }
                        #expect(p.holds(pair: pairs + SplitProgram.stride * j, fired: fired) == expected, "alternative \(from + j), fired \(set)")
                    }
                }
            }
        }
    }
}
