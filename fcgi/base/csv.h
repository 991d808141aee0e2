/*
 * csv.h - cells of CSV as RFC 4180 writes them (UTF-8), safe to open in
 * a spreadsheet.
 *
 * A cell is quoted when it holds a comma, a double quote, CR or LF (its
 * quotes doubled); a cell starting with = + - @, TAB or CR, which a
 * spreadsheet would read as a formula, gets a leading apostrophe first
 * (OWASP, "CSV injection").  Records end in CRLF.
 */
#ifndef MOTCUA_BASE_CSV_H
#define MOTCUA_BASE_CSV_H

#include <stddef.h>

struct arena;

/* The cell of s (NULL: empty), in the arena. */
char	*csv_cell(struct arena *, const char *s);

/* A record of n cells, with its CRLF, in the arena. */
char	*csv_record(struct arena *, const char *const *cells, size_t n);

#endif
