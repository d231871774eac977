package io.steadfast.scoring.expand;

/**
 * One test instance a standard expects of a service: a test of a suite expanded over one target.
 *
 * @param target     dependency or zone id, or {@code ""} for a service-scope test
 * @param testWeight the test's weight within its category
 * @param weight     w: the test weight divided by the number of instances the test expanded to
 * @param mustPass   the test is one of the standard's must-pass tests
 */
public record ExpectedInstance(String suite, String test, String target, String category, double testWeight,
                               double weight, boolean mustPass) {
}
