/* Replays fuzz corpora without libFuzzer (gcc builds, every ctest run).
 * Owns: reading every regular file of the directories named on the command
 * line and running LLVMFuzzerTestOneInput on each, plus once on an empty
 * input. Exit status 0 when all ran (a crash aborts the process, which is
 * the failure); 1 when a directory or file cannot be read. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_target.h"

static int replay_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    size_t capacity = 4096;
    size_t length = 0;
    unsigned char *bytes = malloc(capacity);
    if (bytes == NULL) {
        fclose(file);
        return -1;
    }
    for (;;) {
        if (length == capacity) {
            unsigned char *grown = realloc(bytes, capacity * 2);
            if (grown == NULL) {
                free(bytes);
                fclose(file);
                return -1;
            }
            bytes = grown;
            capacity *= 2;
        }
        size_t got = fread(bytes + length, 1, capacity - length, file);
        if (got == 0) {
            break;
        }
        length += got;
    }
    int failed = ferror(file);
    fclose(file);
    if (failed) {
        free(bytes);
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    /* An exact-size copy, so that reading past the input is caught by ASan. */
    unsigned char *exact = malloc(length > 0 ? length : 1);
    if (exact == NULL) {
        free(bytes);
        return -1;
    }
    if (length > 0) {
        memcpy(exact, bytes, length);
    }
    free(bytes);
    (void)LLVMFuzzerTestOneInput(exact, length);
    free(exact);
    return 0;
}

static int replay_directory(const char *directory, unsigned long *count)
{
    DIR *dir = opendir(directory);
    if (dir == NULL) {
        fprintf(stderr, "cannot open directory %s\n", directory);
        return -1;
    }
    int result = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        char path[4096];
        int written = snprintf(path, sizeof path, "%s/%s", directory, entry->d_name);
        if (written < 0 || (size_t)written >= sizeof path) {
            result = -1;
            continue;
        }
        struct stat info;
        if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) {
            continue;
        }
        if (replay_file(path) != 0) {
            result = -1;
        }
        ++*count;
    }
    closedir(dir);
    return result;
}

int main(int argc, char **argv)
{
    unsigned long count = 0;
    int status = 0;
    (void)LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
    for (int i = 1; i < argc; ++i) {
        if (replay_directory(argv[i], &count) != 0) {
            status = 1;
        }
    }
    printf("replayed %lu inputs (and the empty input)\n", count);
    return status;
}
