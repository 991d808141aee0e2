/*
 * ops.h - the operations family of statements (store_int.h).
 */
#ifndef MOTCUA_STORE_OPS_H
#define MOTCUA_STORE_OPS_H

enum ops_stmt {
	OPS_PING,
	OPS__MAX
};

#endif
