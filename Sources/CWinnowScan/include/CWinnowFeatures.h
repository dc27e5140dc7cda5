// `LineFeatures`' counts of a line from bit masks of its bytes (step 450 in docs/performance.md):
// the line's bytes are classified 64 at a time (SSE2, 16 bytes a step; byte by byte without)
// into masks of word bytes (ASCII letters and digits), capitals, joiners (`'` `-`), link
// separators (space, tab), link marks (`.` `:`) and bytes that are not ASCII; words, short runs
// and link runs are then walked by their edges' bits (`ctz`, clearing the lowest bit) instead of
// byte by byte, and letters, capitals and whitespace are summed by `psadbw`.
#ifndef CWINNOWFEATURES_H
#define CWINNOWFEATURES_H

#include <stdint.h>

/// The tables the counts need, owned by `StopwordTable` and `ShortWords`.
/// `stopSlots`: `StopwordTable.short` (`1 << (64 - stopShift)` packed words, two slots a word);
/// `pairs`: `StopwordTable.pairs` (two integers a slot, `pairCount` integers, a power of two);
/// `longLengths`: the bit of each length of an ASCII stop word longer than eight bytes (capped at
/// 63); `maxLength`: the longest ASCII stop word; `shortBit`: `ShortWords.bitOf`, or NULL for no
/// short-run bits.
typedef struct {
    const uint64_t *stopSlots;
    uint64_t stopShift;
    const uint64_t *pairs;
    intptr_t pairCount;
    uint64_t pairShift;
    uint64_t longLengths;
    intptr_t maxLength;
    const uint8_t *shortBit;
} WSFeatureTables;

/// The counts of a line (`LineFeatures`): of its ASCII words (those outside the spans of kind
/// `WS_SPAN_REGION`), their first capitals and stop words; of the line's ASCII bytes that are not
/// whitespace, its ASCII letters and capitals; its links (but those in spans of kind
/// `WS_SPAN_LINK`); the bits of its short runs (`ShortWords`).
typedef struct {
    intptr_t words, titled, stop, chars, letters, capitals, links;
    uint64_t shortWords;
} WSFeatureCounts;

/// What the caller counts itself: a maximal run of ASCII letters, digits, `'`, `-` and bytes
/// that are not ASCII with at least one of the last (its words, their capitals and stop words,
/// and its non-ASCII characters and letters: `LineFeatures.region`), but one whose only
/// non-ASCII characters are quotes, dashes, the ellipsis and the no-break space, joining no two
/// words, which C counts (`ws_punctuation_region`); an ASCII word longer than 16
/// bytes whose length a stop word has (its stop word only: it is counted as a word); a link run
/// (between spaces or tabs) whose first `.` or `:` is not its last byte (`LineFeatures.isLink`).
enum { WS_SPAN_REGION = 0, WS_SPAN_LONG_WORD = 1, WS_SPAN_LINK = 2 };

typedef struct {
    intptr_t kind, start, end;
} WSSpan;

/// The counts of `line[0..<n]` into `counts`, and the spans the caller must count into
/// `spans[0..<capacity]`: their number, or -1 when they do not fit or a stretch of 4,096 bytes
/// has no space or tab to cut the line at (the caller then counts the whole line itself).
intptr_t ws_line_features(const uint8_t *line, intptr_t n, const WSFeatureTables *tables, WSFeatureCounts *counts,
                          WSSpan *spans, intptr_t capacity);

/// Whether the masks are made with AVX2, and the piece counted by the function built for AVX2,
/// POPCNT and BMI (when the processor has all four; `on` 0: SSE2 and the plain function, as
/// without them), for tests of both ways; returns whether that way is now used.
int ws_features_set_avx2(int on);

#endif
