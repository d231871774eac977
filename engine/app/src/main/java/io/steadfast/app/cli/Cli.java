package io.steadfast.app.cli;

import io.steadfast.app.UsageException;
import io.steadfast.logging.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    /** A duration written as the definition files write them: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}. */
    private static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CommandLine.TypeConversionException(
                    "must be a positive duration such as 500ms, 30s, 15m or 2h, but was '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
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
