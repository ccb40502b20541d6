#ifndef CPDF_SHIM_H
#define CPDF_SHIM_H
/*
 * A few plain functions over cairo + pango for writing a PDF document. This header includes
 * only <stdint.h> and <stddef.h> so that Swift modules importing it never see glib, pango or
 * cairo declarations. All strings are NUL-terminated UTF-8. Lengths are in PDF points
 * (1/72 inch), with the origin at the top-left corner of the page and y growing downwards.
 * Colours are 0xRRGGBB.
 *
 * Usage: cpdf_begin, then any number of cpdf_text / cpdf_rect / cpdf_line / cpdf_new_page,
 * then cpdf_end (always, also after an error: it frees the document). Text is laid out by
 * pango (font fallback through fontconfig, line wrapping, mixed scripts) and fonts are embedded
 * by cairo as subsets. Calls are serialised internally, so documents may be written from
 * several threads.
 */
#include <stddef.h>
#include <stdint.h>

/* Horizontal alignment of a text block within its width. */
enum {
    CPDF_ALIGN_LEFT = 0,
    CPDF_ALIGN_CENTER = 1,
    CPDF_ALIGN_RIGHT = 2,
};

/* An open document. */
typedef struct cpdf_document cpdf_document;

/*
 * Starts a PDF at `path` whose pages are `width` x `height` points (842 x 595 is A4 landscape).
 * `title` and `author` (may be NULL) go into the document information. NULL on failure.
 */
cpdf_document *cpdf_begin(const char *path, double width, double height, const char *title,
                          const char *author);

/*
 * Lays out `text` in the box starting at (`x`, `y`) (top-left) that is `width` points wide,
 * wrapping at word boundaries (or between CJK characters), and draws it when `draw` is non-zero.
 * `font` is a pango font description without a size, e.g. "Noto Serif CJK TC" or
 * "Noto Sans CJK SC Bold" or "DejaVu Serif, Noto Serif CJK TC"; `size` is the em size in points.
 * `align` is one of CPDF_ALIGN_*. `line_spacing` multiplies the line height (1.0 = font default;
 * 0 also means default). Returns the height of the laid-out block in points, or a negative value
 * on error; with `draw` zero it only measures.
 */
double cpdf_text(cpdf_document *doc, const char *text, const char *font, double size, int32_t align,
                 double x, double y, double width, double line_spacing, uint32_t rgb, int32_t draw);

/* Strokes a rectangle with top-left (`x`, `y`). Returns 0, or a negative value on error. */
int32_t cpdf_rect(cpdf_document *doc, double x, double y, double width, double height,
                  double line_width, uint32_t rgb);

/* Strokes a line from (`x1`, `y1`) to (`x2`, `y2`). Returns 0, or a negative value on error. */
int32_t cpdf_line(cpdf_document *doc, double x1, double y1, double x2, double y2, double line_width,
                  uint32_t rgb);

/* Ends the current page and starts another of the same size. Returns 0, or negative on error. */
int32_t cpdf_new_page(cpdf_document *doc);

/*
 * Finishes and writes the file, then frees the document (NULL is ignored). Returns 0 on success,
 * or a negative value if any drawing call or the write failed; `error` (may be NULL, `capacity`
 * bytes) receives cairo's message, NUL-terminated and truncated if needed.
 */
int32_t cpdf_end(cpdf_document *doc, char *error, size_t capacity);

/* The cairo and pango versions, e.g. "cairo 1.16.0, pango 1.50.12". */
const char *cpdf_versions(void);

#endif
