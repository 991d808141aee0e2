/*
 * note.h - C2SP signed notes and tlog-checkpoints, Ed25519 (type 0x01).
 *
 * A note is its text (lines ending in "\n"), a blank line, and lines
 * "— NAME base64(keyid(4) || signature(64))"; keyid is the first 4
 * bytes of SHA-256(NAME || "\n" || 0x01 || public key).  A verifier key
 * (vkey) is "NAME+hex(keyid)+base64(0x01 || public key)".  A checkpoint
 * is the text "ORIGIN\nSIZE\nbase64(ROOT)\n".
 *
 * Functions returning int give 0, or -1 (malformed, or does not fit).
 */
#ifndef MOTCUA_CORE_NOTE_H
#define MOTCUA_CORE_NOTE_H

#include <stddef.h>
#include <stdint.h>

#define NOTE_NAME_MAX	128
#define NOTE_MAX	4096

struct note_vkey {
	char		name[NOTE_NAME_MAX + 1];
	unsigned char	keyid[4];
	unsigned char	pub[32];
};

enum note_status {
	NOTE_OK,
	NOTE_MALFORMED,		/* not a signed note, or not a checkpoint */
	NOTE_UNSIGNED,		/* no signature line by this key */
	NOTE_BAD_SIGNATURE,	/* a line by this key that does not verify */
	NOTE__MAX
};

extern const char *const note_status_names[NOTE__MAX];

int	note_vkey_parse(const char *text, struct note_vkey *);

/* The checkpoint body of a tree. */
int	note_checkpoint(const char *origin, uint64_t size,
	    const unsigned char root[32], char *out, size_t outsize);
/* body, then the signature line of a 64-byte signature by k. */
int	note_signed(const char *body, const struct note_vkey *k,
	    const unsigned char sig[64], char *out, size_t outsize);

/* Checks note's signature by k; on NOTE_OK, *textlen is its text's. */
enum note_status note_verify(const char *note, const struct note_vkey *k,
	    size_t *textlen);
/* The size and root of a checkpoint's text (origin not checked). */
int	note_checkpoint_parse(const char *text, size_t len, uint64_t *size,
	    unsigned char root[32]);

#endif
