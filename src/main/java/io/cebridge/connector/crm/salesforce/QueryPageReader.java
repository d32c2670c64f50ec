package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cebridge.connector.crm.RecordProblem;
import io.cebridge.error.RetriableException;
import io.cebridge.json.Json;
import io.cebridge.json.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a SOQL query answer record by record, so one bad record never costs its page: each record's text is taken
 * from the answer as sent and read on its own with duplicate fields refused (Salesforce never repeats a field; the
 * last one silently winning would change data) and its Id checked against Salesforce's id format. Such a record
 * carries a {@link RecordProblem} and its original text; the page goes on; so does a record in which the answer held
 * bytes that are not UTF-8 (see {@link Utf8Body}). An answer Jackson's limits refuse
 * (StreamReadConstraints: nesting depth, string or number length) or that starts with a byte order mark fails the
 * page with that limit named: retrying it would get the same answer. A cut-off answer is retriable.
 */
final class QueryPageReader {
    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };
    /**
     * Longest text value read: Salesforce's longest field (Long Text Area, Rich Text Area) holds 131,072 characters;
     * Jackson's default (20,000,000) would let one value of a 10 MB answer take 60 MB of heap on its way to a string.
     */
    static final int MAX_STRING_LENGTH = 1_048_576;
    /** Reads the page's frame and the Id and stamp of a record that cannot be read strictly. */
    private static final ObjectMapper LENIENT = limited(SObjectCollections.JSON);
    /** Reads a record holding a number no decimal can hold, for its Id and stamp only. */
    private static final ObjectMapper FLOATS_AS_DOUBLE = limited(new ObjectMapper());
    /** The project's mapper: duplicate keys refused, decimals exact. */
    private static final ObjectMapper STRICT = limited(Json.MAPPER);
    /**
     * Most records one query page holds: Salesforce's largest batch size (Sforce-Query-Options batchSize 200 to 2,000).
     * A page with more did not come from Salesforce as asked; reading on would hold every one of them in memory.
     */
    static final int MAX_RECORDS_PER_PAGE = 2000;
    /**
     * Most JSON values (fields, array items, nested objects) the records of one page hold: 2,000 records of 250 each.
     * Each costs about 100 bytes of heap once read; a 10 MB answer of a million tiny fields would take 100 MB.
     */
    static final int MAX_VALUES_PER_PAGE = 500_000;

    private QueryPageReader() {
    }

    private static ObjectMapper limited(ObjectMapper m) {
        ObjectMapper copy = m.copy();
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH)
                .build());
        return copy;
    }

    static QueryPage read(String body) {
        return read(new Utf8Body(body, new int[0]));
    }

    static QueryPage read(Utf8Body answer) {
        String body = answer.text();
        if (body == null || body.isBlank()) {
            // no "{}" stand-in: an empty 200 would read as a page without records and end the paging early
            throw new RetriableException("Salesforce answered a query with an empty body", null);
        }
        if (body.charAt(0) == '\uFEFF') {
            throw new CrmAnswerException("Salesforce answered a query with a body that starts with a byte order mark"
                    + " (U+FEFF), which JSON (RFC 8259) does not allow; the answer of " + body.length()
                    + " characters is refused, check what sits between ce-bridge and Salesforce", null);
        }
        Integer total = null;
        Boolean done = null;
        String next = null;
        List<Map<String, Object>> records = null;
        try (JsonParser p = LENIENT.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RetriableException("Salesforce answered a query with a body that is not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "totalSize" -> total = value.isNumeric() ? p.getIntValue() : null;
                    case "done" -> done = value.isBoolean() ? p.getBooleanValue() : null;
                    case "nextRecordsUrl" -> next = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "records" -> records = value == JsonToken.START_ARRAY ? records(p, answer) : null;
                    default -> p.skipChildren();
                }
            }
        } catch (StreamConstraintsException e) {
            StreamReadConstraints limits = LENIENT.getFactory().streamReadConstraints();
            throw new CrmAnswerException("Salesforce answered a query with a body beyond Jackson's limit: "
                    + e.getOriginalMessage() + "; the answer of " + body.length() + " characters is refused (limits:"
                    + " StreamReadConstraints nesting depth " + limits.getMaxNestingDepth() + ", string length "
                    + limits.getMaxStringLength() + ", number length " + limits.getMaxNumberLength() + ")", e);
        } catch (JsonEOFException e) {
            throw new RetriableException("Salesforce answered a query with a cut-off body", e);
        } catch (IOException e) {
            throw new RetriableException("Salesforce answered a query with a body that is not a JSON object: "
                    + (e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (records == null) {
            // a page without its records list is a broken answer, never "no records": the watermark must not move
            throw new RetriableException("Salesforce answered a query without a records list", null);
        }
        return new QueryPage(total == null ? 0 : total, !Boolean.FALSE.equals(done), next, records);
    }

    private static List<Map<String, Object>> records(JsonParser p, Utf8Body answer) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        int values = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (out.size() == MAX_RECORDS_PER_PAGE) {
                throw new CrmAnswerException("Salesforce answered a query with more than " + MAX_RECORDS_PER_PAGE
                        + " records in one page, the most Salesforce sends (batchSize 200 to 2,000); the answer of "
                        + answer.text().length() + " characters is refused, check what sits between ce-bridge and"
                        + " Salesforce", null);
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new RetriableException("Salesforce answered a query with a record that is not an object", null);
            }
            int start = (int) p.currentTokenLocation().getCharOffset();
            values = skipRecord(p, values, answer);
            int end = (int) p.currentLocation().getCharOffset();
            int invalid = answer.invalidBetween(start, end);
            out.add(record(answer.text().substring(start, end), invalid < 0 ? -1 : invalid - start));
        }
        return out;
    }

    /** Skips the record the parser is at, counting its values into the page's; past the page's limit it refuses. */
    private static int skipRecord(JsonParser p, int values, Utf8Body answer) throws IOException {
        int depth = 0;
        int count = values;
        do {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
            if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY
                    && ++count > MAX_VALUES_PER_PAGE) {
                throw new CrmAnswerException("Salesforce answered a query with more than " + MAX_VALUES_PER_PAGE
                        + " values (fields, array items) in the records of one page; the answer of "
                        + answer.text().length() + " characters is refused. Lower"
                        + " bridge.crm.salesforce.query-batch-size if the query selects that many fields", null);
            }
        } while (depth > 0 && p.nextToken() != null);
        return count;
    }

    /** {@code invalidAt}: where in the text the answer held bytes that are not UTF-8, or negative. */
    private static Map<String, Object> record(String text, int invalidAt) throws IOException {
        Map<String, Object> r;
        RecordProblem problem = invalidAt < 0 ? null : new RecordProblem(RecordProblem.INVALID_ENCODING, "the CRM sent"
                + " bytes that are not UTF-8 in this record (character " + (invalidAt + 1) + " of its text, shown as"
                + " U+FFFD); they would reach the ERP as U+FFFD, so the record is held back: correct the text in the CRM",
                text);
        try {
            r = STRICT.readValue(text, RECORD);
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            if (!(e.getCause() instanceof NumberFormatException)) {
                throw e;
            }
            // a number whose exponent no decimal holds (1e2147483648); read as binary floats for the Id and stamp only
            r = FLOATS_AS_DOUBLE.readValue(text, RECORD);
            String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                    : "[" + ref.getIndex() + "]").collect(java.util.stream.Collectors.joining("."));
            problem = problem != null ? problem : new RecordProblem(Numbers.REASON_CODE, field + ": "
                    + e.getOriginalMessage().strip() + "; correct the value in the CRM", text);
        } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
            if (!String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                throw e;
            }
            r = LENIENT.readValue(text, RECORD); // for its Id and stamp; the letter keeps the text as sent
            problem = problem != null ? problem : new RecordProblem(RecordProblem.DUPLICATE_FIELD, "the CRM sent the"
                    + " record with a field twice (" + e.getOriginalMessage() + "); which value is meant cannot be told,"
                    + " so neither is taken", text);
        }
        r.remove("attributes");
        if (problem != null) {
            r.put(RecordProblem.KEY, problem);
            if (r.containsKey("Id") && !SalesforceIdFormat.valid(r.get("Id"))) {
                r.put("Id", SalesforceIdFormat.standIn(r.get("Id")));
            }
            return r;
        }
        return SalesforceIdFormat.marked(r, text);
    }
}
