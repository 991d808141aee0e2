/*
 * guard_lex.c - the guard compiler's errors and tokens.  Lexical rules:
 *   - a field is [A-Za-z_][A-Za-z0-9_.-]*; and, or, not, in, true and
 *     false are reserved; empty, count and has are functions only when
 *     "(" follows (guard_parse.c), so a field may still be called
 *     "count";
 *   - a string is 'quoted', '' is a quote inside it, bytes are taken
 *     as they are (NFC UTF-8, compared byte by byte);
 *   - a number is digits with an optional "-" glued to them and an
 *     optional fraction of at most 4 digits (a decimal, DEC_SCALE);
 *   - blanks are space, tab, CR and LF.
 * Only the first error is kept; after it every token is T_ERR.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/guard_int.h"

/* Reserved words, in the order of their tokens from T_AND. */
/* Reserved words, in the order of their tokens from T_AND. */
static const char *const keywords[] = {
	"and", "or", "not", "in", "true", "false",
};

/* ---- errors ------------------------------------------------------- */

/* Record the first error only; always -1. */
int
guard_fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list	 ap;

	if (p->failed)
		return -1;
	p->failed = 1;
	p->erroff = off;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	p->tok.t = T_ERR;
	return -1;
}

/* Bytes of s[0..len) to quote: at most SHOW_MAX, whole characters. */
int
guard_show(const char *s, size_t len)
{
	if (len <= SHOW_MAX)
		return (int)len;
	len = SHOW_MAX;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return (int)len;
}

/* ---- tokens ------------------------------------------------------- */

int
guard_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-' || c == '.';
}

static void
lex_number(struct parser *p, struct token *t)
{
	const char	*s = p->src;
	size_t		 i = t->off;
	uint64_t	 m = 0, lim = INT64_MAX;
	int		 neg = 0, d;

	if (s[i] == '-') {
		neg = 1;
		i++;
	}
	for (; is_digit(s[i]); i++) {
		d = s[i] - '0';
		if (m > (lim - (uint64_t)d) / 10) {
			guard_fail(p, t->off, "number out of range");
			return;
		}
		m = m * 10 + (uint64_t)d;
	}
	t->t = T_INT;
	if (s[i] == '.') {
		i++;
		if (!is_digit(s[i])) {
			guard_fail(p, t->off, "bad number");
			return;
		}
		if (m > lim / DEC_SCALE) {
			guard_fail(p, t->off, "number out of range");
			return;
		}
		m *= DEC_SCALE;
		for (d = DEC_SCALE / 10; is_digit(s[i]); i++) {
			if (d == 0) {
				guard_fail(p, t->off, "more than 4 decimal places");
				return;
			}
			m += (uint64_t)((s[i] - '0') * d);
			d /= 10;
		}
		if (m > lim) {
			guard_fail(p, t->off, "number out of range");
			return;
		}
		t->t = T_DEC;
	}
	if (is_ident(s[i]) || s[i] == '\'') {
		guard_fail(p, t->off, "bad number");
		return;
	}
	t->i = neg ? -(int64_t)m : (int64_t)m;
	t->len = i - t->off;
	p->pos = i;
}

static void
lex_string(struct parser *p, struct token *t)
{
	const char	*s = p->src;
	size_t		 i = t->off + 1;

	t->s = p->pool + p->npool;
	for (;;) {
		if (s[i] == '\0') {
			guard_fail(p, t->off, "unterminated string");
			return;
		}
		if (s[i] == '\'') {
			if (s[i + 1] != '\'')
				break;
			i++;
		}
		p->pool[p->npool++] = s[i++];
	}
	t->slen = (size_t)(p->pool + p->npool - t->s);
	t->t = T_STR;
	t->len = i + 1 - t->off;
	p->pos = i + 1;
}

/* Two-character operators, then one-character ones. */
static const struct {
	const char	*text;
	enum tok	 t;
} puncts[] = {
	{ "!=", T_NE }, { "<=", T_LE }, { ">=", T_GE },
	{ "(", T_LP }, { ")", T_RP }, { ",", T_COMMA },
	{ "=", T_EQ }, { "<", T_LT }, { ">", T_GT },
};

/* Read the next token into p->tok. */
void
guard_next(struct parser *p)
{
	struct token	*t = &p->tok;
	const char	*s = p->src;
	size_t		 i, k, n;
	unsigned char	 c;

	if (p->failed)
		return;
	while (guard_blank(s[p->pos]))
		p->pos++;
	memset(t, 0, sizeof(*t));
	t->off = p->pos;
	c = (unsigned char)s[p->pos];
	if (c == '\0') {
		t->t = T_END;
		return;
	}
	if (is_digit(c) || (c == '-' && is_digit(s[p->pos + 1]))) {
		lex_number(p, t);
		return;
	}
	if (c == '\'') {
		lex_string(p, t);
		return;
	}
	if (is_alpha(c)) {
		for (i = p->pos; is_ident(s[i]); i++)
			continue;
		t->t = T_IDENT;
		t->len = i - p->pos;
		p->pos = i;
		for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if (strlen(keywords[k]) == t->len &&
			    memcmp(keywords[k], s + t->off, t->len) == 0)
				t->t = (enum tok)(T_AND + k);
		return;
	}
	if (c == '=' && s[p->pos + 1] == '=') {
		guard_fail(p, t->off, "use = to compare, not ==");
		return;
	}
	for (k = 0; k < sizeof(puncts) / sizeof(puncts[0]); k++) {
		n = strlen(puncts[k].text);
		if (strncmp(s + p->pos, puncts[k].text, n) == 0) {
			t->t = puncts[k].t;
			t->len = n;
			p->pos += n;
			return;
		}
	}
	if (c >= 0x20 && c < 0x7f)
		guard_fail(p, t->off, "unexpected character '%c'", c);
	else
		guard_fail(p, t->off, "unexpected byte 0x%02x", c);
}
