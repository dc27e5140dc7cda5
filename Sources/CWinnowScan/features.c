#include "CWinnowFeatures.h"

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
    uint64_t letters, capitals, other;
} WSSums;

#ifdef __SSE2__
static inline uint64_t ws_sum_bytes(__m128i counts) {
    __m128i s = _mm_sad_epu8(counts, _mm_setzero_si128());
    return (uint64_t)_mm_cvtsi128_si32(s) + (uint64_t)_mm_cvtsi128_si32(_mm_srli_si128(s, 8));
}
#endif

/// The masks of block `k` of `p[0..<64]`, and its sums; the 64 bytes with ASCII capitals
/// lowercased into `lowered` (as `StopwordTable.pack` lowercases a word).
static inline void ws_classify64(const uint8_t *p, WSMasks *m, intptr_t k, WSSums *sums, uint8_t *lowered) {
#ifdef __SSE2__
    uint64_t word = 0, upper = 0, joiner = 0, high = 0, sep = 0, mark = 0;
    __m128i letterCount = _mm_setzero_si128(), upperCount = _mm_setzero_si128(), otherCount = _mm_setzero_si128();
    for (int q = 0; q < 4; q++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * q));
        // Signed byte comparisons: a byte from 0x80 on is negative, below every range here.
        __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(folded, _mm_set1_epi8(0x7B)));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x2F)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x3A)));
        __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x40)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x5B)));
        __m128i space = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x09)));
        // Whitespace (tab to carriage return, space) or not ASCII: not counted as an ASCII character.
        __m128i other = _mm_or_si128(_mm_or_si128(space, _mm_cmplt_epi8(x, _mm_setzero_si128())),
                                     _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x09)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x0E))));
        __m128i dots = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x2E)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x3A)));
        __m128i joins = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x27)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x2D)));
        _mm_storeu_si128((__m128i *)(lowered + 16 * q), _mm_or_si128(x, _mm_and_si128(capital, _mm_set1_epi8(0x20))));
        // Each mask byte is 0 or -1: subtracting counts.
        letterCount = _mm_sub_epi8(letterCount, letter);
        upperCount = _mm_sub_epi8(upperCount, capital);
        otherCount = _mm_sub_epi8(otherCount, other);
        int shift = 16 * q;
        word |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_or_si128(letter, digit)) << shift;
        upper |= (uint64_t)(uint32_t)_mm_movemask_epi8(capital) << shift;
        joiner |= (uint64_t)(uint32_t)_mm_movemask_epi8(joins) << shift;
        high |= (uint64_t)(uint32_t)_mm_movemask_epi8(x) << shift;
        sep |= (uint64_t)(uint32_t)_mm_movemask_epi8(space) << shift;
        mark |= (uint64_t)(uint32_t)_mm_movemask_epi8(dots) << shift;
    }
    m->word[k] = word;
    m->upper[k] = upper;
    m->joiner[k] = joiner;
    m->high[k] = high;
    m->sep[k] = sep;
    m->mark[k] = mark;
    sums->letters += ws_sum_bytes(letterCount);
    sums->capitals += ws_sum_bytes(upperCount);
    sums->other += ws_sum_bytes(otherCount);
#else
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
#endif
}

/// The masks and sums of the piece `p[0..<len]` (`blocks` blocks) by the block function `block`,
/// and its bytes lowercased; the last bytes classified in a block of zeros (a zero byte is in no
/// mask and no sum). One definition for the SSE2 and the AVX2 function.
#define WS_CLASSIFY_PIECE(name, block, attributes)                                                               \
    attributes static void name(const uint8_t *p, intptr_t len, intptr_t blocks, WSMasks *m, WSSums *sums,     \
                                uint8_t *lowered) {                                                            \
        for (intptr_t k = 0; k < blocks; k++) {                                                                \
            if (len - 64 * k >= 64) {                                                                          \
                block(p + 64 * k, m, k, sums, lowered + 64 * k);                                               \
            } else {                                                                                           \
                uint8_t last[64];                                                                              \
                memset(last, 0, 64);                                                                           \
                memcpy(last, p + 64 * k, (size_t)(len - 64 * k));                                              \
                block(last, m, k, sums, lowered + 64 * k);                                                     \
            }                                                                                                  \
        }                                                                                                      \
    }

WS_CLASSIFY_PIECE(ws_classify_piece, ws_classify64, )

#if defined(__x86_64__)
#include <immintrin.h>

/// `ws_classify64` with AVX2: 32 bytes a step.
__attribute__((target("avx2"))) static inline uint64_t ws_sum_bytes256(__m256i counts) {
    __m256i s = _mm256_sad_epu8(counts, _mm256_setzero_si256());
    __m128i t = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
    return (uint64_t)_mm_cvtsi128_si64(t) + (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(t, t));
}

__attribute__((target("avx2"))) static inline void ws_classify64_avx2(const uint8_t *p, WSMasks *m, intptr_t k, WSSums *sums,
                                                                      uint8_t *lowered) {
    uint64_t word = 0, upper = 0, joiner = 0, high = 0, sep = 0, mark = 0;
    __m256i letterCount = _mm256_setzero_si256(), upperCount = _mm256_setzero_si256(), otherCount = _mm256_setzero_si256();
    for (int q = 0; q < 2; q++) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(p + 32 * q));
        // Signed byte comparisons, as in `ws_classify64`; `a < b` as `b > a`.
        __m256i folded = _mm256_or_si256(x, _mm256_set1_epi8(0x20));
        __m256i letter = _mm256_and_si256(_mm256_cmpgt_epi8(folded, _mm256_set1_epi8(0x60)), _mm256_cmpgt_epi8(_mm256_set1_epi8(0x7B), folded));
        __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(x, _mm256_set1_epi8(0x2F)), _mm256_cmpgt_epi8(_mm256_set1_epi8(0x3A), x));
        __m256i capital = _mm256_and_si256(_mm256_cmpgt_epi8(x, _mm256_set1_epi8(0x40)), _mm256_cmpgt_epi8(_mm256_set1_epi8(0x5B), x));
        __m256i space = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x20)), _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x09)));
        __m256i other = _mm256_or_si256(_mm256_or_si256(space, _mm256_cmpgt_epi8(_mm256_setzero_si256(), x)),
                                        _mm256_and_si256(_mm256_cmpgt_epi8(x, _mm256_set1_epi8(0x09)), _mm256_cmpgt_epi8(_mm256_set1_epi8(0x0E), x)));
        __m256i dots = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x2E)), _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x3A)));
        __m256i joins = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x27)), _mm256_cmpeq_epi8(x, _mm256_set1_epi8(0x2D)));
        _mm256_storeu_si256((__m256i *)(lowered + 32 * q), _mm256_or_si256(x, _mm256_and_si256(capital, _mm256_set1_epi8(0x20))));
        letterCount = _mm256_sub_epi8(letterCount, letter);
        upperCount = _mm256_sub_epi8(upperCount, capital);
        otherCount = _mm256_sub_epi8(otherCount, other);
        int shift = 32 * q;
        word |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_or_si256(letter, digit)) << shift;
        upper |= (uint64_t)(uint32_t)_mm256_movemask_epi8(capital) << shift;
        joiner |= (uint64_t)(uint32_t)_mm256_movemask_epi8(joins) << shift;
        high |= (uint64_t)(uint32_t)_mm256_movemask_epi8(x) << shift;
        sep |= (uint64_t)(uint32_t)_mm256_movemask_epi8(space) << shift;
        mark |= (uint64_t)(uint32_t)_mm256_movemask_epi8(dots) << shift;
    }
    m->word[k] = word;
    m->upper[k] = upper;
    m->joiner[k] = joiner;
    m->high[k] = high;
    m->sep[k] = sep;
    m->mark[k] = mark;
    sums->letters += ws_sum_bytes256(letterCount);
    sums->capitals += ws_sum_bytes256(upperCount);
    sums->other += ws_sum_bytes256(otherCount);
}

WS_CLASSIFY_PIECE(ws_classify_piece_avx2, ws_classify64_avx2, __attribute__((target("avx2"))))

/// -1 until the first line asks; then 1 when the processor has AVX2 (and no test turned it off).
static int ws_avx2 = -1;

static inline int ws_use_avx2(void) {
    int use = __atomic_load_n(&ws_avx2, __ATOMIC_RELAXED);
    if (use < 0) {
        __builtin_cpu_init();
        use = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&ws_avx2, use, __ATOMIC_RELAXED);
    }
    return use;
}

int ws_features_set_avx2(int on) {
    __builtin_cpu_init();
    int use = on && __builtin_cpu_supports("avx2");
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

/// Eight bytes or fewer as `StopwordTable.pack` packs them (ASCII capitals lowercased).
static inline uint64_t ws_lowered(uint64_t x) {
    uint64_t capitals = (x + 0x3F3F3F3F3F3F3F3FULL) & ~(x + 0x2525252525252525ULL) & 0x8080808080808080ULL;
    return x | capitals >> 2;
}

/// `StopwordTable.pack` of `line[s..<s + count]` (count 1-8), read at once when the line has 8
/// bytes from `s`.
static inline uint64_t ws_pack(const uint8_t *line, intptr_t n, intptr_t s, intptr_t count) {
    uint64_t x = 0;
    if (s + 8 <= n) {
        memcpy(&x, line + s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x);
#endif
        x &= ~(uint64_t)0 >> ((8 - count) * 8);
    } else {
        for (intptr_t i = 0; i < count; i++) x |= (uint64_t)line[s + i] << (8 * i);
    }
    return ws_lowered(x);
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

/// `StopwordTable.stopCount(asciiLowercasing:)` of a word longer than eight bytes: 1, 0, or -1
/// when the caller must look it up (over 16 bytes).
static int ws_long_stop(const WSFeatureTables *t, const uint8_t *line, intptr_t n, intptr_t s, intptr_t count) {
    if (count > t->maxLength) return 0;
    if (!((t->longLengths >> (count < 63 ? count : 63)) & 1)) return 0;
    if (count > 16) return -1;
    uint64_t first = ws_pack(line, n, s, 8), rest = ws_pack(line, n, s + 8, count - 8);
    return ws_contains_pair(t, first, rest);
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
/// follows one), added to `c`; spans added to `spans`. 0 when the spans do not fit.
static int ws_piece(const uint8_t *line, intptr_t n, intptr_t s, intptr_t e, const WSFeatureTables *t, WSFeatureCounts *c,
                    WSSpan *spans, intptr_t *spanCount, intptr_t capacity) {
    WSMasks m;
    WSSums sums = {0, 0, 0};
    // The piece lowercased, with room for an 8-byte read at its last byte.
    uint8_t lowered[WS_BLOCKS * 64 + 8];
    // The words' starts and ends in the piece, in turn (a word and a byte after it at least:
    // 2,048 words at most), and the words over 8 bytes.
    uint16_t wordEdges[WS_BLOCKS * 64 + 2], longs[WS_BLOCKS * 32 + 1];
    intptr_t len = e - s, blocks = (len + 63) >> 6;
    const uint8_t *p = line + s;
    uint64_t anyHigh = 0;
#if defined(__x86_64__)
    if (ws_use_avx2()) {
        ws_classify_piece_avx2(p, len, blocks, &m, &sums, lowered);
    } else {
        ws_classify_piece(p, len, blocks, &m, &sums, lowered);
    }
#else
    ws_classify_piece(p, len, blocks, &m, &sums, lowered);
#endif
    for (intptr_t k = 0; k < blocks; k++) {
        anyHigh |= m.high[k];
        m.region[k] = 0;
    }
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
    // their starts and ends listed. Short runs: runs of word bytes of one or two bytes.
    uint64_t wordCarry = 0, tokenCarry = 0;
    intptr_t edgeCount = 0, titled = 0;
    uint64_t endCarry = 0;
    uint64_t shortBits = 0;
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
            uint64_t runStarts = w & ~before, runEnds = w & ~after;
            uint64_t nextEnds = runEnds >> 1 | (wn & ~(wn >> 1) & 1) << 63;
            uint64_t one = runStarts & runEnds, two = runStarts & ~runEnds & nextEnds;
            while (one) {
                const uint8_t *r = lowered + base + ws_ctz(one);
                one &= one - 1;
                shortBits |= (uint64_t)1 << shortBit[(intptr_t)(uint8_t)((r[0] | 0x20) - 0x30) * 76];
            }
            while (two) {
                const uint8_t *r = lowered + base + ws_ctz(two);
                two &= two - 1;
                shortBits |= (uint64_t)1 << shortBit[(intptr_t)(uint8_t)((r[0] | 0x20) - 0x30) * 76 + (uint8_t)((r[1] | 0x20) - 0x30) + 1];
            }
        }
        uint64_t titledBits = first & m.upper[k];
        while (titledBits) { titled++; titledBits &= titledBits - 1; }
        // A word's start and its end (the byte past its last) alternate in one list of edges: an
        // end is never a word's byte, so never a start.
        uint64_t edges = first | last << 1 | endCarry;
        endCarry = last >> 63;
        while (edges) { wordEdges[edgeCount++] = (uint16_t)(base + ws_ctz(edges)); edges &= edges - 1; }
    }
    // A word ending with the piece's last block ends at the piece's end.
    if (endCarry) wordEdges[edgeCount++] = (uint16_t)(blocks * 64);
    intptr_t wordCount = edgeCount / 2;
    // Each word's stop word: its first eight bytes lowercased, the bytes past its end masked off,
    // looked up in both slots; a longer word counts 0 here and is listed.
    const uint64_t *slots = t->stopSlots;
    uint64_t shift = t->stopShift;
    intptr_t stop = 0, longCount = 0;
    for (intptr_t i = 0; i < wordCount; i++) {
        intptr_t start = wordEdges[2 * i], count = wordEdges[2 * i + 1] - start;
        uint64_t x;
        memcpy(&x, lowered + start, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        x = __builtin_bswap64(x);
#endif
        intptr_t kept = count < 8 ? count : 8;
        x &= ~(uint64_t)0 >> ((8 - kept) * 8);
        intptr_t hit = (intptr_t)(slots[ws_slot(x, shift)] == x) | (intptr_t)(slots[ws_other_slot(x, shift)] == x);
        stop += hit & (intptr_t)(count <= 8);
        longs[longCount] = (uint16_t)i;
        longCount += count > 8;
    }
    for (intptr_t j = 0; j < longCount; j++) {
        intptr_t i = longs[j], start = s + wordEdges[2 * i], end = s + wordEdges[2 * i + 1];
        int found = ws_long_stop(t, line, n, start, end - start);
        if (found < 0) {
            if (!ws_add_span(spans, spanCount, capacity, WS_SPAN_LONG_WORD, start, end)) return 0;
        } else {
            stop += found;
        }
    }
    c->words += wordCount;
    c->titled += titled;
    c->stop += stop;
    c->shortWords |= shortBits;

    // Links: runs between spaces and tabs with a `.` or `:`, by their first one.
    intptr_t links = 0;
    for (intptr_t q = 0;;) {
        intptr_t first = ws_next_set(m.mark, blocks, q);
        if (first >= len) break;
        intptr_t start = ws_prev_set(m.sep, first) + 1, end = ws_next_set(m.sep, blocks, first);
        if (end > len) end = len;
        if (first == end - 1) {
            // `LineFeatures.runIsLink`: with the mark as the run's last byte only "www." is a link.
            const uint8_t *r = p + start;
            links += end - start == 4 && (r[0] | 0x20) == 0x77 && (r[1] | 0x20) == 0x77 && (r[2] | 0x20) == 0x77 && r[3] == 0x2E;
        } else if (!ws_add_span(spans, spanCount, capacity, WS_SPAN_LINK, s + start, s + end)) {
            return 0;
        }
        q = end;
    }
    c->links += links;
    return 1;
}

intptr_t ws_line_features(const uint8_t *line, intptr_t n, const WSFeatureTables *tables, WSFeatureCounts *counts,
                          WSSpan *spans, intptr_t capacity) {
    memset(counts, 0, sizeof *counts);
    intptr_t spanCount = 0;
    for (intptr_t s = 0; s < n;) {
        intptr_t e = n;
        if (n - s > WS_BLOCKS * 64) {
            e = s + WS_BLOCKS * 64;
            while (e > s && line[e - 1] != 0x20 && line[e - 1] != 0x09) e--;
            if (e == s) return -1;
        }
        if (!ws_piece(line, n, s, e, tables, counts, spans, &spanCount, capacity)) return -1;
        s = e;
    }
    return spanCount;
}
