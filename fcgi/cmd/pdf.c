/*
 * pdf.c - `motcua pdf-sample UNIT OUT.pdf`: the PDF machinery of
 * doc/pdf.h run end to end before any document is issued: a layout
 * (templates/documents/layout-sample.xml by default) rendered, then
 * signed with UNIT's current key through the running signer
 * (MOTCUA_SIGNER_SOCKET), written to OUT.pdf.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/config.h"
#include "cmd/cmd.h"
#include "doc/pdf.h"
#include "sign/client.h"
#include "sign/pkey.h"

#define SAMPLE	"templates/documents/layout-sample.xml"

static int
usage(void)
{
	fputs("usage: motcua pdf-sample UNIT OUT.pdf [--layout FILE] "
	    "[--font REGULAR.ttf BOLD.ttf]\n"
	    "           [--unsigned] [--repeat N]\n", stderr);
	return 2;
}

static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	FILE	*f;
	char	*b;
	size_t	 n;

	if ((f = fopen(path, "re")) == NULL) {
		fprintf(stderr, "motcua: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	b = arena_alloc(a, PDF_LAYOUT_MAX_BYTES + 1);
	n = fread(b, 1, PDF_LAYOUT_MAX_BYTES + 1, f);
	fclose(f);
	*len = n;
	return b;
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One document: parsed, rendered, signed unless s is NULL. */
static enum pdf_status
one(struct arena *a, const char *xml, size_t len, const struct pdf_fonts *f,
    const struct pdf_signer *s, unsigned char **out, size_t *outlen,
    struct pdf_err *err)
{
	struct pdf_layout	*l;
	enum pdf_status		 st;
	unsigned char		*pdf;
	size_t			 n;

	if ((l = pdf_layout_parse(a, xml, len, &st, err)) == NULL)
		return st;
	if ((st = pdf_render(a, l, f, &pdf, &n, err)) != PDF_OK)
		return st;
	if (s == NULL) {
		*out = pdf;
		*outlen = n;
		return PDF_OK;
	}
	return pdf_sign(a, pdf, n, s, out, outlen, err);
}

int
cmd_pdf_sample(int argc, char *argv[])
{
	struct config		 cfg;
	struct pdf_fonts	 fonts = pdf_fonts_default;
	struct pdf_signer	 s = { 0 };
	struct pdf_err		 err;
	struct arena		*a = NULL, *ra = NULL;
	enum pdf_status		 st;
	const char		*layout = NULL;
	char			*xml, path[4096];
	unsigned char		*pdf;
	size_t			 len, n;
	long			 repeat = 1, i;
	int			 sign = 1, k, rc = 1;
	double			 t0;
	FILE			*f;

	if (argc < 3 || argv[1][0] == '-' || argv[2][0] == '-')
		return usage();
	for (k = 3; k < argc; k++) {
		if (strcmp(argv[k], "--layout") == 0 && k + 1 < argc)
			layout = argv[++k];
		else if (strcmp(argv[k], "--font") == 0 && k + 2 < argc) {
			fonts.regular = argv[++k];
			fonts.bold = argv[++k];
		} else if (strcmp(argv[k], "--unsigned") == 0)
			sign = 0;
		else if (strcmp(argv[k], "--repeat") == 0 && k + 1 < argc) {
			repeat = strtol(argv[++k], NULL, 10);
			if (repeat < 1 || repeat > 1000000)
				return usage();
		} else
			return usage();
	}
	if (config_load(&cfg) == -1)
		return 1;
	if (layout == NULL) {
		snprintf(path, sizeof(path), "%s/%s", cfg.root, SAMPLE);
		layout = path;
	}
	a = arena_new(1 << 16);
	ra = arena_new(1 << 20);
	if ((xml = slurp(a, layout, &len)) == NULL)
		goto done;
	if (sign) {
		if (sign_certs_load(cfg.keys_dir, argv[1], &s.cert, &s.ca) ==
		    -1) {
			fprintf(stderr, "motcua: %s: no certificate of unit "
			    "\"%s\" in %s\n", argv[0], argv[1], cfg.keys_dir);
			goto done;
		}
		s.client = sign_client_new(cfg.signer_socket,
		    cfg.sign_timeout_ms);
		s.unit = argv[1];
		s.request_id = "pdf-sample";
		s.when = time(NULL);
	}
	t0 = now_s();
	for (i = 0; i < repeat; i++) {
		arena_reset(ra);
		st = one(ra, xml, len, &fonts, sign ? &s : NULL, &pdf, &n,
		    &err);
		if (st != PDF_OK) {
			fprintf(stderr, "motcua: %s: %s: %s\n", argv[0],
			    pdf_status_names[st], err.msg);
			goto done;
		}
	}
	if (repeat > 1)
		fprintf(stderr, "%ld PDFs in %.3f s: %.1f/s\n", repeat,
		    now_s() - t0, (double)repeat / (now_s() - t0));
	if ((f = fopen(argv[2], "we")) == NULL ||
	    fwrite(pdf, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "motcua: %s: cannot write\n", argv[2]);
		goto done;
	}
	rc = 0;
done:
	if (s.client != NULL)
		sign_client_free(s.client);
	X509_free(s.cert);
	X509_free(s.ca);
	if (ra != NULL)
		arena_free(ra);
	if (a != NULL)
		arena_free(a);
	return rc;
}
