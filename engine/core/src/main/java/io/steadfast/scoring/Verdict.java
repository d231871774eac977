package io.steadfast.scoring;

/** A score's verdict against its standard, decided in this order: NO_DATA, FAIL, WARN, PASS. */
public enum Verdict {
    NO_DATA,
    FAIL,
    WARN,
    PASS
}
