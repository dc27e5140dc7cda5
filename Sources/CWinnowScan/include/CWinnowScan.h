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

#endif
