/* The path of a file in the user's home directory, as libpq finds it for
 * ~/.pgpass and ~/.pg_service.conf: $HOME, else the password database's
 * entry for the current user. */
#ifndef PGO_CONNSTR_HOME_FILE_H
#define PGO_CONNSTR_HOME_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes "<home>/<name>" into out; false when there is no home directory
 * or the path does not fit. */
bool connstr_home_file(const char *name, char *out, size_t out_size);

#endif
