#include "CWinnowScan.h"
#include "ws_cpu.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

static inline int ws_is_word(uint8_t b) {
    return (uint8_t)((b | 0x20) - 0x61) < 26 || (uint8_t)(b - 0x30) < 10 || b == 0x5F;
}

/// The edges (`RequiredLiterals.Edges`) that `line[s..<s + length]` stands at, as
/// `Prefilter.edges`, for a literal right after a number: 1 no ASCII word byte before it, 2 none
/// after it, and 4 (a number before it) always. `ws_mark_short` looks only where the bytes
/// before `s` end with a number's byte and then only separators (`Edges.isSeparator`), so
/// `Prefilter.edges`'s walk back over separators would end on that byte: walking it at every
/// byte of a run of separators made a hostile line ("1" and then ", ." for 300 KB) take a minute.
static inline uint8_t ws_edges_after_number(const uint8_t *line, intptr_t n, intptr_t s, intptr_t length) {
    uint8_t before = s == 0 || !ws_is_word(line[s - 1]) ? 1 : 0;
    uint8_t after = s + length == n || !ws_is_word(line[s + length]) ? 2 : 0;
    return before | after | 4;
}

static inline void ws_mark(WSFlags fired, intptr_t *count, int32_t t) {
    if (fired.flags[t]) return;
    fired.flags[t] = 1;
    fired.list[(*count)++] = t;
}

intptr_t ws_next_number(const uint8_t *line, intptr_t n, intptr_t s) {
#ifdef __SSE2__
    const __m128i zero = _mm_set1_epi8(0x30), nine = _mm_set1_epi8(9);
    for (; s + 16 <= n; s += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(line + s));
        __m128i d = _mm_sub_epi8(v, zero);
        // d <= 9 unsigned: an ASCII digit; the sign bit of v: a byte that is not ASCII.
        int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, nine), d)) | _mm_movemask_epi8(v);
        if (mask) return s + __builtin_ctz((unsigned)mask);
    }
#endif
    for (; s < n; s++) {
        if (line[s] >= 0x80 || (uint8_t)(line[s] - 0x30) < 10) return s;
    }
    return n;
}

void ws_mark_short(const WSShortTables *tables, const uint8_t *line, intptr_t n, WSFlags fired) {
    intptr_t count = *fired.count;
    const uint8_t *lower = tables->lowercase;
    const int32_t *first = tables->first, *kind = tables->numberKind, *start = tables->start;
    // `after`: the bytes so far end with a number's byte and then only ASCII spaces, `,`, `.`.
    int after = 0;
    intptr_t s = 0;
    while (s < n) {
        if (!after) {
            // Only a digit or a byte that is not ASCII sets `after`: skip to the next.
            s = ws_next_number(line, n, s);
            if (s >= n) break;
        }
        uint8_t b = line[s];
        if (after && first[b]) {
            uint8_t lb = lower[b];
            for (intptr_t k = start[lb]; k < start[lb + 1]; k++) {
                int16_t second = tables->second[k];
                intptr_t length = second < 0 ? 1 : 2;
                if (second >= 0 && !(s + 1 < n && lower[line[s + 1]] == second)) continue;
                if ((tables->edges[k] & ~ws_edges_after_number(line, n, s, length)) == 0) ws_mark(fired, &count, tables->terms[k]);
            }
        }
        int32_t c = kind[b];
        after = c == 2 || (c == 1 && after);
        s++;
    }
    *fired.count = count;
}

uint64_t ws_ascii_letters(const uint8_t *line, intptr_t n, uint64_t *capitalsOut) {
    uint64_t letters = 0, capitals = 0;
    intptr_t s = 0;
#ifdef __SSE2__
    if (n >= 16) {
        const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1), bit5 = _mm_set1_epi8(0x20);
        const __m128i belowA = _mm_set1_epi8(0x40), pastZ = _mm_set1_epi8(0x5B);
        const __m128i belowa = _mm_set1_epi8(0x60), pastz = _mm_set1_epi8(0x7B);
        __m128i letterSums = zero, capitalSums = zero;
        // Signed byte comparisons: a byte from 0x80 on is negative, below both ranges.
        for (; s + 16 <= n; s += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(line + s));
            __m128i folded = _mm_or_si128(x, bit5);
            __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, belowa), _mm_cmplt_epi8(folded, pastz));
            __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, belowA), _mm_cmplt_epi8(x, pastZ));
            letterSums = _mm_add_epi64(letterSums, _mm_sad_epu8(_mm_and_si128(letter, one), zero));
            capitalSums = _mm_add_epi64(capitalSums, _mm_sad_epu8(_mm_and_si128(upper, one), zero));
        }
        if (s < n) {
            // The line's last 16 bytes, those counted already masked off: the load at
            // `n - s` into 16 zero bytes and 16 0xFF bytes keeps the last `n - s`.
            static const uint8_t last[32] = {
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
            __m128i keep = _mm_loadu_si128((const __m128i *)(last + (n - s)));
            __m128i x = _mm_loadu_si128((const __m128i *)(line + n - 16));
            __m128i folded = _mm_or_si128(x, bit5);
            __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, belowa), _mm_cmplt_epi8(folded, pastz));
            __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, belowA), _mm_cmplt_epi8(x, pastZ));
            letterSums = _mm_add_epi64(letterSums, _mm_sad_epu8(_mm_and_si128(_mm_and_si128(letter, keep), one), zero));
            capitalSums = _mm_add_epi64(capitalSums, _mm_sad_epu8(_mm_and_si128(_mm_and_si128(upper, keep), one), zero));
            s = n;
        }
        // Each sum is two 64-bit lanes: stored whole, not read through `_mm_cvtsi128_si32`, whose
        // signed 32 bits turned a lane of 2^31 letters or more into a huge count.
        uint64_t lanes[2];
        _mm_storeu_si128((__m128i *)lanes, letterSums);
        letters = lanes[0] + lanes[1];
        _mm_storeu_si128((__m128i *)lanes, capitalSums);
        capitals = lanes[0] + lanes[1];
    }
#endif
    for (; s < n; s++) {
        uint8_t b = line[s], folded = b | 0x20;
        letters += folded >= 0x61 && folded <= 0x7A;
        capitals += b >= 0x41 && b <= 0x5A;
    }
    *capitalsOut = capitals;
    return letters;
}

void ws_seen_bits(const uint8_t *seen, uint64_t *bits) {
    for (int w = 0; w < 4; w++) {
        uint64_t x = 0;
#ifdef __SSE2__
        for (int q = 0; q < 4; q++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(seen + 64 * w + 16 * q));
            uint32_t zero = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
            x |= (uint64_t)(~zero & 0xFFFF) << (16 * q);
        }
#else
        for (int i = 0; i < 64; i++) x |= (uint64_t)(seen[64 * w + i] != 0) << i;
#endif
        bits[w] = x;
    }
}

// The prefilter scan's window pass (`ws_scan_windows`, step 440 in docs/performance.md).

#define WS_EVENT(payload, p, from) ((uint64_t)(uint32_t)(payload) << 32 | (uint64_t)((p) - (from)))

/// Where the pass writes: each kind's events in a buffer of its own (`ws_scan_windows`), so that
/// neither the pass nor its reader branches on the kind of the next event (step 491).
typedef struct {
    uint64_t *pairs, *triples, *longs;
    intptr_t pairCount, tripleCount, longCount;
} WSOut;

/// The event of the long that may start at p - 2 (p + 1 < n), kept when the hash of its four
/// bytes has its bit set: written always, counted by the bit (no branch on it: half the longs'
/// starts pass, step 491).
static inline void ws_long(const WSWindowTables *t, const uint8_t *line, intptr_t p, intptr_t from, WSOut *o) {
    // The four bytes in one load, their ASCII capitals lowercased in the word (as
    // `ws_tail_word`), the first highest (step 632: four reads of `lowercase` were 8 loads).
    uint32_t word;
    memcpy(&word, line + p - 2, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    word = __builtin_bswap32(word);
#endif
    uint32_t low = word & 0x7F7F7F7Fu;
    uint32_t upper = (low + 0x3F3F3F3Fu) & ~(low + 0x25252525u) & ~word & 0x80808080u;
    uint32_t four = __builtin_bswap32(word | upper >> 2);
    uint32_t h = (four * 0x9E3779B1u) >> 17;
    o->longs[o->longCount] = WS_EVENT(four, p, from);
    o->longCount += (intptr_t)(t->fours[h >> 6] >> (h & 63) & 1);
}

/// The event of the triple at row byte `at` of `thirds` (whose value is `e`) that the gates let
/// through at place p. When every term of the triple needs the edges the gates tested (bit 5 of
/// `e`, `Prefilter.windowTables`), this event marks them all: the triple's bits are cleared
/// until the scan's end (listed in `cleared` with its bits, a negative entry), so that its later
/// places make no event (step 633: "the", "and", "you" came again and again in a line).
static inline void ws_triple(const WSWindowTables *t, uint32_t at, uint32_t e, intptr_t p, intptr_t from, WSOut *o) {
    o->triples[o->tripleCount++] = WS_EVENT((uint16_t)t->tripleAt[at], p, from);
    if (e & 32) {
        t->thirds[at] = (uint8_t)(e & (2 | 16));
        t->cleared[(*t->clearedCount)++] = (int32_t)(0x80000000u | (e & (1 | 4 | 8 | 32)) << 24 | at);
    }
}

void ws_restore_window(const WSWindowTables *t) {
    for (intptr_t k = 0; k < *t->clearedCount; k++) {
        int32_t c = t->cleared[k];
        if (c >= 0) t->pairs[c] |= 1;
        else t->thirds[(uint32_t)c & 0xFFFFFF] |= (uint8_t)((uint32_t)c >> 24 & 0x7F);
    }
    *t->clearedCount = 0;
}

/// The gates and the marks of place p (p >= 2), where the row byte `e` of the triple
/// `line[p - 2...p]` is set and `at` is its index in `thirds`: the event of the triple, and that
/// of the long, that the gates (`PrefilterScratch.gate`) let through, as `Prefilter.scan`'s loop did.
static inline void ws_window(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t p, uint32_t e, uint32_t at,
                             intptr_t from, WSOut *o) {
    uint32_t before = p >= 3 ? t->edge[line[p - 3]] : 3;
    uint32_t after = p + 1 < n ? t->edge[line[p + 1]] : 1;
    uint8_t g = t->gates[e << 4 | before << 2 | after];
    if (g & 1) ws_triple(t, at, e, p, from, o);
    if (g & 2) ws_long(t, line, p, from, o);
}

/// The event of pair `key` (its two bytes, lowercased) at place p, whose entry `pairs[index]`
/// has bit 0 set: cleared until the scan's end.
static inline void ws_pair(const WSWindowTables *t, uint32_t index, uint32_t key, intptr_t p, intptr_t from, WSOut *o) {
    t->pairs[index] &= 0xFFFE;
    t->cleared[(*t->clearedCount)++] = (int32_t)index;
    o->pairs[o->pairCount++] = WS_EVENT(key, p, from);
}

/// The entry in `pairs` of the pair `a`, `b` (bytes of the line, as they are): the first's
/// class as a pair's first byte, the second's as a second byte.
static inline uint32_t ws_pair_index(const WSWindowTables *t, uint8_t a, uint8_t b) {
    return (t->classOf[a] & 0xFF) << t->shift | (t->classOf[b] >> 8 & 0xFF);
}

/// Place p of the plain pass.
__attribute__((always_inline))
static inline void ws_place(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t p, intptr_t from, WSOut *o) {
    const uint8_t *lower = t->lowercase;
    uint32_t b = lower[line[p]];
    t->seen[b] = 1;
    if (p >= 1) {
        uint32_t index = ws_pair_index(t, line[p - 1], line[p]);
        if (t->pairs[index] & 1) ws_pair(t, index, (uint32_t)lower[line[p - 1]] << 8 | b, p, from, o);
    }
    if (p >= 2) {
        uint32_t at = ((uint32_t)(t->pairs[ws_pair_index(t, line[p - 2], line[p - 1])] & 0xFFFE) << (t->shift - 1)) + (t->classOf[line[p]] >> 16 & 0xFF);
        uint32_t e = t->thirds[at];
        if (e) ws_window(t, line, n, p, e, at, from, o);
    }
}

static inline WSOut ws_out(uint64_t *events) {
    WSOut o = {events, events + WS_WINDOW_CHUNK, events + 2 * WS_WINDOW_CHUNK, 0, 0, 0};
    return o;
}

static inline void ws_counts(const WSOut *o, intptr_t *counts) {
    counts[0] = o->pairCount;
    counts[1] = o->tripleCount;
    counts[2] = o->longCount;
}

void ws_scan_windows_plain(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t from, intptr_t to, uint64_t *events,
                           intptr_t *counts) {
    WSOut o = ws_out(events);
    for (intptr_t p = from; p < to; p++) ws_place(t, line, n, p, from, &o);
    ws_counts(&o, counts);
}

// The marks of the window pass's events (`ws_mark_events`, step 582 in docs/performance.md).

/// `SparseFlags.insert`: `t` listed past the others, and counted when its flag was clear.
static inline intptr_t ws_insert(WSFlags fired, intptr_t count, int32_t t) {
    uint8_t f = fired.flags[t];
    fired.list[count] = t;
    fired.flags[t] = 1;
    return count + (f ^ 1);
}

static inline int ws_is_separator(uint8_t b) { return b == 0x2C || b == 0x2E || b == 0x20 || (b >= 0x09 && b <= 0x0D); }

/// `Prefilter.edges`: the edges that `line[s..<s + length]` stands at (1 no ASCII word byte
/// before it, 2 none after it, 4 a number's byte before it, past separators, when `number`).
static inline uint32_t ws_edges_at(const uint8_t *line, intptr_t n, intptr_t s, intptr_t length, int number, const uint8_t *edge) {
    uint32_t before = s == 0 ? 1 : edge[line[s - 1]] & 1;
    uint32_t after = s + length == n ? 2 : edge[line[s + length]] & 2;
    uint32_t placed = 0;
    if (number) {
        intptr_t j = s - 1;
        while (j >= 0 && ws_is_separator(line[j])) j--;
        placed = j >= 0 && (line[j] >= 0x80 || (uint8_t)(line[j] - 0x30) < 10) ? 4 : 0;
    }
    return before | after | placed;
}

/// `GramTable.markTerms`: the terms of the literal whose control word is `packed[o]` (`header`
/// words before its terms), found whole at `s`, those whose edges hold there (the others mark
/// the sink, whose flag is always set).
static inline intptr_t ws_mark_terms(const uint32_t *packed, intptr_t o, intptr_t header, const uint8_t *line, intptr_t n, intptr_t s,
                                     intptr_t length, const uint8_t *edge, int32_t sink, WSFlags fired, intptr_t count) {
    uint32_t control = packed[o], edged = control >> 29 & 3;
    intptr_t from = o + header, to = from + (control >> 16 & 0x1FFF);
    if (!edged) {
        for (intptr_t k = from; k < to; k++) count = ws_insert(fired, count, (int32_t)(packed[k] & 0x1FFFFFFF));
    } else {
        uint32_t holds = ws_edges_at(line, n, s, length, edged & 2, edge);
        for (intptr_t k = from; k < to; k++) {
            uint32_t e = packed[k];
            count = ws_insert(fired, count, ((e >> 29) & ~holds) == 0 ? (int32_t)(e & 0x1FFFFFFF) : sink);
        }
    }
    return count;
}

/// `GramTable.tailWord`: `line[s + 4 ..< min(s + 12, n)]` (s + 4 <= n), ASCII capitals
/// lowercased, the first lowest; 0 past n.
static inline uint64_t ws_tail_word(const uint8_t *line, intptr_t n, intptr_t s) {
    uint64_t word = 0;
    if (s + 12 <= n) {
        memcpy(&word, line + s + 4, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
    } else if (n >= 8) {
        memcpy(&word, line + n - 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        intptr_t shift = 8 * (s + 12 - n);
        word = shift >= 64 ? 0 : word >> shift;
    } else {
        for (intptr_t k = n - 1; k >= s + 4; k--) word = word << 8 | line[k];
    }
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t low = word & ~high;
    uint64_t upper = (low + ones * (0x80 - 0x41)) & ~(low + ones * (0x80 - 0x5B)) & ~word & high;
    return word | upper >> 2;
}

/// `GramTable.mark` of the longs: the terms of the literals that start at `s` with the four
/// bytes `key` (lowercased, the first highest).
static inline intptr_t ws_mark_long(const WSMarkTables *t, const uint8_t *line, intptr_t n, intptr_t s, uint32_t key, WSFlags fired,
                                    intptr_t count) {
    if (s < 0) return count;
    const uint32_t *packed = t->longPacked;
    uint32_t bucket = ((key * 0x9E3779B1u) >> 17) >> t->longBucketShift;
    intptr_t o = t->longBucketStart[bucket], end = t->longBucketStart[bucket + 1];
    while (o < end && packed[o] != key) o += packed[o + 1];
    if (o >= end) return count;
    o += 2;
    intptr_t room = n - s;
    uint64_t word = ws_tail_word(line, n, s);
    for (;;) {
        uint32_t control = packed[o];
        intptr_t length = control & 0xFFFF;
        if (room >= length) {
            static const uint64_t masks[9] = {0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFFULL, 0xFFFFFFFFFFULL, 0xFFFFFFFFFFFFULL,
                                              0xFFFFFFFFFFFFFFULL, ~0ULL};
            uint64_t tail = (uint64_t)packed[o + 1] | (uint64_t)packed[o + 2] << 32;
            if (((word ^ tail) & masks[length - 4 < 8 ? length - 4 : 8]) == 0) {
                int whole = 1;
                if (length > 12) {
                    const uint8_t *bytes = t->longBytes + packed[o + 3], *lower = t->lowercase;
                    intptr_t j = 12;
                    while (j < length && lower[line[s + j]] == bytes[j]) j++;
                    whole = j == length;
                }
                if (whole) count = ws_mark_terms(packed, o, 4, line, n, s, length, t->edge, t->sink, fired, count);
            }
        }
        if (!(control >> 31)) break;
        o += 4 + (control >> 16 & 0x1FFF);
    }
    return count;
}

void ws_mark_keys(const uint64_t *present, const uint64_t *keys, intptr_t words, const int32_t *start, const int32_t *terms, WSFlags fired) {
    intptr_t count = *fired.count;
    for (intptr_t w = 0; w < words; w++) {
        uint64_t found = present[w] & keys[w];
        while (found) {
            intptr_t b = 64 * w + __builtin_ctzll(found);
            for (intptr_t k = start[b]; k < start[b + 1]; k++) count = ws_insert(fired, count, terms[k]);
            found &= found - 1;
        }
    }
    *fired.count = count;
}

/// The bits of the rules trigger term `t` triggers (`Prefilter.triggerRecord`): two in its
/// record, or the first and then `rules[-second - 1..<start[t + 1]]`.
static inline void ws_trigger(intptr_t t, const int16_t *record, const int32_t *rules, const int32_t *start, uint64_t *bits) {
    intptr_t first = record[2 * t], second = record[2 * t + 1];
    bits[first >> 6] |= (uint64_t)1 << (first & 63);
    if (second >= 0) {
        bits[second >> 6] |= (uint64_t)1 << (second & 63);
    } else {
        for (intptr_t k = -second - 1; k < start[t + 1]; k++) bits[rules[k] >> 6] |= (uint64_t)1 << (rules[k] & 63);
    }
}

void ws_trigger_rules(const int32_t *marked, intptr_t count, int32_t triggers, const int16_t *record, const int32_t *rules,
                      const int32_t *start, uint64_t *bits) {
    intptr_t k = 0;
#ifdef __SSE2__
    const __m128i limit = _mm_set1_epi32(triggers);
    for (; k + 4 <= count; k += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(marked + k));
        unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(v, limit)));
        while (m) {
            ws_trigger(marked[k + __builtin_ctz(m)], record, rules, start, bits);
            m &= m - 1;
        }
    }
#endif
    for (; k < count; k++) {
        if (marked[k] < triggers) ws_trigger(marked[k], record, rules, start, bits);
    }
}

void ws_mark_events(const WSMarkTables *t, const uint8_t *line, intptr_t n, intptr_t from, const uint64_t *events, const intptr_t *counts,
                    WSFlags fired) {
    intptr_t count = *fired.count;
    for (intptr_t k = 0; k < counts[0]; k++) {
        uint32_t key = (uint32_t)(events[k] >> 32);
        for (intptr_t j = t->pairStart[key]; j < t->pairStart[key + 1]; j++) count = ws_insert(fired, count, t->pairTerms[j]);
    }
    // A triple's or a long's first byte stands two before its event's place.
    intptr_t at = from - 2;
    const uint64_t *triples = events + WS_WINDOW_CHUNK;
    for (intptr_t k = 0; k < counts[1]; k++) {
        uint64_t e = triples[k];
        intptr_t s = at + (intptr_t)(uint32_t)e;
        count = ws_mark_terms(t->triplePacked, t->tripleOffset[e >> 32], 1, line, n, s, 3, t->edge, t->sink, fired, count);
    }
    const uint64_t *longs = events + 2 * WS_WINDOW_CHUNK;
    for (intptr_t k = 0; k < counts[2]; k++) {
        uint64_t e = longs[k];
        count = ws_mark_long(t, line, n, at + (intptr_t)(uint32_t)e, (uint32_t)(e >> 32), fired, count);
    }
    *fired.count = count;
}

// The rules a line visits, by `RuleTable`'s rows of rules by feature values (`ws_line_rules`, step 730 in docs/performance.md).

/// `ws_line_rules`' body. A count that is NaN (no count of `FeatureValues.fill` is, but its cast
/// to an index would be undefined) fails both comparisons with the table's ends: without
/// `loosen` the body gives up (-1), and `ws_line_rules` runs it again with it, where such a
/// count leaves its group's rules unfiltered (more rules listed, each still asked its
/// `admission`). Two bodies, not one with the test on every line's groups: 0.06 M
/// instructions of the profile's labelling (step 781 in docs/performance.md).
__attribute__((always_inline)) static inline intptr_t ws_line_rules_body(const WSFeatureRows *t, const double *values, const uint64_t *triggered,
                                                                         const uint64_t *unfiltered, const uint64_t *admitted, intptr_t words,
                                                                         int32_t *out, int loosen) {
    intptr_t key[WS_FEATURE_GROUPS] = {0, 0, 0, 0};
    int loose = 0;
    for (int32_t k = 0; k < t->keyCount; k++) {
        const WSFeatureKey *f = t->keys + k;
        double x = values[f->slot];
        intptr_t raw;
        if (f->kind == 0) {
            raw = x != 0;
        } else if (f->kind == 1) {
            // A count: clamped to the table's ends in doubles, then an index.
            double lowest = f->low, highest = (double)f->low + f->span - 1;
            if (x <= lowest) {
                raw = 0;
            } else if (x >= highest) {
                raw = f->span - 1;
            } else if (x == x) {
                raw = (intptr_t)x - f->low;
            } else if (!loosen) {
                return -1;
            } else {
                loose |= 1 << f->group;
                continue;
            }
        } else if (x != x) {
            raw = 2 * (intptr_t)f->cuts + 1;
        } else {
            const double *c = t->cuts + f->cutStart;
            raw = 0;
            for (int32_t j = 0; j < f->cuts; j++) raw += (c[j] < x ? 2 : 0) + (c[j] == x);
        }
        key[f->group] += (intptr_t)t->classes[f->classStart + raw] * f->stride;
    }
    // A group past the table's (or `loose`) is `admitted` again: four rows and'ed with no branch on how many.
    const uint64_t *rows[WS_FEATURE_GROUPS];
    for (int32_t g = 0; g < WS_FEATURE_GROUPS; g++)
        rows[g] = g < t->groups && !(loosen && (loose >> g & 1)) ? t->rows + t->rowStart[g] + key[g] * t->words : admitted;
    intptr_t n = 0;
    for (intptr_t w = 0; w < words; w++) {
        uint64_t word = (triggered[w] | unfiltered[w]) & admitted[w] & rows[0][w] & rows[1][w] & rows[2][w] & rows[3][w];
        while (word) {
            out[n++] = (int32_t)(w << 6 | __builtin_ctzll(word));
            word &= word - 1;
        }
    }
    return n;
}

intptr_t ws_line_rules(const WSFeatureRows *t, const double *values, const uint64_t *triggered, const uint64_t *unfiltered,
                       const uint64_t *admitted, intptr_t words, int32_t *out) {
    intptr_t n = ws_line_rules_body(t, values, triggered, unfiltered, admitted, words, out, 0);
    return n >= 0 ? n : ws_line_rules_body(t, values, triggered, unfiltered, admitted, words, out, 1);
}

// The anchored literals' marks (`ws_mark_anchored`, step 680 in docs/performance.md).

/// `b` with an ASCII capital lowercased (`Prefilter.lower`).
static inline uint8_t ws_lower(uint8_t b) { return (uint8_t)(b - 0x41) < 26 ? b | 0x20 : b; }

/// `AnchoredLiterals.group`: the group of the literals whose byte at the place is `b` and whose
/// next byte inwards is `c` (0x100 for none).
static inline uint32_t ws_anchored_group(uint32_t b, uint32_t c) { return ((b << 9 | c) * 0x9E3779B1u) >> 22; }

/// Up to four bytes of `line` from place `p` inwards, ASCII capitals lowercased, the place's
/// byte lowest: `line[p...]` at the start, `line[p - 1], line[p - 2]...` at the end; `room` of
/// them there (0 above). Four bytes in one load and a SWAR lowercase (as `ws_long`), fewer one
/// by one.
static inline uint32_t ws_anchored_word(const uint8_t *line, intptr_t p, intptr_t room, int atEnd) {
    uint32_t word = 0;
    if (room >= 4) {
        memcpy(&word, atEnd ? line + p - 4 : line + p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        if (!atEnd) word = __builtin_bswap32(word);
#else
        if (atEnd) word = __builtin_bswap32(word);
#endif
        uint32_t low = word & 0x7F7F7F7Fu;
        uint32_t upper = (low + 0x3F3F3F3Fu) & ~(low + 0x25252525u) & ~word & 0x80808080u;
        return word | upper >> 2;
    }
    for (intptr_t i = 0; i < room; i++) word |= (uint32_t)ws_lower(line[atEnd ? p - 1 - i : p + i]) << (8 * i);
    return word;
}

/// The literals of group `g` of anchors `wanted` whose first (at the end: last) four bytes match
/// `word` and that stand whole at place `p`, their terms marked.
static inline intptr_t ws_anchored_group_marks(const WSAnchoredTables *t, uint32_t g, const uint8_t *line, intptr_t p, intptr_t room,
                                               uint32_t word, uint32_t wanted, WSFlags fired, intptr_t count) {
    const WSAnchoredRecord *records = t->records;
    for (intptr_t k = t->groupStart[g], end = t->groupStart[g + 1]; k < end; k++) {
        WSAnchoredRecord r = records[k];
        if ((wanted & r.anchorsAndLength) == 0 || (word & r.headMask) != r.head) continue;
        intptr_t length = r.anchorsAndLength >> 8;
        if (length > room) continue;
        if (length > 4) {
            // The bytes past the first four (at the end: before the last four).
            const uint8_t *s = t->atEnd ? line + p - length : line + p + 4;
            const uint8_t *rest = t->bytes + t->start[k] + (t->atEnd ? 0 : 4);
            intptr_t j = 0;
            while (j < length - 4 && ws_lower(s[j]) == rest[j]) j++;
            if (j != length - 4) continue;
        }
        count = ws_insert(fired, count, r.term);
    }
    return count;
}

/// `AnchoredLiterals.compare`: the literals of anchors `wanted` (bits) that stand at place `p`.
static inline intptr_t ws_anchored_at(const WSAnchoredTables *t, const uint8_t *line, intptr_t n, intptr_t p, uint32_t wanted,
                                      WSFlags fired, intptr_t count) {
    intptr_t room = t->atEnd ? p : n - p;
    uint32_t word = ws_anchored_word(line, p, room, t->atEnd);
    uint32_t b = word & 0xFF, c = room > 1 ? (word >> 8 & 0xFF) : 0x100;
    uint32_t g = ws_anchored_group(b, c);
    count = ws_anchored_group_marks(t, g, line, p, room, word, wanted, fired, count);
    if (c != 0x100) {
        // Groups are hashed: the one-byte literals' group may be another.
        uint32_t single = ws_anchored_group(b, 0x100);
        if (single != g) count = ws_anchored_group_marks(t, single, line, p, room, word, wanted, fired, count);
    }
    return count;
}

/// Whether a `\s*` (`RequiredLiterals.Anchor.afterSpace`) consumes `b`; `ws_skips_non_word`: a `\W*`.
static inline int ws_skips_space(uint8_t b) { return b >= 0x80 || b == 0x20 || (uint8_t)(b - 0x09) < 5; }
static inline int ws_skips_non_word(uint8_t b) { return b >= 0x80 || !ws_is_word(b); }

void ws_mark_anchored(const WSAnchoredTables *t, const uint8_t *line, intptr_t n, WSFlags fired) {
    intptr_t count = *fired.count;
    // The anchors' bits (`1 << RequiredLiterals.Anchor.rawValue`).
    const uint32_t startBit = 2, spaceBit = 4, nonWordBit = 8;
    // The places, one per anchor, in order (a `\W*` consumes all a `\s*` does): `^` <= `^\s*`
    // <= `^\W*`, `\W*$` <= `\s*$`; each distinct place is visited once.
    if (t->atEnd) {
        intptr_t space = n;
        while (space > 0 && ws_skips_space(line[space - 1])) space--;
        intptr_t nonWord = space;
        while (nonWord > 0 && ws_skips_non_word(line[nonWord - 1])) nonWord--;
        if (space == nonWord) {
            if (space > 0) count = ws_anchored_at(t, line, n, space, spaceBit | nonWordBit, fired, count);
        } else {
            count = ws_anchored_at(t, line, n, space, spaceBit, fired, count);  // space > nonWord >= 0
            if (nonWord > 0) count = ws_anchored_at(t, line, n, nonWord, nonWordBit, fired, count);
        }
    } else {
        intptr_t space = 0;
        while (space < n && ws_skips_space(line[space])) space++;
        intptr_t nonWord = space;
        while (nonWord < n && ws_skips_non_word(line[nonWord])) nonWord++;
        if (space == 0) {
            count = ws_anchored_at(t, line, n, 0, nonWord == 0 ? startBit | spaceBit | nonWordBit : startBit | spaceBit, fired, count);
        } else {
            count = ws_anchored_at(t, line, n, 0, startBit, fired, count);
            if (space < n) count = ws_anchored_at(t, line, n, space, nonWord == space ? spaceBit | nonWordBit : spaceBit, fired, count);
        }
        if (nonWord != space && nonWord < n) count = ws_anchored_at(t, line, n, nonWord, nonWordBit, fired, count);
    }
    *fired.count = count;
}

#if defined(__x86_64__)
#include <immintrin.h>

/// Lowercases the ASCII capitals of 16 bytes.
__attribute__((target("avx2")))
static inline __m128i ws_lower16(__m128i x) {
    __m128i d = _mm_sub_epi8(x, _mm_set1_epi8(0x41));
    __m128i upper = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(25)), d);
    return _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
}

/// The constants of the AVX2 pass.
typedef struct {
    __m128i low, highBit, nibble;
    __m256i rotate, rowBits, one, letterBase, lowByte;
    __m128i shift, rowShift;
} WSConstants;

/// One block of the AVX2 pass: places p..<p + 16 (p >= 3, p + 16 <= n), those below `skip` left
/// out (done already). The gates of the places with a row byte set are tested here, 16 at once,
/// as `ws_window` tests them one by one. `carry` has in lane 0 the entry of the pair before p and gets that of
/// the pair before p + 16, `classCarry` likewise the class of the byte before p, `edgeCarry` in bits 13-15
/// whether bytes p - 3 ... p - 1 are edges (`ws_edge_carry`) and gets bytes p ... p + 15's in bits 0-15;
/// `letters` gathers a bit per byte 0x60-0x7F present.
__attribute__((target("avx2"), always_inline))
static inline void ws_block(const WSWindowTables *t, const WSConstants *c, const uint8_t *line, intptr_t n, intptr_t p,
                                uint32_t skip, __m256i *carry, __m256i *classCarry, uint32_t *edgeCarry, __m256i *letters, intptr_t from,
                                WSOut *o) {
    const uint8_t *lower = t->lowercase;
    __m128i raw = _mm_loadu_si128((const __m128i *)(line + p));
    __m128i cur = ws_lower16(raw);
    // The bytes' classes (`WSWindowTables.classOf`: as a pair's first byte, its second and a
    // third byte), the first classes one place earlier by a lane rotation, and the pairs' entries
    // by a first and a second class (step 493).
    const int *classOf = (const int *)(const void *)t->classOf;
    __m256i classLo = _mm256_i32gather_epi32(classOf, _mm256_cvtepu8_epi32(raw), 4);
    __m256i classHi = _mm256_i32gather_epi32(classOf, _mm256_cvtepu8_epi32(_mm_srli_si128(raw, 8)), 4);
    __m256i firstLo = _mm256_and_si256(classLo, c->lowByte), firstHi = _mm256_and_si256(classHi, c->lowByte);
    __m256i secondLo = _mm256_and_si256(_mm256_srli_epi32(classLo, 8), c->lowByte);
    __m256i secondHi = _mm256_and_si256(_mm256_srli_epi32(classHi, 8), c->lowByte);
    __m256i thirdClassLo = _mm256_and_si256(_mm256_srli_epi32(classLo, 16), c->lowByte);
    __m256i thirdClassHi = _mm256_and_si256(_mm256_srli_epi32(classHi, 16), c->lowByte);
    // The bytes that are edges (not ASCII word characters), bit 31 of their classes, as 16 bits
    // (step 681: each gated block loaded and tested 32 bytes for them).
    uint32_t edges = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(classLo)) | (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(classHi)) << 8;
    uint32_t edgesBefore = *edgeCarry;
    *edgeCarry = edges;
    __m256i classRotLo = _mm256_permutevar8x32_epi32(firstLo, c->rotate), classRotHi = _mm256_permutevar8x32_epi32(firstHi, c->rotate);
    __m256i keyLo = _mm256_or_si256(_mm256_sll_epi32(_mm256_blend_epi32(classRotLo, *classCarry, 1), c->shift), secondLo);
    __m256i keyHi = _mm256_or_si256(_mm256_sll_epi32(_mm256_blend_epi32(classRotHi, classRotLo, 1), c->shift), secondHi);
    *classCarry = classRotHi;
    const int *pairs = (const int *)(const void *)t->pairs;
    __m256i entryLo = _mm256_i32gather_epi32(pairs, keyLo, 2);
    __m256i entryHi = _mm256_i32gather_epi32(pairs, keyHi, 2);
    uint32_t keep = 0xFFFFu << skip & 0xFFFF;
    uint32_t pairMask = ((uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(entryLo, 31)))
                         | (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(entryHi, 31))) << 8) & keep;
    // The entries of the pairs one place earlier: each triple's row.
    __m256i rotLo = _mm256_permutevar8x32_epi32(entryLo, c->rotate), rotHi = _mm256_permutevar8x32_epi32(entryHi, c->rotate);
    __m256i rowLo = _mm256_add_epi32(_mm256_sll_epi32(_mm256_and_si256(_mm256_blend_epi32(rotLo, *carry, 1), c->rowBits), c->rowShift), thirdClassLo);
    __m256i rowHi = _mm256_add_epi32(_mm256_sll_epi32(_mm256_and_si256(_mm256_blend_epi32(rotHi, rotLo, 1), c->rowBits), c->rowShift), thirdClassHi);
    *carry = rotHi;
    __m256i byteLo = _mm256_cvtepu8_epi32(cur), byteHi = _mm256_cvtepu8_epi32(_mm_srli_si128(cur, 8));
    // Bytes 0x60-0x7F (the ASCII letters, lowercased) as bits: a shift by 32 or more gives 0.
    __m256i bitLo = _mm256_sllv_epi32(c->one, _mm256_sub_epi32(byteLo, c->letterBase));
    __m256i bitHi = _mm256_sllv_epi32(c->one, _mm256_sub_epi32(byteHi, c->letterBase));
    if (skip) {
        // Not the places left out: they may stand before the chunk.
        __m256i first = _mm256_set1_epi32((int)skip - 1);
        bitLo = _mm256_and_si256(bitLo, _mm256_cmpgt_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), first));
        bitHi = _mm256_and_si256(bitHi, _mm256_cmpgt_epi32(_mm256_setr_epi32(8, 9, 10, 11, 12, 13, 14, 15), first));
    }
    *letters = _mm256_or_si256(*letters, _mm256_or_si256(bitLo, bitHi));
    const int *thirds = (const int *)(const void *)t->thirds;
    __m256i thirdLo = _mm256_i32gather_epi32(thirds, rowLo, 1);
    __m256i thirdHi = _mm256_i32gather_epi32(thirds, rowHi, 1);
    const __m256i zero = _mm256_setzero_si256();
    uint32_t rowMask = ~((uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_slli_epi32(thirdLo, 24), zero)))
                         | (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_slli_epi32(thirdHi, 24), zero))) << 8)
        & keep;
    // The other bytes whose flags are needed: by the two nibbles (none from 0x60 on), and every
    // byte from 0x80 on.
    __m128i hit = _mm_and_si128(_mm_shuffle_epi8(c->low, _mm_and_si128(cur, c->nibble)),
                                _mm_shuffle_epi8(c->highBit, _mm_and_si128(_mm_srli_epi16(cur, 4), c->nibble)));
    uint32_t seenMask = ((~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(hit, _mm_setzero_si128())) & 0xFFFF)
                         | (uint32_t)_mm_movemask_epi8(cur)) & keep;
    if ((pairMask | rowMask | seenMask) == 0) return;
    uint32_t tripleMask = 0, longMask = 0;
    if (rowMask) {
        // The row bytes e, 16 in order; the edges before each place's three bytes and after them.
        __m256i e32 = _mm256_packus_epi32(_mm256_and_si256(thirdLo, c->lowByte), _mm256_and_si256(thirdHi, c->lowByte));
        __m128i e16 = _mm256_castsi256_si128(_mm256_permute4x64_epi64(_mm256_packus_epi16(e32, e32), 0xD8));
        __m128i e = _mm_shuffle_epi32(e16, 0xD8);
        // Bit k: whether the byte before place p + k's three bytes (p + k - 3) is an edge, and
        // the byte after them (p + k + 1; after place p + 15 the byte at p + 16, or the line's
        // end: an edge, and no fourth byte).
        uint32_t before = (edges << 16 | edgesBefore) >> 13 & 0xFFFF;
        int atEnd = p + 16 == n;
        uint32_t after = edges >> 1 | (atEnd ? 1u : t->classOf[line[p + 16]] >> 31) << 15;
        // The row bytes' bits (`PrefilterScratch.gates`): 1 a triple, 2 a long's start, 4 the
        // triple needs the edge before, 8 the edge after, 16 the long the edge before.
        uint32_t triple = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(e, 7)), longStart = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(e, 6));
        uint32_t tripleBefore = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(e, 5)), tripleAfter = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(e, 4));
        uint32_t longBefore = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(e, 3));
        tripleMask = triple & ~(tripleBefore & ~before) & ~(tripleAfter & ~after) & keep;
        longMask = longStart & ~(longBefore & ~before) & keep;
        if (atEnd) longMask &= 0x7FFF;
    }
    _Alignas(32) uint32_t rows[16];
    _Alignas(16) uint8_t bytes[16];
    _mm_store_si128((__m128i *)bytes, cur);
    uint8_t *seen = t->seen;
    while (seenMask) {
        seen[bytes[__builtin_ctz(seenMask)]] = 1;
        seenMask &= seenMask - 1;
    }
    if ((pairMask | tripleMask | longMask) == 0) return;
    // Each kind in a loop of its own, in the places' order (step 491: one loop over all three
    // kinds' places mispredicted the tests of which kinds a place had).
    while (pairMask) {
        uint32_t k = (uint32_t)__builtin_ctz(pairMask);
        uint32_t index = ws_pair_index(t, line[p + k - 1], line[p + k]);
        // Read again: the gathered entry is stale when the pair came earlier in the 16.
        if (t->pairs[index] & 1) ws_pair(t, index, (uint32_t)lower[line[p + k - 1]] << 8 | bytes[k], p + k, from, o);
        pairMask &= pairMask - 1;
    }
    if (tripleMask) {
        _mm256_store_si256((__m256i *)rows, rowLo);
        _mm256_store_si256((__m256i *)(rows + 8), rowHi);
        do {
            uint32_t k = (uint32_t)__builtin_ctz(tripleMask);
            // Read again: the gathered row byte is stale when the triple came earlier in the 16
            // and was cleared (`ws_triple`).
            uint32_t e = t->thirds[rows[k]];
            if (e & 1) ws_triple(t, rows[k], e, p + k, from, o);
            tripleMask &= tripleMask - 1;
        } while (tripleMask);
    }
    while (longMask) {
        ws_long(t, line, p + (intptr_t)__builtin_ctz(longMask), from, o);
        longMask &= longMask - 1;
    }
}

/// Bits 13-15: whether bytes p - 3 ... p - 1 are edges (bit 31 of their classes), for the
/// first block at p (`ws_block`'s `edgeCarry`).
static inline uint32_t ws_edge_carry(const WSWindowTables *t, const uint8_t *line, intptr_t p) {
    return (t->classOf[line[p - 3]] >> 31) << 13 | (t->classOf[line[p - 2]] >> 31) << 14 | (t->classOf[line[p - 1]] >> 31) << 15;
}

__attribute__((target("avx2")))
static void ws_scan_windows_avx2(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t from, intptr_t to,
                                 uint64_t *events, intptr_t *counts) {
    intptr_t p = from;
    WSOut o = ws_out(events);
    // The first three places, and a chunk too short for a block (whose first place is 3 or more), one by one.
    if (to - 16 < 3) {
        for (; p < to; p++) ws_place(t, line, n, p, from, &o);
        ws_counts(&o, counts);
        return;
    }
    for (; p < 3; p++) ws_place(t, line, n, p, from, &o);
    WSConstants c;
    c.low = _mm_loadu_si128((const __m128i *)t->seenLow);
    // Bit h of the byte's high nibble, for h < 6: bytes 0x60-0x7F are flagged from `letters`,
    // bytes from 0x80 on by their sign.
    c.highBit = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    c.nibble = _mm_set1_epi8(0x0F);
    c.rotate = _mm256_setr_epi32(7, 0, 1, 2, 3, 4, 5, 6);
    c.rowBits = _mm256_set1_epi32(0xFFFE);
    c.one = _mm256_set1_epi32(1);
    c.letterBase = _mm256_set1_epi32(0x60);
    c.lowByte = _mm256_set1_epi32(0xFF);
    c.shift = _mm_cvtsi32_si128((int)t->shift);
    c.rowShift = _mm_cvtsi32_si128((int)t->shift - 1);
    __m256i letters = _mm256_setzero_si256();
    // The entry of the pair before place p (lane 0), for the row of the triple that ends at p.
    __m256i carry = _mm256_set1_epi32(t->pairs[ws_pair_index(t, line[p - 2], line[p - 1])]);
    __m256i classCarry = _mm256_set1_epi32((int)(t->classOf[line[p - 1]] & 0xFF));
    uint32_t edgeCarry = ws_edge_carry(t, line, p);
    for (; p + 16 <= to; p += 16) ws_block(t, &c, line, n, p, 0, &carry, &classCarry, &edgeCarry, &letters, from, &o);
    if (p < to) {
        // The last places in a block that ends at `to`, those done already left out.
        intptr_t q = to - 16;
        carry = _mm256_set1_epi32(t->pairs[ws_pair_index(t, line[q - 2], line[q - 1])]);
        classCarry = _mm256_set1_epi32((int)(t->classOf[line[q - 1]] & 0xFF));
        edgeCarry = ws_edge_carry(t, line, q);
        ws_block(t, &c, line, n, q, (uint32_t)(p - q), &carry, &classCarry, &edgeCarry, &letters, from, &o);
    }
    __m128i l = _mm_or_si128(_mm256_castsi256_si128(letters), _mm256_extracti128_si256(letters, 1));
    l = _mm_or_si128(l, _mm_shuffle_epi32(l, 0x4E));
    l = _mm_or_si128(l, _mm_shuffle_epi32(l, 0xB1));
    // Bit k of `present` to the flag of byte 0x60 + k, 32 flags at once (step 631: a store a
    // letter was about 7 instructions each, 18 letters a line): each byte of the 32 takes the
    // byte of `present` that holds its bit, and tests its own bit there.
    __m256i spread = _mm256_shuffle_epi8(_mm256_set1_epi32(_mm_cvtsi128_si32(l)),
                                         _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
                                                          2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3));
    const __m256i bit = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    __m256i flags = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(spread, bit), bit), _mm256_set1_epi8(1));
    __m256i *letterFlags = (__m256i *)(void *)(t->seen + 0x60);
    _mm256_storeu_si256(letterFlags, _mm256_or_si256(_mm256_loadu_si256(letterFlags), flags));
    ws_counts(&o, counts);
}

/// -1 until the first pass asks; threads that ask at once all store the same answer.
static int ws_avx2 = -1;

int ws_scan_windows_simd(void) { return ws_cpu_cached(&ws_avx2, ws_cpu_avx2); }

void ws_scan_windows(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t from, intptr_t to, uint64_t *events,
                     intptr_t *counts) {
    if (ws_scan_windows_simd()) ws_scan_windows_avx2(t, line, n, from, to, events, counts);
    else ws_scan_windows_plain(t, line, n, from, to, events, counts);
}
#else
int ws_scan_windows_simd(void) { return 0; }

void ws_scan_windows(const WSWindowTables *t, const uint8_t *line, intptr_t n, intptr_t from, intptr_t to, uint64_t *events,
                     intptr_t *counts) {
    ws_scan_windows_plain(t, line, n, from, to, events, counts);
}
#endif
