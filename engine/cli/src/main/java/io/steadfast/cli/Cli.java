package io.steadfast.cli;

import io.steadfast.app.Durations;
import io.steadfast.app.UsageException;
import io.steadfast.logging.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Builds the picocli command line with the product's error handling and converters. */
final class Cli {

    private Cli() {
    }

    static CommandLine commandLine(RootCommand root) {
        CommandLine cli = new CommandLine(root);
        addHelpOption(cli);
        cli.registerConverter(Instant.class, Cli::instant);
        cli.registerConverter(Duration.class, Cli::duration);
        cli.setExitCodeExceptionMapper(e -> ExitCodes.ERROR);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage().replaceFirst("^Error: ", ""));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCodes.ERROR;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof UsageException usage) {
                usage.problems().forEach(p -> err.println("error: " + Secrets.mask(p)));
            } else {
                err.println("error: " + Secrets.mask(describe(ex)));
                if (System.getenv("STEADFAST_DEBUG") != null) {
                    StringWriter trace = new StringWriter();
                    ex.printStackTrace(new PrintWriter(trace));
                    err.print(Secrets.mask(trace.toString()));
                }
            }
            err.flush();
            return ExitCodes.ERROR;
        });
        return cli;
    }

    /** {@code -h/--help} on every subcommand ({@code --version} is taken by score and gate). */
    private static void addHelpOption(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
            addHelpOption(sub);
        }
    }

    /** A system error in one line, with its causes, without a stack trace. */
    private static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder(String.valueOf(ex.getMessage()));
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /** A duration as {@link Durations#parse} reads it. */
    static Duration duration(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "must be an ISO-8601 instant such as 2026-11-26T10:00:00Z, but was '" + value + "'");
        }
    }
}
