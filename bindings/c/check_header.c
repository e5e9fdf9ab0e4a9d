/*
 * check_header.c — exercises the C ABI the Swift bindings use, on a machine with no Swift.
 *
 * Compiled against the generated tally_ffiFFI.h and linked to the staticlib, it calls the
 * scaffolding exactly as tally_ffi.swift does: the contract-version and checksum handshake,
 * one call that succeeds (core_version), and calls that fail (verify_pack and
 * Diary.unlock on a missing file), decoding the RustCallStatus and the serialised
 * TallyApiError by hand. uniffi's wire format (RustBuffer, big-endian lengths, 1-based
 * variant indices) is what is being checked; if it drifts, Swift breaks and so does this.
 *
 * The script passes the values the generated Swift expects:
 *   -DEXPECTED_CONTRACT_VERSION=N -DEXPECTED_CHECKSUM_CORE_VERSION=N
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The header uses clang's nullability qualifiers (Swift reads them); gcc has none. */
#ifndef __clang__
#define _Nullable
#define _Nonnull
#endif
#include "tally_ffiFFI.h"

#define CALL_SUCCESS 0
#define CALL_ERROR 1
/* TallyApiError variants, 1-based in declaration order (bindings/ffi/src/error.rs). */
#define ERR_NOT_FOUND 3

static int failures = 0;

#define CHECK(cond, ...)                                   \
    do {                                                   \
        if (!(cond)) {                                     \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                  \
            fprintf(stderr, "\n");                         \
            failures++;                                    \
        }                                                  \
    } while (0)

static RustBuffer buffer_from(const void *bytes, int32_t len) {
    RustCallStatus status = {0};
    ForeignBytes fb = {.len = len, .data = (const uint8_t *)bytes};
    RustBuffer buf = ffi_tally_ffi_rustbuffer_from_bytes(fb, &status);
    CHECK(status.code == CALL_SUCCESS, "rustbuffer_from_bytes failed");
    return buf;
}

/* A top-level String argument is its UTF-8 bytes, unframed. */
static RustBuffer lower_string(const char *s) { return buffer_from(s, (int32_t)strlen(s)); }

static void free_buffer(RustBuffer buf) {
    RustCallStatus status = {0};
    ffi_tally_ffi_rustbuffer_free(buf, &status);
    CHECK(status.code == CALL_SUCCESS, "rustbuffer_free failed");
}

static int32_t read_i32_be(const uint8_t *p) {
    return (int32_t)(((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3]);
}

/* Decodes a serialised TallyApiError: i32 variant, then the `reason` String (i32 length,
 * UTF-8). Copies the reason into `reason` and returns the variant. */
static int32_t decode_error(RustBuffer buf, char *reason, size_t cap) {
    reason[0] = '\0';
    if (buf.len < 8 || buf.data == NULL) return -1;
    int32_t variant = read_i32_be(buf.data);
    int32_t len = read_i32_be(buf.data + 4);
    if (len < 0 || (uint64_t)len + 8 > buf.len) return -1;
    size_t n = (size_t)len < cap - 1 ? (size_t)len : cap - 1;
    memcpy(reason, buf.data + 8, n);
    reason[n] = '\0';
    return variant;
}

int main(void) {
    /* The handshake the generated Swift performs before its first call. */
    uint32_t contract = ffi_tally_ffi_uniffi_contract_version();
    CHECK(contract == EXPECTED_CONTRACT_VERSION, "contract version %u, bindings expect %d", contract,
          EXPECTED_CONTRACT_VERSION);
    uint16_t checksum = uniffi_tally_ffi_checksum_func_core_version();
    CHECK(checksum == EXPECTED_CHECKSUM_CORE_VERSION, "core_version checksum %u, bindings expect %d",
          checksum, EXPECTED_CHECKSUM_CORE_VERSION);

    /* Success: a String comes back as a RustBuffer of UTF-8 that the caller frees. */
    RustCallStatus status = {0};
    RustBuffer version = uniffi_tally_ffi_fn_func_core_version(&status);
    CHECK(status.code == CALL_SUCCESS, "core_version status %d", status.code);
    CHECK(version.len > 0 && version.len < 32 && version.data[0] >= '0' && version.data[0] <= '9',
          "core_version returned %llu bytes", (unsigned long long)version.len);
    printf("c: core_version %.*s, contract %u\n", (int)version.len, (const char *)version.data, contract);
    free_buffer(version);

    /* Error: verify_pack on a missing file (no checkpoint, no expected key). Option<String>
     * None is the single byte 0. */
    const char *missing = "/nonexistent/tally-check-header/pack.zip";
    uint8_t none = 0;
    status = (RustCallStatus){0};
    RustBuffer verdict = uniffi_tally_ffi_fn_func_verify_pack(lower_string(missing), buffer_from(&none, 1),
                                                                buffer_from(&none, 1), &status);
    CHECK(status.code == CALL_ERROR, "verify_pack of a missing file: status %d, expected an error", status.code);
    char reason[512];
    int32_t variant = decode_error(status.errorBuf, reason, sizeof reason);
    CHECK(variant == ERR_NOT_FOUND, "verify_pack error variant %d, expected NotFound (%d)", variant, ERR_NOT_FOUND);
    CHECK(strstr(reason, missing) != NULL, "the reason does not name the file: %s", reason);
    printf("c: verify_pack(missing) -> TallyApiError variant %d: %s\n", variant, reason);
    if (status.code == CALL_ERROR) free_buffer(status.errorBuf);
    if (status.code == CALL_SUCCESS) free_buffer(verdict);

    /* Error from a constructor (objects cross as u64 handles). */
    status = (RustCallStatus){0};
    uint64_t handle = uniffi_tally_ffi_fn_constructor_diary_unlock(
        lower_string("/nonexistent/tally-check-header/case.diary"), lower_string("correct horse battery"), &status);
    CHECK(status.code == CALL_ERROR && handle == 0, "unlocking a missing diary: status %d", status.code);
    variant = decode_error(status.errorBuf, reason, sizeof reason);
    CHECK(variant == ERR_NOT_FOUND, "Diary.unlock error variant %d, expected NotFound", variant);
    printf("c: Diary.unlock(missing) -> TallyApiError variant %d: %s\n", variant, reason);
    if (status.code == CALL_ERROR) free_buffer(status.errorBuf);

    if (failures) {
        fprintf(stderr, "c: %d checks failed\n", failures);
        return 1;
    }
    printf("c: header check passed\n");
    return 0;
}
