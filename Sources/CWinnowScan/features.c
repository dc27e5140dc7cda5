#include "CWinnowFeatures.h"
#include "ws_cpu.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/// A line is counted in pieces of at most this many 64-byte blocks, each cut after a space or
/// tab: every count is a sum, and no word, run or link run goes on across such a byte.
#define WS_BLOCKS 64

/// The masks of a piece, one bit a byte, a 64-bit integer a block, with a zero block past the
/// last (the next block's first bits are read at every block).
typedef struct {
    uint64_t word[WS_BLOCKS + 1];     // ASCII letters and digits
    uint64_t upper[WS_BLOCKS + 1];    // ASCII capitals
    uint64_t joiner[WS_BLOCKS + 1];   // ' and -
    uint64_t high[WS_BLOCKS + 1];     // bytes from 0x80 on
    uint64_t sep[WS_BLOCKS + 1];      // space and tab (a link run's ends)
    uint64_t mark[WS_BLOCKS + 1];     // . and : (a link's mark)
    uint64_t region[WS_BLOCKS + 1];   // bytes of a WS_SPAN_REGION span
} WSMasks;

static inline int ws_ctz(uint64_t x) { return __builtin_ctzll(x); }
static inline int ws_clz(uint64_t x) { return __builtin_clzll(x); }

/// Letters, capitals, and whitespace or non-ASCII bytes, summed over a piece.
typedef struct {
    uint64_t letters, capitals, other, high;
} WSSums;

#ifdef __SSE2__
static inline uint64_t ws_sum_bytes(__m128i counts) {
    __m128i s = _mm_sad_epu8(counts, _mm_setzero_si128());
    return (uint64_t)_mm_cvtsi128_si32(s) + (uint64_t)_mm_cvtsi128_si32(_mm_srli_si128(s, 8));
}
#endif

/// The body of the block function at one vector width, written once (the SSE2 and AVX2 copies
/// differed only in the names of their intrinsics): the vector type `T` and the intrinsics'
/// prefix `V` and suffix `S` (`__m128i`, `_mm`, `si128` or `__m256i`, `_mm256`, `si256`), `sum`
/// adding up a vector of byte counts. Signed byte comparisons: a byte from 0x80 on is negative,
/// below every range here; `a < b` is written `b > a` (AVX2 has no `cmplt`).
#define WS_CLASSIFY64(name, T, V, S, sum, attributes)                                                              \
    attributes static inline void name(const uint8_t *p, WSMasks *m, intptr_t k, WSSums *sums, uint8_t *lowered) { \
        enum { width = sizeof(T) };                                                                                \
        uint64_t word = 0, upper = 0, joiner = 0, high = 0, sep = 0, mark = 0;                                     \
        T letterCount = V##_setzero_##S(), upperCount = V##_setzero_##S(), otherCount = V##_setzero_##S();         \
        for (int q = 0; q < 64 / width; q++) {                                                                     \
            T x = V##_loadu_##S((const T *)(p + width * q));                                                       \
            T folded = V##_or_##S(x, V##_set1_epi8(0x20));                                                         \
            T letter = V##_and_##S(V##_cmpgt_epi8(folded, V##_set1_epi8(0x60)), V##_cmpgt_epi8(V##_set1_epi8(0x7B), folded)); \
            T digit = V##_and_##S(V##_cmpgt_epi8(x, V##_set1_epi8(0x2F)), V##_cmpgt_epi8(V##_set1_epi8(0x3A), x)); \
            T capital = V##_and_##S(V##_cmpgt_epi8(x, V##_set1_epi8(0x40)), V##_cmpgt_epi8(V##_set1_epi8(0x5B), x)); \
            T space = V##_or_##S(V##_cmpeq_epi8(x, V##_set1_epi8(0x20)), V##_cmpeq_epi8(x, V##_set1_epi8(0x09)));  \
            /* Whitespace (tab to carriage return, space) or not ASCII: not counted as an ASCII character. */      \
            T other = V##_or_##S(V##_or_##S(space, V##_cmpgt_epi8(V##_setzero_##S(), x)),                          \
                                 V##_and_##S(V##_cmpgt_epi8(x, V##_set1_epi8(0x09)), V##_cmpgt_epi8(V##_set1_epi8(0x0E), x))); \
            T dots = V##_or_##S(V##_cmpeq_epi8(x, V##_set1_epi8(0x2E)), V##_cmpeq_epi8(x, V##_set1_epi8(0x3A)));   \
            T joins = V##_or_##S(V##_cmpeq_epi8(x, V##_set1_epi8(0x27)), V##_cmpeq_epi8(x, V##_set1_epi8(0x2D)));  \
            V##_storeu_##S((T *)(lowered + width * q), V##_or_##S(x, V##_and_##S(capital, V##_set1_epi8(0x20))));  \
            /* Each mask byte is 0 or -1: subtracting counts. */                                                   \
            letterCount = V##_sub_epi8(letterCount, letter);                                                       \
            upperCount = V##_sub_epi8(upperCount, capital);                                                        \
            otherCount = V##_sub_epi8(otherCount, other);                                                          \
            int shift = width * q;                                                                                 \
            word |= (uint64_t)(uint32_t)V##_movemask_epi8(V##_or_##S(letter, digit)) << shift;                     \
            upper |= (uint64_t)(uint32_t)V##_movemask_epi8(capital) << shift;                                      \
            joiner |= (uint64_t)(uint32_t)V##_movemask_epi8(joins) << shift;                                       \
            high |= (uint64_t)(uint32_t)V##_movemask_epi8(x) << shift;                                             \
            sep |= (uint64_t)(uint32_t)V##_movemask_epi8(space) << shift;                                          \
            mark |= (uint64_t)(uint32_t)V##_movemask_epi8(dots) << shift;                                          \
        }                                                                                                          \
        m->word[k] = word;                                                                                         \
        m->upper[k] = upper;                                                                                       \
        m->joiner[k] = joiner;                                                                                     \
        m->high[k] = high;                                                                                         \
        m->sep[k] = sep;                                                                                           \
        m->mark[k] = mark;                                                                                         \
        sums->letters += sum(letterCount);                                                                         \
        sums->capitals += sum(upperCount);                                                                         \
        sums->other += sum(otherCount);                                                                            \
    }

/// The masks of block `k` of `p[0..<64]`, and its sums; the 64 bytes with ASCII capitals
/// lowercased into `lowered` (as `StopwordTable.pack` lowercases a word).
#ifdef __SSE2__
WS_CLASSIFY64(ws_classify64, __m128i, _mm, si128, ws_sum_bytes, )
#else
static inline void ws_classify64(const uint8_t *p, WSMasks *m, intptr_t k, WSSums *sums, uint8_t *lowered) {
    uint64_t word = 0, upper = 0, joiner = 0, high = 0, sep = 0, mark = 0;
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i], folded = b | 0x20;
        uint64_t bit = (uint64_t)1 << i;
        int letter = folded >= 0x61 && folded <= 0x7A, capital = b >= 0x41 && b <= 0x5A;
        if (letter || (b >= 0x30 && b <= 0x39)) word |= bit;
        if (capital) upper |= bit;
        if (b == 0x27 || b == 0x2D) joiner |= bit;
        if (b >= 0x80) high |= bit;
        if (b == 0x20 || b == 0x09) sep |= bit;
        if (b == 0x2E || b == 0x3A) mark |= bit;
        sums->letters += letter;
        sums->capitals += capital;
        sums->other += b >= 0x80 || b == 0x20 || (b >= 0x09 && b <= 0x0D);
        lowered[i] = capital ? b | 0x20 : b;
    }
    m->word[k] = word;
    m->upper[k] = upper;
    m->joiner[k] = joiner;
    m->high[k] = high;
    m->sep[k] = sep;
    m->mark[k] = mark;
}
#endif

/// The masks and sums of the piece `p[0..<len]` (`blocks` blocks) by the block function `block`,
/// and its bytes lowercased; the last bytes classified in a block of zeros (a zero byte is in no
/// mask and no sum). The full blocks in a loop of their own, the last one after it (a test in
/// the loop mispredicted at the last block); the blocks' `region` masks cleared and their
/// `high` ones joined into `sums->high` on the way (a loop of their own before, step 513).
/// One definition for the SSE2 and the AVX2 function.
#define WS_CLASSIFY_PIECE(name, block, attributes)                                                               \
    attributes static void name(const uint8_t *p, intptr_t len, intptr_t blocks, WSMasks *m, WSSums *sums,     \
                                uint8_t *lowered) {                                                            \
        intptr_t full = len >> 6;                                                                              \
        uint64_t high = 0;                                                                                     \
        for (intptr_t k = 0; k < full; k++) {                                                                  \
            block(p + 64 * k, m, k, sums, lowered + 64 * k);                                                   \
            m->region[k] = 0;                                                                                  \
            high |= m->high[k];                                                                                \
        }                                                                                                      \
        if (full < blocks) {                                                                                   \
            uint8_t last[64];                                                                                  \
            memset(last, 0, 64);                                                                               \
            memcpy(last, p + 64 * full, (size_t)(len - 64 * full));                                            \
            block(last, m, full, sums, lowered + 64 * full);                                                   \
            m->region[full] = 0;                                                                               \
            high |= m->high[full];                                                                             \
        }                                                                                                      \
        sums->high = high;                                                                                     \
    }

WS_CLASSIFY_PIECE(ws_classify_piece, ws_classify64, )

#if defined(__x86_64__)
#include <immintrin.h>

/// `ws_classify64` with AVX2: 32 bytes a step (`WS_CLASSIFY64`).
__attribute__((target("avx2"))) static inline uint64_t ws_sum_bytes256(__m256i counts) {
    __m256i s = _mm256_sad_epu8(counts, _mm256_setzero_si256());
    __m128i t = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
    return (uint64_t)_mm_cvtsi128_si64(t) + (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(t, t));
}

WS_CLASSIFY64(ws_classify64_avx2, __m256i, _mm256, si256, ws_sum_bytes256, __attribute__((target("avx2"))))

WS_CLASSIFY_PIECE(ws_classify_piece_avx2, ws_classify64_avx2, __attribute__((target("avx2"), noinline)))

/// -1 until the first line asks; then 1 when the processor has AVX2 and the rest
/// (`ws_cpu_avx2_bmi`, ws_cpu.h; and no test turned it off).
static int ws_avx2 = -1;

static inline int ws_use_avx2(void) { return ws_cpu_cached(&ws_avx2, ws_cpu_avx2_bmi); }

int ws_features_set_avx2(int on) {
    int use = on && ws_cpu_avx2_bmi();
    __atomic_store_n(&ws_avx2, use, __ATOMIC_RELAXED);
    return use;
}
#else
int ws_features_set_avx2(int on) {
    (void)on;
    return 0;
}
#endif

/// The first place at or after `p` whose bit is set in `a[0..<blocks]`, or `blocks * 64`.
static inline intptr_t ws_next_set(const uint64_t *a, intptr_t blocks, intptr_t p) {
    intptr_t k = p >> 6;
    if (k >= blocks) return blocks * 64;
    uint64_t x = a[k] & (~(uint64_t)0 << (p & 63));
    while (!x) {
        if (++k >= blocks) return blocks * 64;
        x = a[k];
    }
    return k * 64 + ws_ctz(x);
}

/// The last place before `p` whose bit is set in `a`, or -1.
static inline intptr_t ws_prev_set(const uint64_t *a, intptr_t p) {
    intptr_t k = p >> 6;
    uint64_t x = (p & 63) ? a[k] & (((uint64_t)1 << (p & 63)) - 1) : 0;
    while (!x) {
        if (--k < 0) return -1;
        x = a[k];
    }
    return k * 64 + 63 - ws_clz(x);
}

/// A region's mask bit: ASCII letters and digits, joiners and bytes that are not ASCII.
static inline uint64_t ws_region_bits(const WSMasks *m, intptr_t k) { return m->word[k] | m->joiner[k] | m->high[k]; }

/// The set bits of `x`, without a branch (no `popcnt` instruction is assumed).
static inline intptr_t ws_popcount(uint64_t x) { return (intptr_t)__builtin_popcountll(x); }

/// Places of a block's bits listed a fixed number at a time (`WS_EDGE_UNROLL`,
/// `WS_SHORT_UNROLL`): the list always gets that many writes (past its count, overwritten by
/// the next block), and a loop only for a block with more bits.
#define WS_EDGE_UNROLL 8
#define WS_SHORT_UNROLL 4

/// Appends to `list[count...]` `base` plus the place of each bit of `x`, in order; returns the
/// new count. `list` has room for `3 * unroll` entries past the last bit's.
static inline intptr_t ws_list_bits(uint16_t *list, intptr_t count, uint64_t x, uint16_t base, int unroll) {
    intptr_t bits = ws_popcount(x);
    uint16_t *out = list + count;
    // With `x` spent, the place written is 64's, past the count: `x ? ctz : 64` is one `tzcnt`
    // in `ws_piece_fast` (built for BMI), where `ctz(x | 1 << 63)` took an `or` and a shift
    // more (step 601 in docs/performance.md).
#define WS_LIST_ONE(i)                                                                                     \
    do {                                                                                                   \
        out[i] = (uint16_t)(base + (x ? ws_ctz(x) : 64));                                                  \
        x &= x - 1;                                                                                        \
    } while (0)
    for (int i = 0; i < unroll; i++) WS_LIST_ONE(i);
    if (bits > unroll) {
        for (int i = unroll; i < 2 * unroll; i++) WS_LIST_ONE(i);
        if (bits > 2 * unroll) {
            for (int i = 2 * unroll; i < 3 * unroll; i++) WS_LIST_ONE(i);
            for (intptr_t i = 3 * unroll; i < bits; i++) WS_LIST_ONE(i);
        }
    }
#undef WS_LIST_ONE
    return count + bits;
}

static inline intptr_t ws_slot(uint64_t key, uint64_t shift) { return (intptr_t)((key * 0x9E3779B97F4A7C15ULL) >> shift); }
static inline intptr_t ws_other_slot(uint64_t key, uint64_t shift) { return (intptr_t)((key * 0xC2B2AE3D27D4EB4FULL) >> shift); }

/// `StopwordTable.containsPair`.
static int ws_contains_pair(const WSFeatureTables *t, uint64_t first, uint64_t rest) {
    if (t->pairCount == 0) return 0;
    intptr_t h = ws_slot(first ^ (rest * 0xC2B2AE3D27D4EB4FULL), t->pairShift) << 1;
    for (;;) {
        uint64_t k = t->pairs[h];
        if (k == first && t->pairs[h + 1] == rest) return 1;
        if (k == 0) return 0;
        h = (h + 2) & (t->pairCount - 1);
    }
}

/// A short run's second byte's column in `shortBit`'s rows: `(b | 0x20) - 0x30 + 1` for an ASCII
/// letter or digit (a word byte, so a run of two), 0 for any other byte (a run of one ends before it).
#define WS_SECOND_8(b) ((b) >= 0x30 && (b) <= 0x39 ? (b) - 0x2F : ((b) | 0x20) >= 0x61 && ((b) | 0x20) <= 0x7A ? ((b) | 0x20) - 0x2F : 0)
#define WS_SECOND_ROW(b) WS_SECOND_8(b), WS_SECOND_8(b + 1), WS_SECOND_8(b + 2), WS_SECOND_8(b + 3), WS_SECOND_8(b + 4), \
    WS_SECOND_8(b + 5), WS_SECOND_8(b + 6), WS_SECOND_8(b + 7), WS_SECOND_8(b + 8), WS_SECOND_8(b + 9), WS_SECOND_8(b + 10), \
    WS_SECOND_8(b + 11), WS_SECOND_8(b + 12), WS_SECOND_8(b + 13), WS_SECOND_8(b + 14), WS_SECOND_8(b + 15)
static const uint8_t ws_second_index[256] = {
    WS_SECOND_ROW(0x00), WS_SECOND_ROW(0x10), WS_SECOND_ROW(0x20), WS_SECOND_ROW(0x30),
    WS_SECOND_ROW(0x40), WS_SECOND_ROW(0x50), WS_SECOND_ROW(0x60), WS_SECOND_ROW(0x70),
    WS_SECOND_ROW(0x80), WS_SECOND_ROW(0x90), WS_SECOND_ROW(0xA0), WS_SECOND_ROW(0xB0),
    WS_SECOND_ROW(0xC0), WS_SECOND_ROW(0xD0), WS_SECOND_ROW(0xE0), WS_SECOND_ROW(0xF0),
};
#undef WS_SECOND_ROW
#undef WS_SECOND_8

/// Whether bit `i` of the masks `a` is set (0 for `i` -1).
static inline uint64_t ws_bit(const uint64_t *a, intptr_t i) { return i < 0 ? 0 : (a[i >> 6] >> (i & 63)) & 1; }

/// For a region (`p[..<end]`, its first non-ASCII byte at `h`) whose only non-ASCII characters
/// are quotes, dashes, the ellipsis (U+2013, U+2014, U+2018, U+2019, U+201C, U+201D, U+2026:
/// neither word, space nor letter) and the no-break space (U+00A0, a space), with no U+2019
/// between two ASCII letters or digits (which joins them into one word, "don’t"): the number
/// of those characters that are not spaces; else -1. Such a region is counted as the byte
/// loop counts it when its words are the masks' words (the characters join no word and end
/// any, as a space does) and each of its quotes and dashes adds a character (step 514 in
/// docs/performance.md): most regions of English text are a curly quote or a dash next to a
/// word ("“The", "said”", "2012–13").
static inline intptr_t ws_punctuation_region(const uint8_t *p, const WSMasks *m, intptr_t blocks, intptr_t h, intptr_t end) {
    intptr_t count = 0;
    for (intptr_t i = h; i < end; i = ws_next_set(m->high, blocks, i)) {
        if (p[i] == 0xC2 && i + 1 < end && p[i + 1] == 0xA0) {
            i += 2;
            continue;
        }
        if (p[i] != 0xE2 || i + 2 >= end || p[i + 1] != 0x80) return -1;
        uint8_t last = p[i + 2];
        if (!(last == 0x93 || last == 0x94 || last == 0x98 || last == 0x99 || last == 0x9C || last == 0x9D || last == 0xA6)) return -1;
        if (last == 0x99 && ws_bit(m->word, i - 1) && ws_bit(m->word, i + 3)) return -1;
        count++;
        i += 3;
    }
    return count;
}

static inline int ws_add_span(WSSpan *spans, intptr_t *count, intptr_t capacity, intptr_t kind, intptr_t start, intptr_t end) {
    if (*count >= capacity) return 0;
    spans[*count].kind = kind;
    spans[*count].start = start;
    spans[*count].end = end;
    (*count)++;
    return 1;
}

/// The counts of the piece `line[s..<e]` (`e` is n or follows a space or tab; `s` is 0 or
/// follows one), added to `c`; spans added to `spans`. 0 when the spans do not fit. With `fast`
/// (a constant where it is inlined), the masks are made with AVX2, in a function built for AVX2,
/// POPCNT and BMI (`ws_piece_fast`: one instruction for each popcount, `tzcnt` and lowest bit
/// cleared); without, by `ws_classify_piece` (step 512 in docs/performance.md).
__attribute__((always_inline)) static inline int ws_piece_body(const uint8_t *line, intptr_t n, intptr_t s, intptr_t e,
                                                               const WSFeatureTables *t, WSFeatureCounts *c, WSSpan *spans,
                                                               intptr_t *spanCount, intptr_t capacity, int fast) {
    WSMasks m;
    WSSums sums = {0, 0, 0, 0};
    // The piece lowercased, with room for an 8-byte read at its last byte.
    uint8_t lowered[WS_BLOCKS * 64 + 8];
    // The words' starts and ends in the piece, in turn (a word and a byte after it at least:
    // 2,048 words at most), and the words over 8 bytes.
    uint16_t wordEdges[WS_BLOCKS * 64 + 2 + 3 * WS_EDGE_UNROLL], longs[WS_BLOCKS * 32 + 1];
    // The short runs' first bytes (a run and a byte after it at least).
    uint16_t shortRuns[WS_BLOCKS * 32 + 1 + 3 * WS_SHORT_UNROLL];
    intptr_t len = e - s, blocks = (len + 63) >> 6;
    const uint8_t *p = line + s;
    uint64_t anyHigh = 0;
#if defined(__x86_64__)
    if (fast) {
        ws_classify_piece_avx2(p, len, blocks, &m, &sums, lowered);
    } else {
        ws_classify_piece(p, len, blocks, &m, &sums, lowered);
    }
#else
    (void)fast;
    ws_classify_piece(p, len, blocks, &m, &sums, lowered);
#endif
    anyHigh = sums.high;
    memset(lowered + 64 * blocks, 0, 8);
    m.word[blocks] = m.upper[blocks] = m.joiner[blocks] = m.high[blocks] = m.sep[blocks] = m.mark[blocks] = m.region[blocks] = 0;
    c->letters += (intptr_t)sums.letters;
    c->capitals += (intptr_t)sums.capitals;
    c->chars += len - (intptr_t)sums.other;

    // Regions: maximal runs of word bytes, joiners and non-ASCII bytes with a non-ASCII byte.
    if (anyHigh) {
        intptr_t q = 0;
        for (;;) {
            intptr_t h = ws_next_set(m.high, blocks, q);
            if (h >= len) break;
            // The region's first byte: after the last byte before `h` outside the region's bytes.
            intptr_t k = h >> 6, start, end;
            uint64_t outside = ~ws_region_bits(&m, k) & (((uint64_t)1 << (h & 63)) - 1);
            while (!outside && k > 0) { k--; outside = ~ws_region_bits(&m, k); }
            start = outside ? k * 64 + 64 - ws_clz(outside) : 0;
            k = h >> 6;
            outside = ~ws_region_bits(&m, k) & (~(uint64_t)0 << (h & 63));
            while (!outside) { k++; outside = ~ws_region_bits(&m, k); }   // the zero block past the last ends it
            end = k * 64 + ws_ctz(outside);
            intptr_t punctuation = ws_punctuation_region(p, &m, blocks, h, end);
            if (punctuation >= 0) {
                // Its words are the masks' (no region bits), its quotes and dashes characters.
                c->chars += punctuation;
                q = end;
                continue;
            }
            if (!ws_add_span(spans, spanCount, capacity, WS_SPAN_REGION, s + start, s + end)) return 0;
            for (intptr_t r = start; r < end;) {
                intptr_t b = r >> 6, lo = r & 63, hi = end - b * 64 < 64 ? end - b * 64 : 64;
                uint64_t bits = (hi == 64 ? ~(uint64_t)0 : (((uint64_t)1 << hi) - 1)) & (~(uint64_t)0 << lo);
                m.region[b] |= bits;
                r = b * 64 + hi;
            }
            q = end;
        }
    }

    // Words: runs of word bytes joined across a joiner between two word bytes, outside regions,
    // their starts and ends listed. Short runs: runs of word bytes of one or two bytes, listed
    // too. Both lists are written a fixed number of places a block whatever the block holds, and
    // only their counts move on (`ws_list_bits`): a loop over a block's bits ended at a
    // mispredicted branch in most blocks (step 510 in docs/performance.md).
    // Links: runs between spaces and tabs with a `.` or `:`, by their first one, found for all
    // runs of a block at once: `~sep + mark` carries from each run's first mark to the run's end
    // (a separator, which stops it), so a later mark of the run reads 1 in the sum and the first
    // one 0. A run whose first mark is its last byte
    // ("end.", "said:", most of them) is a link only as "www.": such a run of four bytes is
    // compared whole; the other runs are left to Swift as spans (step 511). In the words' loop over
    // the blocks (a loop of its own before, ending at a mispredicted branch a piece, step 513).
    intptr_t links = 0;
    uint64_t markCarry = 0, sepBefore = (uint64_t)1 << 63;   // the piece's start bounds a run
    m.sep[len >> 6] |= (uint64_t)1 << (len & 63);             // and so does its end
    uint64_t wordCarry = 0, tokenCarry = 0;
    intptr_t edgeCount = 0, titled = 0, shortCount = 0;
    uint64_t endCarry = 0;
    const uint8_t *shortBit = t->shortBit;
    for (intptr_t k = 0; k < blocks; k++) {
        uint64_t w = m.word[k], wn = m.word[k + 1];
        uint64_t before = w << 1 | wordCarry, after = w >> 1 | wn << 63;
        uint64_t token = (w | (m.joiner[k] & before & after)) & ~m.region[k];
        uint64_t next0 = (wn | (m.joiner[k + 1] & w >> 63 & wn >> 1)) & ~m.region[k + 1] & 1;
        uint64_t first = token & ~(token << 1 | tokenCarry), last = token & ~(token >> 1 | next0 << 63);
        wordCarry = w >> 63;
        tokenCarry = token >> 63;
        uint16_t base = (uint16_t)(k * 64);
        if (shortBit) {
            // A run of one byte ends at its first, one of two at the next. Whether it is one of
            // two is read from its second byte when it is looked up (`ws_second_index`), not
            // listed with it: a list with a flag took eight instructions more a place (step 741
            // in docs/performance.md).
            uint64_t runStarts = w & ~before, runEnds = w & ~after;
            uint64_t nextEnds = runEnds >> 1 | (wn & ~(wn >> 1) & 1) << 63;
            shortCount = ws_list_bits(shortRuns, shortCount, runStarts & (runEnds | nextEnds), base, WS_SHORT_UNROLL);
        }
        titled += ws_popcount(first & m.upper[k]);
        // A word's start and its end (the byte past its last) alternate in one list of edges: an
        // end is never a word's byte, so never a start.
        uint64_t edges = first | last << 1 | endCarry;
        endCarry = last >> 63;
        edgeCount = ws_list_bits(wordEdges, edgeCount, edges, base, WS_EDGE_UNROLL);
        uint64_t sep = m.sep[k], mark = m.mark[k];
        unsigned __int128 sum = (unsigned __int128)(uint64_t)~sep + mark + markCarry;
        markCarry = (uint64_t)(sum >> 64);
        uint64_t firstMark = mark & ~(uint64_t)sum;
        uint64_t lastByte = sep >> 1 | m.sep[k + 1] << 63;
        uint64_t ended = firstMark & lastByte, open = firstMark & ~lastByte;
        // "www." and its like: the run's first byte three before the mark, after a bound.
        uint64_t bound4 = sep << 4 | sepBefore >> 60, inner = sep << 1 | sep << 2 | sep << 3 | sepBefore >> 63 | sepBefore >> 62 | sepBefore >> 61;
        uint64_t four = ended & bound4 & ~inner;
        sepBefore = sep;
        while (four) {
            const uint8_t *r = lowered + k * 64 + ws_ctz(four) - 3;
            four &= four - 1;
            links += (r[0] == 0x77) & (r[1] == 0x77) & (r[2] == 0x77) & (r[3] == 0x2E);
        }
        while (open) {
            intptr_t at = k * 64 + ws_ctz(open);
            open &= open - 1;
            intptr_t start = ws_prev_set(m.sep, at) + 1, end = ws_next_set(m.sep, blocks + 1, at);
            if (!ws_add_span(spans, spanCount, capacity, WS_SPAN_LINK, s + start, s + end)) return 0;
        }
    }
    // A word ending with the piece's last block ends at the piece's end.
    if (endCarry) wordEdges[edgeCount++] = (uint16_t)(blocks * 64);
    // Each short run's bit: its first byte's place (and its second's, for a run of two: its
    // second byte is a word byte exactly then, and `ws_second_index` gives 0 for any other).
    uint64_t shortBits = 0;
    for (intptr_t j = 0; j < shortCount; j++) {
        const uint8_t *r = lowered + shortRuns[j];
        shortBits |= (uint64_t)1 << shortBit[(intptr_t)(uint8_t)((r[0] | 0x20) - 0x30) * 76 + ws_second_index[r[1]]];
    }
    intptr_t wordCount = edgeCount / 2;
    // Each word's stop word: its first eight bytes lowercased, the bytes past its end masked off,
    // looked up in both slots; a longer word counts 0 here, and is listed when a long stop word
    // has its length (no branch on either).
    const uint64_t *slots = t->stopSlots;
    uint64_t shift = t->stopShift;
    // The lengths over eight bytes (capped at 63) that a stop word no longer than `maxLength` has.
    uint64_t longLengths = t->longLengths & ~(uint64_t)0x1FF & (t->maxLength >= 63 ? ~(uint64_t)0 : ((uint64_t)2 << t->maxLength) - 1);
    // A word over eight bytes (about one in ten) takes a branch of its own, past the lookup
    // (no short stop word has its length): the loop of every word without the branch did the
    // lookup and the long list's bookkeeping on every word, 34 instructions a word against 25
    // (step 600 in docs/performance.md).
    intptr_t stop = 0, longCount = 0;
    for (intptr_t i = 0; i < wordCount; i++) {
        intptr_t start = wordEdges[2 * i], count = wordEdges[2 * i + 1] - start;
        if (count > 8) {
            longs[longCount] = (uint16_t)i;
            longCount += (intptr_t)((longLengths >> (count < 63 ? count : 63)) & 1);
            continue;
        }
        uint64_t x;
        memcpy(&x, lowered + start, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x);
#endif
        x &= ~(uint64_t)0 >> ((8 - count) * 8);
        stop += (intptr_t)(slots[ws_slot(x, shift)] == x) | (intptr_t)(slots[ws_other_slot(x, shift)] == x);
    }
    // The listed words have a length a long stop word has (`longLengths`, no longer than
    // `maxLength` below 63 bytes): one of 9-16 bytes is looked up as its two keys, read from the
    // lowercased piece (a function packed them from the line again, in a call a word: step
    // 609 in docs/performance.md); a longer one is left to Swift.
    for (intptr_t j = 0; j < longCount; j++) {
        intptr_t i = longs[j], first = wordEdges[2 * i], count = wordEdges[2 * i + 1] - first;
        if (count > 16) {
            if (count > t->maxLength) continue;
            if (!ws_add_span(spans, spanCount, capacity, WS_SPAN_LONG_WORD, s + first, s + first + count)) return 0;
            continue;
        }
        uint64_t head, rest;
        memcpy(&head, lowered + first, 8);
        memcpy(&rest, lowered + first + 8, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        head = __builtin_bswap64(head);
        rest = __builtin_bswap64(rest);
#endif
        rest &= ~(uint64_t)0 >> ((16 - count) * 8);
        stop += ws_contains_pair(t, head, rest);
    }
    c->words += wordCount;
    c->titled += titled;
    c->stop += stop;
    c->shortWords |= shortBits;

    c->links += links;
    return 1;
}

static int ws_piece(const uint8_t *line, intptr_t n, intptr_t s, intptr_t e, const WSFeatureTables *t, WSFeatureCounts *c,
                    WSSpan *spans, intptr_t *spanCount, intptr_t capacity) {
    return ws_piece_body(line, n, s, e, t, c, spans, spanCount, capacity, 0);
}

#if defined(__x86_64__)
__attribute__((target("avx2,popcnt,bmi,bmi2"))) static int ws_piece_fast(const uint8_t *line, intptr_t n, intptr_t s, intptr_t e,
                                                                          const WSFeatureTables *t, WSFeatureCounts *c,
                                                                          WSSpan *spans, intptr_t *spanCount, intptr_t capacity) {
    return ws_piece_body(line, n, s, e, t, c, spans, spanCount, capacity, 1);
}
#endif

intptr_t ws_line_features(const uint8_t *line, intptr_t n, const WSFeatureTables *tables, WSFeatureCounts *counts,
                          WSSpan *spans, intptr_t capacity) {
    memset(counts, 0, sizeof *counts);
    intptr_t spanCount = 0;
#if defined(__x86_64__)
    int fast = ws_use_avx2();
#endif
    for (intptr_t s = 0; s < n;) {
        intptr_t e = n;
        if (n - s > WS_BLOCKS * 64) {
            e = s + WS_BLOCKS * 64;
            while (e > s && line[e - 1] != 0x20 && line[e - 1] != 0x09) e--;
            if (e == s) return -1;
        }
#if defined(__x86_64__)
        int done = fast ? ws_piece_fast(line, n, s, e, tables, counts, spans, &spanCount, capacity)
                        : ws_piece(line, n, s, e, tables, counts, spans, &spanCount, capacity);
#else
        int done = ws_piece(line, n, s, e, tables, counts, spans, &spanCount, capacity);
#endif
        if (!done) return -1;
        s = e;
    }
    return spanCount;
}
