package io.steadfast.cli;

import io.steadfast.app.Engine;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.spi.result.ResultEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** What a finished run prints: a row per result, then the service's score. */
final class RunSummary {

    private RunSummary() {
    }

    static String table(List<ResultEvent> results) {
        Table table = new Table("TEST", "TARGET", "STATUS", "DETECT", "RECOVER", "PROBES");
        for (ResultEvent result : results) {
            var m = result.measurements();
            table.row(result.test(), result.target().isEmpty() ? "-" : result.target(), result.status(),
                    millis(m.timeToDetectMs()), millis(m.timeToRecoverMs()),
                    m.probesTotal() == null ? null : m.probesPassed() + "/" + m.probesTotal());
        }
        StringWriter text = new StringWriter();
        table.print(new PrintWriter(text), "no test ran");
        return text.toString();
    }

    static String scoreLine(Engine engine, String service, String version, String environment) {
        ScoreReport report = engine.evaluate(service, new Engine.ScoreQuery(null, version, environment, null)).report();
        String score = report.score() == null ? "no score" : "score " + report.score();
        return service + ": " + score + " (" + report.verdict() + ", standard " + report.standard() + ")"
                + "; 'steadfast score " + service + " --explain' says why";
    }

    private static String millis(Long millis) {
        return millis == null ? null : millis + " ms";
    }
}
