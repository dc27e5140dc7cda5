#include "CWinnowScan.h"

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
