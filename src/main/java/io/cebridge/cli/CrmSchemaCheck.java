package io.cebridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.config.FlowCatalog;
import io.cebridge.connector.crm.CrmDescriber;
import io.cebridge.flow.erptocrm.CrmWrite;
import io.cebridge.flow.erptocrm.WriteDescribeCheck;
import io.cebridge.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the enabled flows' files against the org's describe bodies before anything runs: every CRM field a CRM -> ERP
 * flow reads (its object, children and look-ups) must exist; its write-back field must be updateable; what an ERP ->
 * CRM flow's mapping writes, as its recorded cases show it ({@code recordings/FLOW/CASE/expected/crm-writes.json},
 * which {@code replay} keeps equal to the mapping's output), must exist, be createable and updateable as written and
 * fit the field's length. Each problem names the route or mapping file, the object, the field and why.
 */
final class CrmSchemaCheck {
    private static final Pattern FIELDS_OF = Pattern.compile("object=(\\w+)&.*?fields=([\\w.,]+)");
    private static final Pattern CREATE_ONLY = Pattern.compile("\"createOnly\"\\s*:\\s*\\[([^\\]]*)]");
    private static final Pattern MAPPING = Pattern.compile("(?m)^\\s*mapping:\\s*(\\S+)\\s*$");

    private final CrmDescriber crm;
    private final Path mappings;
    private final Path recordings;
    private final List<String> notes = new ArrayList<>();

    /** {@code recordings}: null checks only what the routes read and write back. */
    CrmSchemaCheck(CrmDescriber crm, Path mappings, Path recordings) {
        this.crm = crm;
        this.mappings = mappings;
        this.recordings = recordings;
    }

    /**
     * The check `validate` and the start of `run` make once the CRM answered its token request: problems as
     * {@link ConnectionCheck.Problem}s (exit 1: the org refuses what the files say), notes printed as they are.
     */
    static List<ConnectionCheck.Problem> against(io.cebridge.config.BridgeConfig cfg, Path mappings, Path recordings,
                                                 java.util.function.Consumer<String> note) {
        if (cfg.get(io.cebridge.config.BridgeKeys.SF_CLIENT_ID).isBlank() || cfg.enabledFlows().isEmpty()) {
            return List.of();
        }
        CrmSchemaCheck check = new CrmSchemaCheck(io.cebridge.runtime.BridgeRuntime.crmClient(cfg,
                ConnectionCheck.TIMEOUT), mappings, recordings);
        List<ConnectionCheck.Problem> out = new ArrayList<>();
        try {
            check.check(cfg.catalog(), cfg.enabledFlows())
                    .forEach(p -> out.add(new ConnectionCheck.Problem("the org's schema", p, false)));
        } catch (RuntimeException e) {
            out.add(new ConnectionCheck.Problem(io.cebridge.config.BridgeKeys.SF_LOGIN_URL.name(),
                    "describing the CRM's objects failed: " + StartFailure.describe(e), false));
        }
        check.notes().forEach(note);
        return out;
    }

    /** What was not checked and why (a flow without recorded cases), for the user to read, not a failure. */
    List<String> notes() {
        return notes;
    }

    List<String> check(FlowCatalog catalog, List<String> enabledFlows) {
        Set<String> problems = new LinkedHashSet<>();
        WriteDescribeCheck writes = new WriteDescribeCheck(crm::describe);
        for (FlowCatalog.Flow flow : catalog.flows()) {
            if (!enabledFlows.contains(flow.name())) {
                continue;
            }
            Map<String, String> p = flow.parameters();
            String route = "routes/" + Path.of(flow.file()).getFileName();
            if (p.containsKey("object") && p.containsKey("fields")) {
                problems.addAll(reads(route, p));
            }
            if (p.containsKey("writeBackField") && p.containsKey("object")) {
                problems.addAll(writes.check(route, writeBacks(p)));
            }
            if (p.containsKey("documents") && recordings != null) {
                problems.addAll(recorded(flow.name(), p.get("documents"), writes));
            }
        }
        return new ArrayList<>(problems);
    }

    /** The object's fields and every {@code object=X&..fields=a,b} parameter (children, look-ups) must exist. */
    private List<String> reads(String route, Map<String, String> p) {
        Map<String, List<String>> byObject = new LinkedHashMap<>();
        byObject.computeIfAbsent(p.get("object"), k -> new ArrayList<>()).addAll(csv(p.get("fields")));
        for (String value : p.values()) {
            Matcher m = FIELDS_OF.matcher(value.replaceAll("\\s+", ""));
            while (m.find()) {
                byObject.computeIfAbsent(m.group(1), k -> new ArrayList<>()).addAll(csv(m.group(2)));
            }
        }
        List<String> problems = new ArrayList<>();
        byObject.forEach((object, fields) -> {
            Optional<Map<String, Object>> body = crm.describe(object);
            if (body.isEmpty()) {
                problems.add(route + ": " + object + ": the org has no such sObject");
                return;
            }
            Set<String> names = new java.util.HashSet<>();
            Set<String> relationships = new java.util.HashSet<>();
            for (Object o : (List<?>) body.get().getOrDefault("fields", List.of())) {
                Map<?, ?> f = (Map<?, ?>) o;
                names.add(String.valueOf(f.get("name")).toLowerCase(Locale.ROOT));
                relationships.add(String.valueOf(f.get("relationshipName")).toLowerCase(Locale.ROOT));
            }
            for (String field : fields) {
                int dot = field.indexOf('.');
                boolean known = dot < 0 ? names.contains(field.toLowerCase(Locale.ROOT))
                        : relationships.contains(field.substring(0, dot).toLowerCase(Locale.ROOT));
                if (!known) {
                    problems.add(route + ": " + object + "." + field + ": read by the flow, but no such field in the"
                            + " org");
                }
            }
        });
        return problems;
    }

    /** The ERP's number goes back by Id to the flow's object and to {@code alsoObject}, when named. */
    private static List<CrmWrite> writeBacks(Map<String, String> p) {
        List<CrmWrite> out = new ArrayList<>();
        Map<String, Object> record = Map.of("Id", "", p.get("writeBackField"), "");
        out.add(new CrmWrite(p.get("object"), CrmWrite.UPDATE, null, List.of(record)));
        for (String kv : p.getOrDefault("alsoWriteBack", "").split("&")) {
            if (kv.startsWith("alsoObject=") && kv.length() > "alsoObject=".length()) {
                out.add(new CrmWrite(kv.substring("alsoObject=".length()), CrmWrite.UPDATE, null, List.of(record)));
            }
        }
        return out;
    }

    /** The writes the flow's recorded cases show, with the createOnly fields its mappings name. */
    private List<String> recorded(String flow, String documents, WriteDescribeCheck check) {
        List<Path> files = expectedWrites(flow);
        if (files.isEmpty()) {
            notes.add("CRM fields of flow " + flow + " not checked before running (no recorded case in "
                    + recordings.resolve(flow) + "); each document is checked when it is written");
            return List.of();
        }
        List<String> mappingFiles = mappingFiles(documents);
        List<String> createOnly = createOnly(mappingFiles);
        String label = mappingFiles.isEmpty() ? "mappings/" + documents : String.join(" or ", mappingFiles.stream()
                .map(f -> "mappings/" + f).toList());
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                List<CrmWrite> writes = new ArrayList<>();
                for (JsonNode w : Json.MAPPER.readTree(file.toFile())) {
                    String op = w.path("operation").asText();
                    Map<String, Object> record = Json.MAPPER.convertValue(w.path("record"), Map.class);
                    // a recorded create is checked as a create only: every field it sends is sent on create
                    List<String> onCreateOnly = op.equals("create") ? List.copyOf(record.keySet())
                            : op.equals("upsert") ? createOnly : List.of();
                    writes.add(new CrmWrite(w.path("sobject").asText(), op.equals("update") ? CrmWrite.UPDATE
                            : CrmWrite.UPSERT, w.path("externalId").asText(null), List.of(record), List.of(),
                            onCreateOnly, false));
                }
                problems.addAll(check.check(label, writes));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }

    private List<Path> expectedWrites(String flow) {
        Path dir = recordings.resolve(flow);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(f -> f.endsWith(Path.of("expected", "crm-writes.json"))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The mapping files a documents.yaml names, relative to the mappings directory. */
    private List<String> mappingFiles(String documents) {
        Path file = mappings.resolve(documents);
        List<String> out = new ArrayList<>();
        try {
            Matcher m = MAPPING.matcher(Files.readString(file));
            Path dir = Path.of(documents).getParent();
            while (m.find()) {
                out.add(dir == null ? m.group(1) : dir.resolve(m.group(1)).toString());
            }
        } catch (IOException e) {
            // the mapping check reports a missing documents file
        }
        return out.stream().distinct().toList();
    }

    private List<String> createOnly(List<String> mappingFiles) {
        List<String> out = new ArrayList<>();
        for (String f : mappingFiles) {
            try {
                Matcher m = CREATE_ONLY.matcher(Files.readString(mappings.resolve(f)));
                while (m.find()) {
                    for (String name : m.group(1).split(",")) {
                        out.add(name.strip().replace("\"", ""));
                    }
                }
            } catch (IOException e) {
                // reported by the mapping check
            }
        }
        return out;
    }

    private static List<String> csv(String s) {
        return java.util.Arrays.stream(s.replaceAll("\\s+", "").split(",")).filter(x -> !x.isEmpty()).toList();
    }
}
