/*
 * ops.c - statements of operations: the health check.
 */
#include "store_int.h"
#include "ops.h"

static const struct stmt stmts[OPS__MAX] = {
	[OPS_PING] = { "ops_ping", "SELECT 1", 0, 1 },
};

const struct family ops_family = { stmts, OPS__MAX };
