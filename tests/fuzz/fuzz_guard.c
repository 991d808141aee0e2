/*
 * fuzz_guard.c - guard_compile() on arbitrary text against a form with
 * a field of every type; what compiles is evaluated on a few records
 * (full, emptied, absent, mistyped, none), and must answer 0 or 1.
 * What does not compile leaves exactly one "guard: " diagnostic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/guard.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

enum {
	F_NAME, F_AGE, F_SCORE, F_DOB, F_PURPOSE, F_LEVEL, F_TAGS,
	F_URGENT, F_CCCD, F_SCHOOL, F_DOCS, F_NOTE, F_PHONE, F_EMAIL,
	F__MAX
};

static struct option purposes[] = {
	{ "study", { NULL, NULL } }, { "work", { NULL, NULL } },
	{ "it's", { NULL, NULL } },
};
static struct option levels[] = {
	{ "primary", { NULL, NULL } }, { "upper", { NULL, NULL } },
};
static struct option tagopts[] = {
	{ "a", { NULL, NULL } }, { "b", { NULL, NULL } },
	{ "Đặng", { NULL, NULL } },
};

static struct field fields[F__MAX] = {
	[F_NAME] = { .id = "name", .type = FT_TEXT },
	[F_AGE] = { .id = "age", .type = FT_INTEGER },
	[F_SCORE] = { .id = "score", .type = FT_DECIMAL },
	[F_DOB] = { .id = "dob", .type = FT_DATE },
	[F_PURPOSE] = { .id = "purpose", .type = FT_SELECT,
	    .options = purposes, .noptions = 3 },
	[F_LEVEL] = { .id = "level", .type = FT_RADIO,
	    .options = levels, .noptions = 2 },
	[F_TAGS] = { .id = "tags", .type = FT_CHECKBOX,
	    .options = tagopts, .noptions = 3 },
	[F_URGENT] = { .id = "urgent", .type = FT_BOOLEAN },
	[F_CCCD] = { .id = "cccd", .type = FT_CCCD },
	[F_SCHOOL] = { .id = "school", .type = FT_UNIT },
	[F_DOCS] = { .id = "docs", .type = FT_FILE },
	[F_NOTE] = { .id = "count", .type = FT_TEXTAREA },
	[F_PHONE] = { .id = "phone", .type = FT_PHONE },
	[F_EMAIL] = { .id = "email", .type = FT_EMAIL },
};

static const struct form form = {
	.id = "fuzz", .fields = fields, .nfields = F__MAX,
};

static const char *const tags[] = { "a", "Đặng", "" };

static void
records(struct value r[4][F__MAX])
{
	size_t	 i;

	memset(r, 0, 4 * F__MAX * sizeof(r[0][0]));
	/* 0: every field present */
	r[0][F_NAME] = (struct value){ V_STR, 0, "Lê Thị B", sizeof("Lê Thị B") - 1, NULL };
	r[0][F_AGE] = (struct value){ V_INT, INT64_MIN, NULL, 0, NULL };
	r[0][F_SCORE] = (struct value){ V_DEC, INT64_MAX, NULL, 0, NULL };
	r[0][F_DOB] = (struct value){ V_DATE, 14750, NULL, 0, NULL };
	r[0][F_PURPOSE] = (struct value){ V_STR, 0, "it's", 4, NULL };
	r[0][F_LEVEL] = (struct value){ V_STR, 0, "upper", 5, NULL };
	r[0][F_TAGS] = (struct value){ V_LIST, 0, NULL, 3, tags };
	r[0][F_URGENT] = (struct value){ V_BOOL, 1, NULL, 0, NULL };
	r[0][F_CCCD] = (struct value){ V_STR, 0, "001099012345", 12, NULL };
	r[0][F_SCHOOL] = (struct value){ V_STR, 0, "000.00.31.H26", 13,
	    NULL };
	r[0][F_DOCS] = (struct value){ V_FILES, 3, NULL, 0, NULL };
	r[0][F_NOTE] = (struct value){ V_STR, 0, "", 0, NULL };
	r[0][F_PHONE] = (struct value){ V_STR, 0, "+84912345678", 12, NULL };
	r[0][F_EMAIL] = (struct value){ V_STR, 0, "a@b.vn", 6, NULL };
	/* 1: present but empty or zero */
	memcpy(r[1], r[0], sizeof(r[0]));
	r[1][F_NAME].len = 0;
	r[1][F_AGE].i = 0;
	r[1][F_SCORE].i = 0;
	r[1][F_TAGS].len = 0;
	r[1][F_TAGS].list = NULL;
	r[1][F_URGENT].i = 0;
	r[1][F_DOCS].i = 0;
	/* 2: all absent (V_NONE) */
	/* 3: every value of the wrong type */
	for (i = 0; i < F__MAX; i++)
		r[3][i] = (struct value){ V_INT, 5, NULL, 0, NULL };
	r[3][F_AGE] = (struct value){ V_STR, 0, "5", 1, NULL };
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct value	 r[4][F__MAX];
	static int		 init;
	struct diags		 d = { 0 };
	struct guard		*g;
	char			*src;
	size_t			 i;
	int			 v;

	if (!init) {
		records(r);
		init = 1;
	}
	if (size > 4096)
		return 0;
	if ((src = malloc(size + 1)) == NULL)
		abort();
	memcpy(src, data, size);
	src[size] = '\0';		/* text up to the first NUL */
	g = guard_compile(src, &form, "fuzz.xml", 1, &d);
	if (g != NULL) {
		if (d.n != 0 || strcmp(guard_source(g), src) != 0)
			abort();
		for (i = 0; i < 4; i++)
			if ((v = guard_eval(g, r[i])) != 0 && v != 1)
				abort();
		if ((v = guard_eval(g, NULL)) != 0 && v != 1)
			abort();
		guard_free(g);
	} else if (d.n != 1 || strncmp(d.v[0].msg, "guard: ", 7) != 0 ||
	    strstr(d.v[0].msg, " at column ") == NULL)
		abort();
	diags_free(&d);
	free(src);
	return 0;
}
