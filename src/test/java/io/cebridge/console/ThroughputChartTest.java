package io.cebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The throughput chart: one line per series, the busiest minute at the top of a whole-number axis, times in UTC. */
class ThroughputChartTest {
    @Test
    void drawsThreeSeriesOnAWholeNumberAxisUpToTheBusiestMinute() {
        long[] read = new long[Throughput.MINUTES];
        long[] delivered = new long[Throughput.MINUTES];
        long[] dead = new long[Throughput.MINUTES];
        read[59] = 7;
        delivered[58] = 5;
        dead[10] = 1;
        String svg = ThroughputChart.svg(new Throughput.Series(Instant.parse("2026-11-30T20:15:00Z"), read, delivered,
                dead));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("class=\"series read\"")
                .contains("class=\"series delivered\"").contains("class=\"series dead\"")
                .contains(">0</text>").contains(">2</text>").contains(">4</text>").contains(">6</text>")
                .contains(">8</text>").contains(">20:15</text>").contains(">21:15</text>");
        // the last minute's 7 of an axis up to 8: 7/8 of the way up the 166 px plot, at the right end
        assertThat(svg).contains("690.6,30.8").doesNotContain("NaN");
    }
}
