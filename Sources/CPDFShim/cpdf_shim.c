#include "cpdf_shim.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cpdf_document {
    cairo_surface_t *surface;
    cairo_t *cr;
    int failed; /* a drawing call failed (bad arguments) */
};

/* fontconfig's and pango's shared state has had thread-safety bugs; one lock keeps it simple. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void set_colour(cairo_t *cr, uint32_t rgb) {
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
}

cpdf_document *cpdf_begin(const char *path, double width, double height, const char *title,
                          const char *author) {
    if (path == NULL || !(width > 0) || !(height > 0)) return NULL;
    pthread_mutex_lock(&lock);
    cairo_surface_t *surface = cairo_pdf_surface_create(path, width, height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        pthread_mutex_unlock(&lock);
        return NULL;
    }
    if (title != NULL) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
    if (author != NULL) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "CertDesk");
    cairo_t *cr = cairo_create(surface);
    cpdf_document *doc = calloc(1, sizeof *doc);
    if (doc == NULL) {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        pthread_mutex_unlock(&lock);
        return NULL;
    }
    doc->surface = surface;
    doc->cr = cr;
    pthread_mutex_unlock(&lock);
    return doc;
}

double cpdf_text(cpdf_document *doc, const char *text, const char *font, double size, int32_t align,
                 double x, double y, double width, double line_spacing, uint32_t rgb, int32_t draw) {
    if (doc == NULL) return -1;
    if (text == NULL || font == NULL || !(size > 0) || !(width > 0)) {
        doc->failed = 1;
        return -1;
    }
    pthread_mutex_lock(&lock);
    cairo_t *cr = doc->cr;
    PangoLayout *layout = pango_cairo_create_layout(cr);

    /* Unhinted metrics: positions in a PDF should not snap to a screen's pixel grid. */
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout), options);
    cairo_font_options_destroy(options);
    pango_layout_context_changed(layout);

    PangoFontDescription *description = pango_font_description_from_string(font);
    /* Absolute size: user-space units (points), independent of pango's assumed 96 dpi. */
    pango_font_description_set_absolute_size(description, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, description);
    pango_font_description_free(description);

    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align == CPDF_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                                       : align == CPDF_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                   : PANGO_ALIGN_LEFT);
#if PANGO_VERSION_CHECK(1, 44, 0)
    if (line_spacing > 0) pango_layout_set_line_spacing(layout, (float)line_spacing);
#endif
    pango_layout_set_text(layout, text, -1);

    int layout_width = 0, layout_height = 0;
    pango_layout_get_size(layout, &layout_width, &layout_height);
    if (draw) {
        cairo_save(cr);
        set_colour(cr, rgb);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, layout);
        cairo_restore(cr);
    }
    g_object_unref(layout);
    pthread_mutex_unlock(&lock);
    return (double)layout_height / PANGO_SCALE;
}

static int32_t stroke(cpdf_document *doc, double line_width, uint32_t rgb) {
    cairo_set_line_width(doc->cr, line_width);
    set_colour(doc->cr, rgb);
    cairo_stroke(doc->cr);
    return cairo_status(doc->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int32_t cpdf_rect(cpdf_document *doc, double x, double y, double width, double height,
                  double line_width, uint32_t rgb) {
    if (doc == NULL) return -1;
    pthread_mutex_lock(&lock);
    cairo_rectangle(doc->cr, x, y, width, height);
    int32_t result = stroke(doc, line_width, rgb);
    pthread_mutex_unlock(&lock);
    return result;
}

int32_t cpdf_line(cpdf_document *doc, double x1, double y1, double x2, double y2, double line_width,
                  uint32_t rgb) {
    if (doc == NULL) return -1;
    pthread_mutex_lock(&lock);
    cairo_move_to(doc->cr, x1, y1);
    cairo_line_to(doc->cr, x2, y2);
    int32_t result = stroke(doc, line_width, rgb);
    pthread_mutex_unlock(&lock);
    return result;
}

int32_t cpdf_new_page(cpdf_document *doc) {
    if (doc == NULL) return -1;
    pthread_mutex_lock(&lock);
    cairo_show_page(doc->cr);
    int32_t result = cairo_status(doc->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
    pthread_mutex_unlock(&lock);
    return result;
}

int32_t cpdf_end(cpdf_document *doc, char *error, size_t capacity) {
    if (error != NULL && capacity > 0) error[0] = '\0';
    if (doc == NULL) return 0;
    pthread_mutex_lock(&lock);
    cairo_status_t status = cairo_status(doc->cr);
    cairo_destroy(doc->cr);
    cairo_surface_finish(doc->surface); /* writes the file */
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(doc->surface);
    cairo_surface_destroy(doc->surface);
    int failed = doc->failed;
    free(doc);
    pthread_mutex_unlock(&lock);
    if (status != CAIRO_STATUS_SUCCESS) {
        if (error != NULL && capacity > 0) snprintf(error, capacity, "%s", cairo_status_to_string(status));
        return -1;
    }
    if (failed) {
        if (error != NULL && capacity > 0) snprintf(error, capacity, "invalid text arguments");
        return -2;
    }
    return 0;
}

static char versions[64];

static void fill_versions(void) {
    snprintf(versions, sizeof versions, "cairo %s, pango %s", cairo_version_string(),
             pango_version_string());
}

const char *cpdf_versions(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, fill_versions);
    return versions;
}
