package io.steadfast.app.report;

import io.steadfast.gate.GateDecision;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.spi.result.ResultStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a gate decision as a JUnit XML report, which CI systems show as tests: one test case for
 * the gate itself (failed when the gate's outcome fails) and one per test instance (failed when its
 * counted result failed or halted, skipped when it has none).
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static void write(GateDecision decision, ScoreReport report, Path file) throws IOException {
        Document doc = newDocument();
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", "steadfast gate " + decision.service());
        suite.setAttribute("timestamp", decision.at().toString());
        doc.appendChild(suite);

        int failures = 0;
        int skipped = 0;
        Element gate = testCase(doc, suite, "steadfast.gate", "gate " + decision.service());
        String summary = "verdict " + decision.verdict() + ", score "
                + (decision.score() == null ? "none" : decision.score().toPlainString())
                + ", outcome " + decision.outcome();
        if (decision.outcome() == GateDecision.Outcome.FAIL) {
            failures++;
            fail(doc, gate, summary, String.join("\n", decision.reasons()));
        } else {
            output(doc, gate, summary + "\n" + String.join("\n", decision.reasons()));
        }
        for (InstanceScore i : report.instances()) {
            String name = i.test() + (i.target().isEmpty() ? "" : "[" + i.target() + "]");
            Element testCase = testCase(doc, suite, "steadfast." + decision.service() + "." + i.category(), name);
            String detail = i.valueNote() + ", " + String.format(java.util.Locale.ROOT, "%.2f", i.points()) + " points";
            if (i.status() == null) {
                skipped++;
                Element skip = doc.createElement("skipped");
                skip.setAttribute("message", "not run: " + detail);
                testCase.appendChild(skip);
            } else if (i.status() == ResultStatus.FAILED || i.status() == ResultStatus.HALTED) {
                failures++;
                fail(doc, testCase, i.status() + ": " + detail, "result " + i.resultId());
            } else {
                output(doc, testCase, i.status() + ": " + detail + " (result " + i.resultId() + ")");
            }
        }
        suite.setAttribute("tests", String.valueOf(report.instances().size() + 1));
        suite.setAttribute("failures", String.valueOf(failures));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", String.valueOf(skipped));

        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(xml));
        } catch (TransformerException e) {
            throw new IllegalStateException("JUnit report must be renderable as XML, but was not: " + e.getMessage(), e);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, xml.toByteArray());
        } catch (IOException e) {
            throw new IOException("JUnit report '" + file + "' must be a writable file, but could not be written: "
                    + (e instanceof AccessDeniedException ? "access denied" : e.getMessage()), e);
        }
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML document builder available", e);
        }
    }

    private static Element testCase(Document doc, Element suite, String className, String name) {
        Element testCase = doc.createElement("testcase");
        testCase.setAttribute("classname", className);
        testCase.setAttribute("name", name);
        testCase.setAttribute("time", "0");
        suite.appendChild(testCase);
        return testCase;
    }

    private static void fail(Document doc, Element testCase, String message, String body) {
        Element failure = doc.createElement("failure");
        failure.setAttribute("message", message);
        failure.setTextContent(body);
        testCase.appendChild(failure);
    }

    private static void output(Document doc, Element testCase, String text) {
        Element out = doc.createElement("system-out");
        out.setTextContent(text);
        testCase.appendChild(out);
    }
}
