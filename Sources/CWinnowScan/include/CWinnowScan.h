// The literal prefilter's pass for the literals of one or two bytes after a number
// (`Prefilter.markShortPlaced`), in C: it skips to the next digit 16 bytes at a time (SSE2).
// The tables are flat buffers that `Prefilter` builds and owns.
#ifndef CWINNOWSCAN_H
#define CWINNOWSCAN_H

#include <stdint.h>
// `LineFeatures`' counts from bit masks (features.c); this header is the module's umbrella.
#include "CWinnowFeatures.h"

/// Flags for 0..<capacity, each flag set also listed (`SparseFlags`).
typedef struct {
    uint8_t *flags;
    int32_t *list;
    intptr_t *count;
} WSFlags;

/// The literals of one or two bytes after a number (`Prefilter.shortPlaced`), flat: those of
/// first byte b (lowercased) are `start[b]..<start[b + 1]`, each with its second byte
/// (lowercased; -1 for none), the edges it needs (`RequiredLiterals.Edges`) and its term;
/// `first[b]` is nonzero when some has first byte b in either case; `numberKind[b]` is 2 for an
/// ASCII digit or a byte that is not ASCII, 1 for a separator (`RequiredLiterals.Edges.isSeparator`:
/// an ASCII space, tab, line or page break, `,` or `.`), else 0;
/// `lowercase[b]` is b with ASCII capitals lowercased.
typedef struct {
    const int32_t *start;
    const int32_t *first;
    const int16_t *second;
    const uint8_t *edges;
    const int32_t *terms;
    const int32_t *numberKind;
    const uint8_t *lowercase;
} WSShortTables;

/// Marks in `fired` the terms of the literals of `tables` that stand in `line[0..<n]` right
/// after a number (past separators, an ASCII digit or a byte that is not ASCII)
/// where their edges hold. Only the bytes after such a byte are looked at: the pass skips to
/// the next one (16 bytes at a time with SSE2, byte by byte without).
void ws_mark_short(const WSShortTables *tables, const uint8_t *line, intptr_t n, WSFlags fired);

/// The index of the first ASCII digit or byte that is not ASCII in `line[s..<n]`, or n.
intptr_t ws_next_number(const uint8_t *line, intptr_t n, intptr_t s);

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/// The length (0-16) of the run of ASCII letters and digits that starts at `p` (`LineFeatures`'
/// word runs), read 16 bytes at once: `p[0..<16]` must be readable; 16 when all 16 bytes are
/// letters or digits (the run may go on). Inline, so that it is compiled into its Swift caller:
/// no call per word, and no branch on the run's length, where a loop over the bytes ended once
/// per word at a length the branch predictor could not know (step 411 in docs/performance.md).
static inline uint32_t ws_ascii_run16(const uint8_t *p) {
#ifdef __SSE2__
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    // Signed byte comparisons: a byte from 0x80 on is negative, below every range here.
    __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(folded, _mm_set1_epi8(0x7B)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x2F)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x3A)));
    uint32_t word = (uint32_t)_mm_movemask_epi8(_mm_or_si128(letter, digit));
    return (uint32_t)__builtin_ctz(~word);
#else
    uint32_t length = 0;
    while (length < 16) {
        uint8_t b = p[length];
        uint8_t folded = b | 0x20;
        if (!(folded >= 0x61 && folded <= 0x7A) && !(b >= 0x30 && b <= 0x39)) break;
        length++;
    }
    return length;
#endif
}

/// The ASCII letters of `line[0..<n]`, and its ASCII capitals in `*capitals`, counted 16 bytes
/// at a time (SSE2; byte by byte without): `LineFeatures` takes them once a line instead of
/// summing them in each run (step 411). Whole 64-bit counts: they were packed into 32 bits each
/// (and read through a signed 32-bit lane), which a line of 2^31 letters or more broke.
uint64_t ws_ascii_letters(const uint8_t *line, intptr_t n, uint64_t *capitals);

/// The tables the prefilter scan's window pass (`ws_scan_windows`) reads, flat: `classOf` each
/// byte's classes (`Prefilter.ByteClasses`, ASCII letters lowercased: in bits 0-7 its number
/// among the bytes that stand first in some pair with terms or some gram-table literal, in bits
/// 8-15 among those that stand second there, in bits 16-23 among the third bytes of the
/// gram-table literals; 0 where it stands in no such place; bit 31 set for a byte that is not an
/// ASCII word character, an edge), `shift` the bits of a class,
/// `pairs` the scratch's live copy of `Prefilter.pairRows` (an entry per two classes, at
/// `first << shift | second`: bit 0 the pair has terms not yet met in this line, the
/// other bits its row of `thirds` times 2; readable 2 bytes past the last), `thirds` its rows of
/// `1 << shift` bytes, one per class of the third byte (readable 4 bytes past the last), `fours`
/// the four-byte hashes' bits (`GramTable.bits` of the longs), `seen` the flags of the bytes
/// present, `lowercase` each byte with ASCII capitals lowercased, `edge` 3 for a byte that is
/// not an ASCII word character (else 0), `gates` the tests where a row byte is set
/// (`PrefilterScratch.gates`), `tripleAt` the triple's literal, laid out as `thirds`
/// (`Prefilter.tripleAt`). `seenLow[lo]` has bit h set when the ASCII byte `h << 4 | lo`
/// (h < 6) is one whose flag in `seen` some reader needs; every byte from 0x60 on is flagged
/// (0x60-0x7F, the lowercase letters, from a bit per byte gathered over the pass).
typedef struct {
    uint16_t *pairs;
    uint8_t *thirds;
    const uint64_t *fours;
    uint8_t *seen;
    const uint8_t *lowercase;
    const uint32_t *classOf;
    const uint8_t *edge;
    const uint8_t *gates;
    const int16_t *tripleAt;
    uint32_t shift;
    uint8_t seenLow[16];
    /// The entries of `pairs` whose bit 0 the pass cleared, and (negative: `0x80000000 | bits
    /// << 24 | index`) the row bytes of `thirds` whose triple bits it cleared, `*clearedCount`
    /// of them, for the scan to set again at its end (`ws_restore_window`).
    int32_t *cleared;
    intptr_t *clearedCount;
} WSWindowTables;

/// Sets again what the window pass cleared in `t->pairs` and `t->thirds` (`cleared`), and empties the list.
void ws_restore_window(const WSWindowTables *t);

/// The most places `ws_scan_windows` takes at once.
#define WS_WINDOW_CHUNK 2048

/// The scan's pass over the places `from..<to` of `line[0..<n]` (`to - from` at most
/// `WS_WINDOW_CHUNK`): sets the flags in `seen` of the bytes there that `seenLow` names (and
/// of every byte from 0x60 on), ASCII letters lowercased, and writes its events, each kind in
/// its own part of `events` (3 × `WS_WINDOW_CHUNK` entries), in the order of the places, and
/// their numbers to `counts[0...2]`: kind 0, from `events[0]`, a place p >= 1 whose pair
/// `line[p - 1...p]` has bit 0 set in `pairs`, with the pair's key, the bit then cleared (and
/// the pair listed in `cleared`) so that the pair comes once a line; kind 1, from
/// `events[WS_WINDOW_CHUNK]`, a place p >= 2 where `line[p - 2...p]` is a triple that the gates
/// let through, with the triple's literal; kind 2, from `events[2 * WS_WINDOW_CHUNK]`, a place
/// p >= 2 where a long starts that the gates let through and whose four bytes' hash bit is set,
/// with the four bytes. An event is `payload << 32 | (p - from)`. With AVX2 (checked at run
/// time, x86_64) 16 places at a time: gathers of the pairs' entries and of the row bytes, and
/// the gates' edge tests, give masks of the places with an event; else place by place.
void ws_scan_windows(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t from, intptr_t to, uint64_t *events,
                     intptr_t *counts);

/// `ws_scan_windows` place by place, without SIMD (the fallback, and for tests); it sets the
/// flag of every byte present.
void ws_scan_windows_plain(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t from, intptr_t to, uint64_t *events,
                           intptr_t *counts);

/// What `ws_mark_events` reads, flat: the pairs' terms (`Prefilter.pairStart`, `pairTerms`:
/// those of the pair `key`, its two bytes lowercased, the first highest, are
/// `pairTerms[pairStart[key]..<pairStart[key + 1]]`); the triples' `GramTable.offsetOf` and
/// `packed`; the longs' `GramTable.bucketStart`, `packed`, `bytes` and `bucketShift`;
/// `PrefilterScratch.edge` and `lowercase`; and the fired flags' sink (`SparseFlags.sink`).
typedef struct {
    const int32_t *pairStart;
    const int32_t *pairTerms;
    const int32_t *tripleOffset;
    const uint32_t *triplePacked;
    const int32_t *longBucketStart;
    const uint32_t *longPacked;
    const uint8_t *longBytes;
    const uint8_t *edge;
    const uint8_t *lowercase;
    uint32_t longBucketShift;
    int32_t sink;
} WSMarkTables;

/// Marks in `fired` the terms of the events `ws_scan_windows` wrote for the places from `from`
/// of `line[0..<n]` (`events`, `counts`), each kind in turn and each in order, as Swift did in a
/// call an event (step 582; `GramTable.mark`, in the test target, is the reference the tests compare with): a
/// pair's terms; a triple's terms whose edges hold; each long literal of the four bytes that is
/// whole there, its terms whose edges hold (a term whose edges do not hold marks `sink`).
void ws_mark_events(const WSMarkTables *t, const uint8_t *line, intptr_t n, intptr_t from, const uint64_t *events, const intptr_t *counts,
                    WSFlags fired);

/// Marks in `fired` the terms of the keys present (step 583): for each key b whose bit is set in
/// both `present` and `keys` (`words` words each, bit `b & 63` of word `b >> 6`), in order,
/// `terms[start[b]..<start[b + 1]]`. For the one-byte literals (`Prefilter.byteStart`,
/// `byteTerms`; 256 bits, the bytes present) and the whole short words (`Prefilter.wordStart`,
/// `wordTerms`; one word, the line's `ShortWords` bits).
void ws_mark_keys(const uint64_t *present, const uint64_t *keys, intptr_t words, const int32_t *start, const int32_t *terms, WSFlags fired);

/// Sets in `bits` the bit of each rule that a marked term below `triggers` triggers
/// (`Prefilter.triggerRecord`: `record[2 t]` and `record[2 t + 1]`, the second negative when
/// the rest are `rules[-second - 1..<start[t + 1]]`), `marked[0..<count]` tested 4 at a time
/// (SSE2; one by one without): about one marked term in five is a trigger (step 584).
void ws_trigger_rules(const int32_t *marked, intptr_t count, int32_t triggers, const int16_t *record, const int32_t *rules,
                      const int32_t *start, uint64_t *bits);

/// The flags `seen[0..<256]` (each 0 or not) as 256 bits: bit `b & 63` of `bits[b >> 6]` is set
/// when `seen[b]` is not 0 (16 bytes at a time with SSE2, byte by byte without).
void ws_seen_bits(const uint8_t *seen, uint64_t *bits);

/// What `AnchoredLiterals` keeps of a literal (`AnchoredLiterals.Record`, 16 bytes): its first
/// four bytes (at the end: its last four), lowercased, the place's byte lowest, under `headMask`
/// (fewer for a shorter literal), its term, and its anchors' bits (`1 << Anchor.rawValue`) in
/// the low byte of `anchorsAndLength`, its length above them.
typedef struct {
    uint32_t head;
    uint32_t headMask;
    int32_t term;
    uint32_t anchorsAndLength;
} WSAnchoredRecord;

/// `AnchoredLiterals`' buffers: the literals of group g are `groupStart[g]..<groupStart[g + 1]`,
/// literal k's bytes (ASCII capitals lowercased) `bytes[start[k]..<start[k + 1]]`, its record
/// `records[k]`; `atEnd` nonzero for the literals anchored at the line's end.
typedef struct {
    const uint16_t *groupStart;
    const int32_t *start;
    const uint8_t *bytes;
    const WSAnchoredRecord *records;
    int32_t atEnd;
} WSAnchoredTables;

/// `AnchoredLiterals.mark` (step 680): marks in `fired` the terms of the literals of `t` that
/// stand at their anchor's place in `line[0..<n]` (n > 0), in the order the Swift reference
/// (in the test target) marks them.
void ws_mark_anchored(const WSAnchoredTables *t, const uint8_t *line, intptr_t n, WSFlags fired);

/// A feature of `RuleTable`'s rows of rules by feature values (step 730): its slot in the line's
/// values, its kind (0 a flag, whose value, 0 or 1, is its class; 1 a count, whose class is
/// `classes[classStart + k]` for the value `low + k`, k < `span`, values past either end taking
/// that end's (a NaN count, which `FeatureValues.fill` never makes, lists the group's rules
/// unfiltered: its cast would be undefined); 2 any other, whose bounds are `cuts[cutStart..<cutStart + cuts]` and whose class
/// is `classes[classStart + c]` for c: below the bounds 0, at bound j 2j + 1, between bounds j
/// and j + 1 (or past the last) 2j + 2, NaN `2 * cuts + 1`), its stride in its group's key and
/// its group.
typedef struct {
    int32_t slot;
    int32_t kind;
    int32_t cuts;
    int32_t cutStart;
    int32_t classStart;
    int32_t low;
    int32_t span;
    int32_t stride;
    int32_t group;
} WSFeatureKey;

/// `RuleTable`'s rows: group g's rows (`words` words each, one per key) from word `rowStart[g]`
/// of `rows`; `groups` at most `WS_FEATURE_GROUPS`.
typedef struct {
    const WSFeatureKey *keys;
    const double *cuts;
    const int32_t *classes;
    const uint64_t *rows;
    const int32_t *rowStart;
    int32_t keyCount;
    int32_t groups;
    int32_t words;
} WSFeatureRows;

#define WS_FEATURE_GROUPS 4

/// The rules (by index, in order) of `triggered` or `unfiltered` that `admitted` and, in each
/// group of `t`, the row of the key of the line's `values` hold (`words` words of bits each), in
/// `out`; returns their number (`PrefilterScratch.triggeredRules`).
intptr_t ws_line_rules(const WSFeatureRows *t, const double *values, const uint64_t *triggered, const uint64_t *unfiltered,
                       const uint64_t *admitted, intptr_t words, int32_t *out);

/// Whether `ws_scan_windows` takes the AVX2 path on this machine.
int ws_scan_windows_simd(void);

#endif
