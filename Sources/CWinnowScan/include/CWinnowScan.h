// The literal prefilter's pass for the literals of one or two bytes after a number
// (`Prefilter.markShortPlaced`), in C: it skips to the next digit 16 bytes at a time (SSE2).
// The tables are flat buffers that `Prefilter` builds and owns.
#ifndef CWINNOWSCAN_H
#define CWINNOWSCAN_H

#include <stdint.h>

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

#endif
