/*
 * helper.h - the keepers of the site's helper processes (server.h).
 */
#ifndef MOTCUA_HELPER_H
#define MOTCUA_HELPER_H

#include <sys/types.h>

struct config;
struct http_helper;

/* Fork h's keeper: its pid, or -1 after logging why. */
pid_t	helper_start(const struct http_helper *h, const struct config *);

#endif
