/* Eight plugin threads, each with its own session, analyse ANDI netCDF (libnetcdf), mzMLb (libhdf5)
 * and JCAMP-DX files, by path and from memory, at the same time: every call must give the status
 * and findings it gives alone (the non-thread-safe C libraries are serialised inside sidepeak).
 * argv[1] = source folder. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sidepeak/sidepeak.h"

#define THREADS 8
#define ROUNDS 4
#define FILES 5

static char paths[FILES][4096];
static int expected_status[FILES];
static char* expected_report[FILES];
/* Buffers: an ANDI netCDF file (read from memory) and an mzMLb file (through a private file). */
#define BUFFERS 2
static char* buffer_data[BUFFERS];
static size_t buffer_size[BUFFERS];

/* The report without its timings ("elapsed_ms":...), which differ from run to run. */
static void strip_timings(char* report) {
    char* at;
    while ((at = strstr(report, "\"elapsed_ms\":")) != NULL) {
        char* end = at + strlen("\"elapsed_ms\":");
        while (*end != '\0' && *end != ',' && *end != '}') ++end;
        memmove(at, end, strlen(end) + 1);
    }
}

static char* read_all(const char* path, size_t* size) {
    FILE* f = fopen(path, "rb");
    char* data;
    long n;
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return data;
}

static void* worker(void* arg) {
    long failures = 0;
    int round, i;
    sidepeak_session* session = sidepeak_session_new(NULL);
    (void)arg;
    if (session == NULL) return (void*)1;
    for (round = 0; round < ROUNDS; ++round) {
        for (i = 0; i < FILES; ++i) {
            char* report = NULL;
            const int rc = sidepeak_analyze_path(session, paths[i], "{\"id\": \"s\"}", &report);
            if (rc != expected_status[i]) {
                fprintf(stderr, "%s: status %d, alone %d (%s)\n", paths[i], rc, expected_status[i], sidepeak_last_error());
                ++failures;
            } else if (report != NULL) {
                strip_timings(report);
                if (strcmp(report, expected_report[i]) != 0) {
                    fprintf(stderr, "%s: another report than alone\n", paths[i]);
                    ++failures;
                }
            }
            sidepeak_string_free(report);
        }
        for (i = 0; i < BUFFERS; ++i) {
            char* report = NULL;
            const int rc = sidepeak_analyze_buffer(session, buffer_data[i], buffer_size[i], "run", NULL, &report);
            if (rc != SIDEPEAK_OK) {
                fprintf(stderr, "buffer %d: status %d (%s)\n", i, rc, sidepeak_last_error());
                ++failures;
            }
            sidepeak_string_free(report);
        }
    }
    sidepeak_session_free(session);
    return (void*)failures;
}

int main(int argc, char** argv) {
    static const char* const names[FILES] = {
        "tests/fuzz/corpus/andi_netcdf/fixed_double.cdf", "tests/fuzz/corpus/andi_netcdf/record_float_scaled.cdf",
        "tests/fuzz/corpus/mzmlb/contiguous.mzMLb", "tests/fuzz/corpus/mzmlb/deflate.mzMLb",
        "spectra_samples/real/nmr/jcamp/2-chloroethanol_jcamp-difdup.dx"};
    pthread_t threads[THREADS];
    long failures = 0;
    int i;
    sidepeak_session* session;
    if (argc < 2) return 2;
    session = sidepeak_session_new(NULL);
    if (session == NULL) return 1;
    for (i = 0; i < FILES; ++i) {
        char* report = NULL;
        snprintf(paths[i], sizeof paths[i], "%s/%s", argv[1], names[i]);
        expected_status[i] = sidepeak_analyze_path(session, paths[i], "{\"id\": \"s\"}", &report);
        if (report == NULL) {
            fprintf(stderr, "%s: no report alone (%s)\n", paths[i], sidepeak_last_error());
            return 1;
        }
        strip_timings(report);
        expected_report[i] = report;
    }
    buffer_data[0] = read_all(paths[0], &buffer_size[0]);
    buffer_data[1] = read_all(paths[2], &buffer_size[1]);
    if (buffer_data[0] == NULL || buffer_data[1] == NULL) return 1;
    sidepeak_session_free(session);
    for (i = 0; i < THREADS; ++i) {
        if (pthread_create(&threads[i], NULL, worker, NULL) != 0) return 1;
    }
    for (i = 0; i < THREADS; ++i) {
        void* result = NULL;
        pthread_join(threads[i], &result);
        failures += (long)result;
    }
    for (i = 0; i < FILES; ++i) sidepeak_string_free(expected_report[i]);
    free(buffer_data[0]);
    free(buffer_data[1]);
    if (failures != 0) {
        fprintf(stderr, "%ld calls differed from the single-threaded result\n", failures);
        return 1;
    }
    printf("%d threads x %d rounds x %d inputs: same results as alone\n", THREADS, ROUNDS, FILES + BUFFERS);
    return 0;
}
