/*
 * utf8.h - strict UTF-8 checks for untrusted text.
 */
#ifndef MOTCUA_UTF8_H
#define MOTCUA_UTF8_H

#include <stddef.h>

/*
 * Return 1 if s[0..len) is well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF), else 0.
 */
int	utf8_valid(const char *s, size_t len);

/*
 * Return 1 if s[0..len) is valid UTF-8 text for a form field: as
 * utf8_valid(), and no C0 control characters except TAB, LF and CR,
 * and no DEL.  NUL is refused.
 */
int	utf8_text(const char *s, size_t len);

/*
 * Return 1 if s[0..len) is text a person reads as a name: a full name,
 * a file name, a one-line field of a form.  What is shown must be what
 * is stored, so beyond utf8_valid() it holds none of the characters
 * that are not seen or that change how the others are seen: controls
 * (general category Cc: C0, TAB and LF included, DEL, C1), format
 * characters (Cf: the bidirectional marks, embeddings, overrides and
 * isolates U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069; the
 * zero-width U+200B..U+200D, U+2060, U+FEFF; the soft hyphen, tags...)
 * and the line and paragraph separators (Zl, Zp): "x", U+202E, "lmth.pdf"
 * shows as "xfdp.html"; "An" and U+200B looks like "An" and is not.
 * Else 0.
 */
int	utf8_name(const char *s, size_t len);

struct arena;

/*
 * s[0..len), valid UTF-8 (checked before), in Unicode Normalization Form C (composed:
 * "Nguyễn" typed as e + two combining marks becomes the same characters
 * as when typed precomposed), NUL-terminated, its length in *outlen.
 * Text stays as given when it is ASCII (already NFC); else the result
 * is allocated from the arena.  Text is normalized once, where it comes
 * in, so that what is stored, compared and counted is the same whatever
 * keyboard typed it.  NFC at most triples the length (Unicode's
 * stability policy); callers check lengths after.
 */
char		*utf8_nfc(struct arena *, char *s, size_t len,
		    size_t *outlen);

#endif
