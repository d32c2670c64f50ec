package io.cebridge.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Draws {@link Throughput.Series} as an inline SVG: one line per series over 60 minutes, a y axis scaled to the
 * busiest minute, times in UTC under it. Inline, so no script and no chart library is needed (the console loads
 * nothing from elsewhere).
 */
final class ThroughputChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int BOTTOM = 24;
    private static final int TOP = 10;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ThroughputChart() {
    }

    static String svg(Throughput.Series s) {
        long max = Math.max(4, (s.max() + 3) / 4 * 4); // a multiple of 4: the 4 grid lines fall on whole numbers
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" id=\"throughput\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"records per minute over the last hour\">");
        int plotH = HEIGHT - BOTTOM - TOP;
        int plotW = WIDTH - LEFT - 24; // room for the last time label
        // axes and a few grid lines with their values
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, y, LEFT + plotW, y));
            b.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\">%d</text>", LEFT - 6, y + 4,
                    max * i / 4));
        }
        for (int m = 0; m <= Throughput.MINUTES; m += 15) {
            double x = LEFT + plotW * m / (double) Throughput.MINUTES;
            b.append(String.format(Locale.ROOT, "<text class=\"axis time\" x=\"%.1f\" y=\"%d\">%s</text>", x,
                    HEIGHT - 6, HOUR_MINUTE.format(s.start().plusSeconds(60L * m))));
        }
        line(b, "read", s.read(), max, plotW, plotH);
        line(b, "delivered", s.delivered(), max, plotW, plotH);
        line(b, "dead", s.deadLettered(), max, plotW, plotH);
        return b.append("</svg>").toString();
    }

    private static void line(StringBuilder b, String cls, long[] values, long max, int plotW, int plotH) {
        b.append("<polyline class=\"series ").append(cls).append("\" points=\"");
        for (int i = 0; i < values.length; i++) {
            double x = LEFT + plotW * (i + 0.5) / values.length;
            double y = TOP + plotH - plotH * values[i] / (double) max;
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        b.append("\"/>");
    }
}
