#include "CICUShim.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/ustring.h>

int32_t cdi_code_point_width(int32_t c) {
    if (c == 0) return 0;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return 0;
    int8_t category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR)
        return 0;
    if (c == 0x200B || (c >= 0x1160 && c <= 0x11FF)) return 0; /* zero width space, jamo medial */
    int32_t eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
    /* Emoji presentation characters occupy two cells in modern terminals. */
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
    return 1;
}

static int32_t boundaries(UBreakIteratorType type, const uint16_t *text, int32_t length, int32_t *out,
                          int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(type, "en", (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    for (int32_t pos = ubrk_first(it); pos != UBRK_DONE; pos = ubrk_next(it)) {
        if (count < capacity) out[count] = pos;
        count++;
    }
    ubrk_close(it);
    return count;
}

int32_t cdi_line_breaks(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity) {
    return boundaries(UBRK_LINE, text, length, out, capacity);
}

int32_t cdi_grapheme_breaks(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity) {
    return boundaries(UBRK_CHARACTER, text, length, out, capacity);
}

int32_t cdi_transliterate(const char *transform_id, const uint16_t *text, int32_t length,
                          uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar id[64];
    int32_t id_length = (int32_t)strlen(transform_id);
    if (id_length >= 64) return -1;
    u_charsToUChars(transform_id, id, id_length);
    UTransliterator *trans = utrans_openU(id, id_length, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) return -1;
    if (length > capacity) {
        utrans_close(trans);
        return length * 2 + 16; /* ask for room; conversions of Han text keep length */
    }
    memcpy(out, text, (size_t)length * sizeof(uint16_t));
    int32_t text_length = length;
    int32_t limit = length;
    utrans_transUChars(trans, (UChar *)out, &text_length, capacity, 0, &limit, &status);
    utrans_close(trans);
    if (status == U_BUFFER_OVERFLOW_ERROR) return text_length > capacity ? text_length : capacity + 16;
    if (U_FAILURE(status)) return -1;
    return text_length;
}

int32_t cdi_nfkc(const uint16_t *text, int32_t length, int32_t fold_case, uint16_t *out,
                 int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = fold_case ? unorm2_getNFKCCasefoldInstance(&status)
                                         : unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t needed = unorm2_normalize(norm, (const UChar *)text, length, (UChar *)out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -1;
    return needed;
}

void *cdi_collator_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &status);
    if (U_FAILURE(status)) return NULL;
    return collator;
}

void cdi_collator_close(void *collator) {
    if (collator) ucol_close((UCollator *)collator);
}

int32_t cdi_collator_sort_key(void *collator, const uint16_t *text, int32_t length, uint8_t *out,
                              int32_t capacity) {
    if (!collator) return -1;
    return ucol_getSortKey((const UCollator *)collator, (const UChar *)text, length, out, capacity);
}

const char *cdi_icu_version(void) {
    static char version[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, version);
    return version;
}
