#ifndef WS_CPU_H
#define WS_CPU_H

// The processor checks of the C passes, in one place (they were written out in scan.c and
// features.c). Each pass asks its own check once and keeps the answer in a flag of its own.
#if defined(__x86_64__)

/// AVX2: the prefilter's window pass (`ws_scan_windows_avx2`, scan.c).
static inline int ws_cpu_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

/// AVX2 with POPCNT, BMI1 and BMI2: the line features' fast piece (`ws_piece_fast`, features.c,
/// built for all four; every processor with AVX2 so far has the rest).
static inline int ws_cpu_avx2_bmi(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi")
        && __builtin_cpu_supports("bmi2");
}

/// `*flag`, or, while it is -1 (not asked yet), `check()`, stored there: threads that ask at once
/// all store the same answer.
static inline int ws_cpu_cached(int *flag, int (*check)(void)) {
    int answer = __atomic_load_n(flag, __ATOMIC_RELAXED);
    if (answer < 0) {
        answer = check();
        __atomic_store_n(flag, answer, __ATOMIC_RELAXED);
    }
    return answer;
}

#endif
#endif
