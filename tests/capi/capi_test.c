/* Calls the plugin ABI from C, as instrument and LIMS software do. argv[1] = source folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sidepeak/sidepeak.h"

static int failures = 0;
#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__, \
                    __LINE__, #cond, sidepeak_last_error());                     \
            ++failures;                                                          \
        }                                                                        \
    } while (0)

static int cancel_at_once(const char* stage, double fraction, void* user) {
    (void)stage;
    (void)fraction;
    ++*(int*)user;
    return 1;
}

static int count_calls(const char* stage, double fraction, void* user) {
    (void)stage;
    CHECK(fraction >= 0.0 && fraction <= 1.0);
    ++*(int*)user;
    return 0;
}

int main(int argc, char** argv) {
    char path[4096];
    char* report = NULL;
    sidepeak_session* session;
    int calls = 0;
    int rc;
    static const char junk[] = "\x01\x02 this is not a spectrum \xff\xfe";

    if (argc < 2) return 2;
    CHECK(strlen(sidepeak_version()) >= 5);
    CHECK(sidepeak_abi_version() == 1);

    /* A malformed configuration is refused with a message. */
    CHECK(sidepeak_session_new("{\"nmr\": {\"no_such_key\": 1}}") == NULL);
    CHECK(strstr(sidepeak_last_error(), "no_such_key") != NULL);
    CHECK(sidepeak_session_new("{not json") == NULL);

    session = sidepeak_session_new(NULL);
    CHECK(session != NULL);
    if (session == NULL) return 1;

    /* NULL arguments. */
    CHECK(sidepeak_analyze_path(session, NULL, NULL, &report) == SIDEPEAK_ERROR_ARGUMENT);
    CHECK(report == NULL);
    CHECK(sidepeak_analyze_path(NULL, "x", NULL, &report) == SIDEPEAK_ERROR_ARGUMENT);

    /* A real JCAMP-DX spectrum with a reaction context. */
    snprintf(path, sizeof path, "%s/spectra_samples/real/nmr/jcamp/2-chloroethanol_jcamp-difdup.dx", argv[1]);
    CHECK(sidepeak_session_set_progress(session, count_calls, &calls) == SIDEPEAK_OK);
    rc = sidepeak_analyze_path(session, path, "{\"id\": \"s1\", \"product\": \"C12H18N2\", \"reagent\": \"benzyl\"}",
                               &report);
    CHECK(rc == SIDEPEAK_OK);
    CHECK(report != NULL);
    if (report != NULL) {
        CHECK(strstr(report, "\"schema\":\"sidepeak.report/1\"") != NULL);
        CHECK(strstr(report, "\"id\":\"s1\"") != NULL);
        CHECK(strstr(report, "\"over_alkylation\"") != NULL && strstr(report, "\"hofmann\"") != NULL);
        CHECK(strstr(report, "\"reagent\":\"C7H6\"") != NULL);
    }
    sidepeak_string_free(report);
    CHECK(calls > 0);

    /* A bad reaction context is an argument error. */
    rc = sidepeak_analyze_path(session, path, "{\"product\": \"C12H18Xq\"}", &report);
    CHECK(rc == SIDEPEAK_ERROR_ARGUMENT);
    CHECK(report == NULL);

    /* A missing file: the report is still produced and lists the error. */
    rc = sidepeak_analyze_path(session, "/nonexistent/sample.mzML", NULL, &report);
    CHECK(rc == SIDEPEAK_ERROR_INPUT);
    CHECK(report != NULL && strstr(report, "\"status\":\"error\"") != NULL);
    sidepeak_string_free(report);

    /* In-memory junk. */
    rc = sidepeak_analyze_buffer(session, junk, sizeof junk, "junk.jdx", NULL, &report);
    CHECK(rc == SIDEPEAK_ERROR_INPUT);
    CHECK(report != NULL && strstr(report, "junk.jdx") != NULL);
    sidepeak_string_free(report);

    /* A label that is not UTF-8 (Latin-1 e-acute): the report is still valid UTF-8 JSON. */
    rc = sidepeak_analyze_buffer(session, junk, sizeof junk, "r\xE9sultat.jdx", NULL, &report);
    CHECK(rc == SIDEPEAK_ERROR_INPUT);
    CHECK(report != NULL && strstr(report, "r\xEF\xBF\xBDsultat.jdx") != NULL);
    sidepeak_string_free(report);

    /* Cancellation through the progress callback. */
    calls = 0;
    CHECK(sidepeak_session_set_progress(session, cancel_at_once, &calls) == SIDEPEAK_OK);
    rc = sidepeak_analyze_path(session, path, NULL, &report);
    CHECK(rc == SIDEPEAK_ERROR_CANCELLED);
    CHECK(report == NULL);
    CHECK(calls == 1);

    sidepeak_string_free(NULL);
    sidepeak_session_free(session);
    sidepeak_session_free(NULL);
    if (failures == 0) printf("capi: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
