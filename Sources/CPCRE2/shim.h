#ifndef WINNOW_CPCRE2_SHIM_H
#define WINNOW_CPCRE2_SHIM_H
// Winnow matches UTF-8 text: select PCRE2's 8-bit code unit API before including it.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
