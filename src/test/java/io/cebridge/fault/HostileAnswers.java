package io.cebridge.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query answers of about 10 MB built to exhaust a reader's memory, written as they are sent (never held whole), for
 * {@link CrmAnswerHeapIT}: one huge string, deep nesting, hundreds of thousands of tiny records, huge numbers, wide
 * records.
 */
final class HostileAnswers {
    /** About 10 MB: each answer is at least this long. */
    static final int SIZE = 10_000_000;
    private static final String ID = "\"001000000000001AAA\"";
    private static final String HEAD = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},"
            + "\"Id\":" + ID + ",\"SystemModstamp\":\"2026-11-23T10:15:01.000+0000\",\"Name\":";

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private HostileAnswers() {
    }

    static Map<String, Body> all() {
        Map<String, Body> m = new LinkedHashMap<>();
        m.put("one_10mb_string", out -> record(out, "\"", "x", SIZE, "\""));
        m.put("one_10mb_cjk_string", out -> record(out, "\"", "中", SIZE / 3, "\""));
        m.put("nesting_5m_deep", out -> record(out, "", "[", SIZE / 2, "]".repeat(1)));
        m.put("page_nesting_10mb", out -> {
            write(out, "{\"totalSize\":1,\"done\":true,\"x\":");
            repeat(out, "{\"a\":", SIZE / 5);
        });
        m.put("tiny_records_370k", out -> records(out, "{\"Id\":" + ID + "}", SIZE / 27));
        m.put("number_10m_digits", out -> record(out, "", "9", SIZE, ""));
        m.put("exponents_1e999999999", out -> records(out, "{\"Id\":" + ID + ",\"Name\":1e999999999}", SIZE / 46));
        m.put("exponent_overflow_2000_records", out -> records(out, "{\"Id\":" + ID + ",\"Name\":1e2147483648}", 2000));
        m.put("invalid_utf8_10mb", out -> {
            write(out, HEAD + "\"");
            byte[] bad = new byte[8192];
            java.util.Arrays.fill(bad, (byte) 0xFF);
            for (int i = 0; i < 1000; i++) {
                out.write(bad);
            }
            write(out, "\"}]}");
        });
        m.put("records_1960_of_5kb", out -> records(out, "{\"attributes\":{\"type\":\"Account\"},\"Id\":" + ID
                + ",\"Name\":\"Acme\",\"Description\":\"" + "描述".repeat(850) + "\"}", SIZE / 5200));
        m.put("one_record_1m_fields", out -> {
            write(out, HEAD + "1");
            for (int i = 0; i < SIZE / 13; i++) {
                write(out, ",\"f" + i + "\":1");
            }
            write(out, "}]}");
        });
        m.put("one_array_5m_numbers", out -> record(out, "[", "1,", SIZE / 2, "1]"));
        return m;
    }

    /** One record whose Name is {@code open + n * unit + close}. */
    private static void record(OutputStream out, String open, String unit, int n, String close) throws IOException {
        write(out, HEAD + open);
        repeat(out, unit, n);
        write(out, close + "}]}");
    }

    private static void records(OutputStream out, String record, int n) throws IOException {
        write(out, "{\"totalSize\":" + n + ",\"done\":true,\"records\":[" + record);
        repeat(out, "," + record, n - 1);
        write(out, "]}");
    }

    private static void repeat(OutputStream out, String unit, int n) throws IOException {
        byte[] block = unit.repeat(Math.max(1, 8192 / unit.length())).getBytes(StandardCharsets.UTF_8);
        int perBlock = Math.max(1, 8192 / unit.length());
        int left = n;
        while (left >= perBlock) {
            out.write(block);
            left -= perBlock;
        }
        write(out, unit.repeat(left));
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
