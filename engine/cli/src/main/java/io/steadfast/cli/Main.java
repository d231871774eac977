package io.steadfast.cli;

import java.io.PrintWriter;

/** The {@code steadfast} command line. Exit codes: 0 success, 1 a gate's fail outcome or problems found, 2 usage or system error. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** Runs the CLI with the given output streams and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        RootCommand root = new RootCommand();
        try {
            return Cli.commandLine(root).setOut(out).setErr(err).execute(args);
        } finally {
            root.close();
            out.flush();
            err.flush();
        }
    }
}
