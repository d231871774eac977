package io.steadfast.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steadfast.app.Engine;
import io.steadfast.json.Json;
import io.steadfast.scoring.rollup.Band;
import io.steadfast.scoring.rollup.Rollup;
import io.steadfast.scoring.rollup.Rollups;
import io.steadfast.scoring.rollup.ServiceScore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a team's or the organisation's rollup. */
final class RollupText {

    private RollupText() {
    }

    static void print(Engine engine, String teamOrNull, Instant at, boolean json, PrintWriter out) throws Exception {
        List<ServiceScore> scores = engine.scoreServices(teamOrNull, at);
        Rollups rollups = Rollups.ofDefaults();
        Rollup rollup = teamOrNull == null ? rollups.organisation(scores) : rollups.team(teamOrNull, scores);
        Instant now = at == null ? engine.now() : at;
        Instant asOf = engine.countedAsOf(scores.stream().map(ServiceScore::service).toList(), now);
        long ageSeconds = Duration.between(asOf, now).toSeconds();
        if (json) {
            ObjectNode node = Json.mapper().valueToTree(rollup);
            node.put("asOf", asOf.toString());
            node.put("ageSeconds", ageSeconds);
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
            return;
        }
        print(rollup, out);
        out.println(ageSeconds == 0 ? "figures as of " + asOf + ": every stored result counts"
                : "figures as of " + asOf + " (" + ageSeconds + " s old): results received since then do not all"
                + " count yet");
        if (teamOrNull == null && !scores.isEmpty()) {
            out.println();
            Table teams = new Table("TEAM", "SCORE", "BAND", "SERVICES", "MEETING STANDARD");
            for (Map.Entry<String, Rollup> team : rollups.teams(scores).entrySet()) {
                Rollup r = team.getValue();
                teams.row(team.getKey(), r.score() == null ? "-" : r.score().toPlainString(), band(r.band()),
                        r.services(), percent(r.meetingStandardShare()));
            }
            teams.print(out, "");
        }
    }

    private static void print(Rollup rollup, PrintWriter out) {
        List<String> bands = new ArrayList<>();
        rollup.bands().forEach((band, count) -> bands.add(band.id() + " " + count));
        out.printf("%s: %s  %s  %d services (%d scored), %s meeting their standard; bands: %s%n", rollup.scope(),
                rollup.score() == null ? "no score" : rollup.score().toPlainString() + " / 100", band(rollup.band()),
                rollup.services(), rollup.scored(), percent(rollup.meetingStandardShare()), String.join(", ", bands));
        Table services = new Table("SERVICE", "TEAM", "TIER", "SCORE", "BAND", "VERDICT");
        for (ServiceScore s : rollup.members()) {
            services.row(s.service(), s.team(), s.tier(), s.score() == null ? "-" : s.score().toPlainString(),
                    band(s.band()), s.verdict());
        }
        services.print(out, "no services registered");
    }

    private static String band(Band band) {
        return band == null ? "-" : band.id();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
