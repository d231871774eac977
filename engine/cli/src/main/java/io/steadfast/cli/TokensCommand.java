package io.steadfast.cli;

import com.google.inject.Key;
import io.steadfast.app.UsageException;
import io.steadfast.http.Role;
import io.steadfast.http.Tokens;
import io.steadfast.store.ApiToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "tokens", description = "Creates, lists and revokes the HTTP API's bearer tokens.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "create", description = {
            "Creates a token and prints it once: only its SHA-256 digest is stored.",
            "Roles: admin (everything), owner (its team's services, results and runs), viewer (reads),",
            "ci (gates and results for its team). A token with --team sees only that team's services."})
    static final class Create implements Callable<Integer> {

        @ParentCommand
        TokensCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, paramLabel = "admin|owner|viewer|ci")
        String role;

        @Option(names = "--team", paramLabel = "TEAM", description = "The team it acts for (required for owner and ci).")
        String team;

        @Option(names = "--expires-in", paramLabel = "DURATION|never", defaultValue = "90d",
                description = "How long it works (30m, 12h, 90d, ...), or 'never'. Default: ${DEFAULT-VALUE}.")
        String expiresIn;

        @Override
        public Integer call() {
            Tokens.Created created;
            try {
                created = parent.root.get(Key.get(Tokens.class)).create(Role.of(role), team, lifetime());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.token());
            ApiToken stored = created.stored();
            spec.commandLine().getErr().printf("created token %s (role %s%s, %s); it is shown only this once%n",
                    stored.id(), stored.role(), stored.team() == null ? "" : ", team " + stored.team(),
                    stored.expiresAt() == null ? "never expires" : "expires " + stored.expiresAt());
            return ExitCodes.OK;
        }

        private Optional<Duration> lifetime() {
            if (expiresIn.equals("never")) {
                return Optional.empty();
            }
            try {
                return Optional.of(Cli.duration(expiresIn));
            } catch (CommandLine.TypeConversionException e) {
                throw new UsageException("--expires-in " + e.getMessage().replace("but was", "or 'never', but was"));
            }
        }
    }

    @Command(name = "list", description = "Lists the tokens (ids, roles, teams; never the tokens themselves).")
    static final class ListTokens implements Callable<Integer> {

        @ParentCommand
        TokensCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Table table = new Table("ID", "ROLE", "TEAM", "CREATED", "EXPIRES", "REVOKED");
            for (ApiToken t : parent.root.get(Key.get(Tokens.class)).list()) {
                table.row(t.id(), t.role(), t.team() == null ? "-" : t.team(), t.createdAt(),
                        t.expiresAt() == null ? "never" : t.expiresAt(), t.revokedAt() == null ? "-" : t.revokedAt());
            }
            table.print(spec.commandLine().getOut(), "no tokens");
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revokes a token: it stops working within seconds.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        TokensCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            if (!parent.root.get(Key.get(Tokens.class)).revoke(id)) {
                throw new UsageException("token '" + id + "' must be a valid token, but was not found or already revoked");
            }
            spec.commandLine().getOut().printf("revoked %s%n", id);
            return ExitCodes.OK;
        }
    }
}
