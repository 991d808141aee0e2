/*
 * fuzz_defs.c - the definition loader on arbitrary bytes: the input is
 * written to a temporary file x.xml and loaded with the schemas of
 * schemas/ (run from the repository root), as `motcua check` would.
 * Parsing, schema validation and every compiler the root element leads
 * to (catalogue, form, workflow) must never crash nor leak; a success
 * must come without diagnostics, a failure with at least one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/def.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 dir[] = "/tmp/fuzz_defs.XXXXXX", path[64];
	const char	*paths[1] = { path };
	struct diags	 d = { NULL, 0, 0 };
	struct defs	*defs;
	FILE		*fp;

	if (path[0] == '\0') {
		if (mkdtemp(dir) == NULL)
			abort();
		snprintf(path, sizeof(path), "%s/x.xml", dir);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		abort();
	fclose(fp);
	defs = defs_load(paths, 1, "schemas", &d);
	if ((defs == NULL) != (d.n > 0))
		abort();
	defs_free(defs);
	diags_free(&d);
	return 0;
}
