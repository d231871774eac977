package io.steadfast.model;

/**
 * One instance of a service, which a redundancy test may take away.
 *
 * @param pidFile      file holding the PID of a local process (admin-loaded files only)
 * @param stopCommand  command that stops the instance (admin-loaded files only)
 * @param startCommand command that starts the instance again (admin-loaded files only)
 */
public record Instance(String id, String zone, String pidFile, String stopCommand, String startCommand) {
}
