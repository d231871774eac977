package io.steadfast.cli;

import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.ScoreReport.CategoryScore;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.scoring.ScoreReport.NextAction;
import io.steadfast.scoring.ScoreReport.NotApplicable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Renders a score report for people. */
final class ScoreText {

    private ScoreText() {
    }

    static void print(ScoreReport report, boolean explain, PrintWriter out) {
        out.println(headline(report));
        report.reasons().forEach(reason -> out.println("  - " + reason));
        if (report.score() == null) {
            return;
        }
        out.println();
        Table categories = new Table("CATEGORY", "WEIGHT", "SCORE", "POINTS");
        for (CategoryScore c : report.categories()) {
            categories.row(c.category() + (c.required() ? " (required)" : ""), number(c.weight()), one(c.score()),
                    two(c.points()));
        }
        categories.print(out, "no category applies");
        if (explain) {
            out.println();
            Table instances = new Table("CATEGORY", "TEST", "TARGET", "STATUS", "AGE", "VALUE", "POINTS", "RESULT", "NOTE");
            for (InstanceScore i : report.instances()) {
                String test = i.test() + (i.mustPass() ? " (must pass)" : "");
                String note = i.valueNote() + (i.waiverId() == null ? "" : "; waived by " + i.waiverId())
                        + (i.uncounted().isEmpty() ? "" : "; newer " + i.uncounted().get(0).status() + " not counted");
                instances.row(i.category(), test, i.target().isEmpty() ? "-" : i.target(),
                        i.status() == null ? "not run" : i.status(), age(i.age()), one(i.value()), two(i.points()),
                        i.resultId(), note);
            }
            instances.print(out, "no test instance");
            if (!report.notApplicable().isEmpty()) {
                out.println();
                out.println("Not applicable:");
                for (NotApplicable n : report.notApplicable()) {
                    out.println("  - " + (n.test() != null ? "test '" + n.test() + "'" : "category '" + n.category() + "'")
                            + ": " + n.reason());
                }
            }
        }
        if (!report.nextActions().isEmpty()) {
            out.println();
            out.println("Next actions (points each would add if it passed today):");
            report.nextActions().stream().limit(explain ? Long.MAX_VALUE : 5).forEach(a -> out.println("  "
                    + nextAction(a)));
        }
    }

    static String headline(ScoreReport report) {
        StringBuilder line = new StringBuilder(report.service()).append(": ");
        line.append(report.score() == null ? "no score" : report.score().toPlainString() + " / 100");
        line.append("  ").append(report.verdict());
        if (report.standard() != null) {
            line.append("  standard ").append(report.standard());
        }
        if (report.thresholds() != null) {
            line.append(" (pass ").append(number(report.thresholds().pass())).append(", warn ")
                    .append(number(report.thresholds().warn())).append(')');
        }
        if (report.score() != null) {
            line.append("  coverage ").append(String.format(Locale.ROOT, "%.0f%%", report.coverage() * 100));
        }
        if (report.version() != null) {
            line.append("  version ").append(report.version());
            if ("newest-counted-result".equals(report.versionSource())) {
                line.append(" (newest counted result's)");
            }
        }
        return line.toString();
    }

    private static String nextAction(NextAction a) {
        return String.format(Locale.ROOT, "+%5.2f  %s%s%s", a.pointsIfPassed(), a.test(),
                a.target().isEmpty() ? "" : " [" + a.target() + "]",
                a.expiringSoon() ? "  (result expires " + a.expiresAt() + ")" : "");
    }

    static String age(Duration age) {
        if (age == null) {
            return "-";
        }
        long minutes = age.toMinutes();
        if (minutes < 60) {
            return minutes + "m";
        }
        if (minutes < 48 * 60) {
            return age.toHours() + "h";
        }
        return age.toDays() + "d";
    }

    static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
