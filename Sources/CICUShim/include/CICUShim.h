#ifndef CICUSHIM_H
#define CICUSHIM_H
/*
 * A few plain functions over the system ICU. This header includes only <stdint.h> so that
 * Swift modules importing it never see ICU's own type definitions (which clash with
 * Foundation's). Strings are UTF-16 code units; every function returns the number of units
 * (or bytes) it needed, or a negative value on error. When the needed size exceeds the
 * capacity, nothing useful is written and the caller retries with a larger buffer.
 */
#include <stdint.h>

/* Display width (terminal columns) of one code point: 0, 1 or 2. */
int32_t cdi_code_point_width(int32_t code_point);

/* Line-break opportunities (UAX #14) of a text, as UTF-16 offsets, written to `out`. */
int32_t cdi_line_breaks(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity);

/* Grapheme cluster boundaries of a text, as UTF-16 offsets, written to `out`. */
int32_t cdi_grapheme_breaks(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity);

/* Transliterates with an ICU transform id such as "Hant-Hans" or "Hans-Hant". */
int32_t cdi_transliterate(const char *transform_id, const uint16_t *text, int32_t length,
                          uint16_t *out, int32_t capacity);

/* NFKC normalisation; with `fold_case` non-zero, NFKC_Casefold. */
int32_t cdi_nfkc(const uint16_t *text, int32_t length, int32_t fold_case, uint16_t *out,
                 int32_t capacity);

/* An opaque collator for an ICU locale id (e.g. "zh@collation=pinyin"); NULL on failure. */
void *cdi_collator_open(const char *locale);
void cdi_collator_close(void *collator);

/* The collator's sort key for a text (bytes, compare with memcmp). */
int32_t cdi_collator_sort_key(void *collator, const uint16_t *text, int32_t length, uint8_t *out,
                              int32_t capacity);

/* The ICU version string, e.g. "72.1". */
const char *cdi_icu_version(void);

#endif
