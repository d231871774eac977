package io.steadfast.app.cli;

import picocli.CommandLine;

/** The {@code steadfast} command line. Exit codes: 0 success, 1 a gate's fail outcome or problems found, 2 usage or system error. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (used by tests in-process). */
    public static int run(String... args) {
        RootCommand root = new RootCommand();
        try {
            return Cli.commandLine(root).execute(args);
        } finally {
            root.close();
        }
    }
}
