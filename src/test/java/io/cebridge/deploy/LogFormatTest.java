package io.cebridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the shipped logback.xml: plain lines carry the date (a log kept for days is unreadable without it), and
 * BRIDGE_LOG_FORMAT=json gives one JSON object per line on stderr with level, logger and message.
 */
class LogFormatTest {

    @Test
    void plainLinesStartWithTheDate() throws Exception {
        List<String> lines = logOneLine(null);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO .*"
                + "io\\.cebridge\\.deploy\\.LogFormatTest - customer-master: idle, 3 polls$");
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithLevelLoggerAndMessage() throws Exception {
        List<String> lines = logOneLine("json");
        assertThat(lines).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(lines.get(0));
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo(LogFormatTest.class.getName());
        assertThat(line.path("formattedMessage").asText()).isEqualTo("customer-master: idle, 3 polls");
        assertThat(line.path("message").asText()).isEqualTo("{}: idle, {} polls");
        assertThat(line.path("timestamp").asLong()).isPositive();
        assertThat(line.has("arguments")).as("arguments only ever appear inside the formatted message").isFalse();
    }

    @Test
    void upperCaseJsonIsJsonAndAnUnknownFormatKeepsTheDatedLinesRatherThanNoLogs() throws Exception {
        assertThat(Json.MAPPER.readTree(logOneLine("JSON").get(0)).path("level").asText()).isEqualTo("INFO");
        assertThat(logOneLine("yaml")).singleElement().asString().matches("\\d{4}-\\d{2}-\\d{2} .* - customer-master: idle, 3 polls");
    }

    /** Configures a fresh logback context from src/main/resources/logback.xml and logs one INFO line. */
    private static List<String> logOneLine(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            // a context property is looked up before -D and the environment, as BRIDGE_LOG_FORMAT would be
            context.putProperty("BRIDGE_LOG_FORMAT", format);
        }
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback.xml"));
            context.getLogger(LogFormatTest.class).info("{}: idle, {} polls", "customer-master", 3);
        } finally {
            context.stop();
            System.setErr(err);
        }
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("no warning (logback would print its whole status on stdout)").noneMatch(s -> s.getLevel() >= 1);
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
