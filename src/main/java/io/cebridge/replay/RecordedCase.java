package io.cebridge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.cebridge.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One recorded case: {@code <flow>/<case>/case.json} (flow, description, ERP rows of the flow's table that existed
 * before, and an optional {@code setup}: rows of other ERP tables {"erp": {"table": [rows]}} and cross-references
 * {"links": [{"entity", "crmId", "erpId"}]}, e.g. the linked account of a contact, and records of other CRM objects
 * {"crm": {"OpportunityLineItem": [..]}} that the enrichment steps query),
 * {@code input.json} (the CRM records as the API returned them) and {@code expected/*.json} (what reached the ERP,
 * what was written back to the CRM, what was dead-lettered, what was audited).
 */
public record RecordedCase(Path dir, String flow, String name, String description, JsonNode input, JsonNode erpPreload,
                           JsonNode setup, Map<String, JsonNode> expected) {

    public static final List<String> OUTPUTS = List.of("erp-upsert.json", "crm-writeback.json", "dead-letters.json",
            "audit.json");

    /** What an ERP -> CRM case compares: the CRM writes and the dead letters (including documents left waiting). */
    public static final List<String> ERP_FLOW_OUTPUTS = List.of("crm-writes.json", "dead-letters.json");

    /** The output files compared for a CRM -> ERP flow, or for an ERP -> CRM one. */
    public static List<String> outputs(boolean crmToErp) {
        return crmToErp ? OUTPUTS : ERP_FLOW_OUTPUTS;
    }

    public static RecordedCase load(Path dir) throws IOException {
        JsonNode meta = Json.MAPPER.readTree(dir.resolve("case.json").toFile());
        JsonNode input = Json.MAPPER.readTree(dir.resolve("input.json").toFile());
        if (!input.isArray() && input.has("Id")) { // one CRM record
            ArrayNode a = Json.MAPPER.createArrayNode();
            a.add(input);
            input = a;
        }
        String flow = meta.path("flow").asText(dir.getParent().getFileName().toString());
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (String out : new java.util.LinkedHashSet<>(java.util.stream.Stream.concat(OUTPUTS.stream(),
                ERP_FLOW_OUTPUTS.stream()).toList())) {
            Path f = dir.resolve("expected").resolve(out);
            expected.put(out, Files.exists(f) ? Json.MAPPER.readTree(f.toFile()) : Json.MAPPER.createArrayNode());
        }
        return new RecordedCase(dir, flow, dir.getFileName().toString(), meta.path("description").asText(""), input,
                meta.path("erpPreload").isMissingNode() ? Json.MAPPER.createArrayNode() : meta.get("erpPreload"),
                meta.path("setup").isMissingNode() ? Json.MAPPER.createObjectNode() : meta.get("setup"), expected);
    }

    /** Every case directory (holding case.json) under {@code root}, in name order. */
    public static List<Path> find(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName().toString().equals("case.json")).map(Path::getParent).sorted().forEach(out::add);
        }
        return out;
    }
}
