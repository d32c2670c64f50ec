package io.cebridge.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes replay results as a JUnit XML report, so CI systems list each recorded case. */
final class JUnitReport {
    private JUnitReport() {
    }

    static void write(Path file, List<CaseResult> results) throws IOException {
        long failures = results.stream().filter(r -> !r.differences().isEmpty()).count();
        long errors = results.stream().filter(r -> r.error() != null).count();
        double time = results.stream().mapToDouble(CaseResult::seconds).sum();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(java.util.Locale.ROOT,
                "<testsuite name=\"ce-bridge replay\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\">%n",
                results.size(), failures, errors, time));
        for (CaseResult r : results) {
            x.append(String.format(java.util.Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                    esc(r.flow()), esc(r.name()), r.seconds()));
            if (r.passed()) {
                x.append("/>\n");
                continue;
            }
            x.append(">\n");
            if (r.error() != null) {
                x.append("    <error message=\"").append(esc(r.error())).append("\"/>\n");
            } else {
                x.append("    <failure message=\"").append(esc(r.differences().size() + " difference(s): "
                        + r.differences().get(0))).append("\">").append(esc(String.join("\n", r.differences())))
                        .append("</failure>\n");
            }
            x.append("  </testcase>\n");
        }
        x.append("</testsuite>\n");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, x, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
