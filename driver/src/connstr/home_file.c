/* The user's home directory for the files libpq keeps there (see
 * home_file.h). Owns: the $HOME / getpwuid_r fallback. */
#include "connstr/home_file.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

bool connstr_home_file(const char *name, char *out, size_t out_size)
{
    const char *home = getenv("HOME");
    struct passwd entry;
    struct passwd *found = NULL;
    char passwd_buffer[1024];
    if (home == NULL || home[0] == '\0') {
        if (getpwuid_r(getuid(), &entry, passwd_buffer, sizeof passwd_buffer, &found) == 0 &&
            found != NULL) {
            home = found->pw_dir;
        }
    }
    if (home == NULL || home[0] == '\0') {
        return false;
    }
    int written = snprintf(out, out_size, "%s/%s", home, name);
    return written > 0 && (size_t)written < out_size;
}
