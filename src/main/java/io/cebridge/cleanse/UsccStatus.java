package io.cebridge.cleanse;

/** Outcome of validating a unified social credit code (统一社会信用代码) against GB 32100-2015. */
public enum UsccStatus {
    /** Well-formed and the 18th character matches the GB 32100 check character. */
    VALID,
    /** Well-formed but the check character does not match; early pilot-area codes are known to do this. */
    CHECK_FAILED,
    /** Wrong length or characters outside the GB 32100 charset at some position. */
    FORMAT_INVALID
}
