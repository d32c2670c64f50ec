package io.cebridge.flow.financialsummary;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The date parameters a summary SQL may use, computed in Java so the SQL needs no dialect's date arithmetic. */
final class SummaryParameters {
    static final List<String> KNOWN = List.of("asOf", "yearStart", "monthStart", "asOfMinus30", "asOfMinus60",
            "asOfMinus90");

    private SummaryParameters() {
    }

    static Map<String, LocalDate> dates(LocalDate asOf) {
        Map<String, LocalDate> m = new LinkedHashMap<>();
        m.put("asOf", asOf);
        m.put("yearStart", asOf.withDayOfYear(1));
        m.put("monthStart", asOf.withDayOfMonth(1));
        m.put("asOfMinus30", asOf.minusDays(30));
        m.put("asOfMinus60", asOf.minusDays(60));
        m.put("asOfMinus90", asOf.minusDays(90));
        return m;
    }
}
