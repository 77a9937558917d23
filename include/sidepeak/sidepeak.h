/*
 * sidepeak plugin ABI: plain C over the sidepeak library, for instrument and LIMS software.
 *
 * - Opaque handles; no C++ type or exception crosses this boundary.
 * - Every function that can fail says so: a status (0 = ok, negative = error) or NULL.
 *   sidepeak_last_error() then gives the message, per calling thread.
 * - JSON in (configuration, reaction context) and out (the report, schema sidepeak.report/1).
 * - Strings returned by the library are freed with sidepeak_string_free().
 * - Thread safety: a session may be used by one thread at a time; separate sessions may be used
 *   concurrently.
 */
#ifndef SIDEPEAK_H
#define SIDEPEAK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SIDEPEAK_BUILDING_CAPI)
#define SIDEPEAK_API __attribute__((visibility("default")))
#else
#define SIDEPEAK_API
#endif

/* Status codes. */
#define SIDEPEAK_OK 0
#define SIDEPEAK_ERROR_ARGUMENT (-1)  /* a NULL or malformed argument (including bad JSON) */
#define SIDEPEAK_ERROR_INPUT (-2)     /* the data could not be read; the report is still produced */
#define SIDEPEAK_ERROR_CANCELLED (-3) /* the progress callback asked to stop */
#define SIDEPEAK_ERROR_INTERNAL (-4)  /* anything else */

typedef struct sidepeak_session sidepeak_session;

/* Progress callback: stage name, fraction done in [0,1]. Return non-zero to cancel. */
typedef int (*sidepeak_progress_fn)(const char* stage, double fraction, void* user_data);

/* Library version, "MAJOR.MINOR.PATCH". Never NULL. */
SIDEPEAK_API const char* sidepeak_version(void);

/* ABI version number; bumped when a signature changes. */
SIDEPEAK_API int sidepeak_abi_version(void);

/* Creates a session. config_json may be NULL (defaults). Returns NULL on error. */
SIDEPEAK_API sidepeak_session* sidepeak_session_new(const char* config_json);
SIDEPEAK_API void sidepeak_session_free(sidepeak_session* session);

/* Sets or clears (fn = NULL) the progress/cancel callback of a session. */
SIDEPEAK_API int sidepeak_session_set_progress(sidepeak_session* session, sidepeak_progress_fn fn,
                                               void* user_data);

/*
 * Analyses one sample: a file or folder path (any mix of NMR and LC-MS files).
 * context_json: NULL or {"id": "...", "product": "C12H18N2", "reagent": "benzyl"}.
 * On success and on SIDEPEAK_ERROR_INPUT, *report_json receives a report (free it with
 * sidepeak_string_free); on other errors it is set to NULL.
 */
SIDEPEAK_API int sidepeak_analyze_path(sidepeak_session* session, const char* path, const char* context_json,
                                       char** report_json);

/*
 * Analyses one sample held in memory: `data` of `size` bytes, the content of a single instrument
 * file (JCAMP-DX, JEOL .jdf, nmrML, mzML, mzXML, mzMLb or ANDI netCDF). `name` labels the input
 * in the report (may be NULL). Same result convention as sidepeak_analyze_path.
 * The bytes are never written where another user could read them: on Linux they are read from an
 * anonymous memory file (memfd_create, gone with the process even on kill -9); for mzMLb (libhdf5
 * needs a real file) and where memfd is not available, from a file of mode 0600 in a new folder of mode 0700 under TMPDIR (or /tmp), both
 * removed before the call returns, also on errors and cancellation.
 */
SIDEPEAK_API int sidepeak_analyze_buffer(sidepeak_session* session, const void* data, size_t size,
                                         const char* name, const char* context_json, char** report_json);

/* Frees a string returned by the library. NULL is allowed. */
SIDEPEAK_API void sidepeak_string_free(char* text);

/* The last error message of the calling thread ("" when none). Valid until the next call. */
SIDEPEAK_API const char* sidepeak_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* SIDEPEAK_H */
