package io.cebridge.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The flows the route files declare, found without Java: a flow is every {@code templatedRoute} with a {@code flow}
 * parameter. Its configuration keys are the parameters of the templates it instantiates whose description starts
 * with {@code bridge.flows.<flow>.KEY:} (default: the flow file's value for KEY, else the template's), plus any
 * {@code {{bridge.flows.NAME.KEY:default}}} its own file names.
 */
public final class FlowCatalog {
    private static final String KEY_DOC = "bridge.flows.<flow>.";
    private static final Pattern FILE_KEY = Pattern.compile("\\{\\{bridge\\.flows\\.([a-z0-9-]+)\\.([a-z0-9-]+):([^}]*)}}");

    /** One flow: its name, the file declaring it, the templates it instantiates and the parameters it passes. */
    public record Flow(String name, String file, List<String> templates, Map<String, String> parameters,
                       List<ConfigKey<?>> keys) {
        public String key(String suffix) {
            return "bridge.flows." + name + "." + suffix;
        }
    }

    private record Template(String id, String file, Map<String, String> defaults, Map<String, String> keys) {
    }

    private final Map<String, Flow> flows;

    private FlowCatalog(Map<String, Flow> flows) {
        this.flows = flows;
    }

    public static FlowCatalog of(List<RouteFiles.RouteFile> files) {
        Map<String, Template> templates = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> instances = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        Map<String, Map<String, String>> fileKeys = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (RouteFiles.RouteFile f : files) {
            List<Map<String, Object>> items = items(f, problems);
            for (Map<String, Object> item : items) {
                if (item.get("routeTemplate") instanceof Map<?, ?> t) {
                    Template tpl = template(f, t);
                    templates.put(tpl.id(), tpl);
                }
                if (item.get("templatedRoute") instanceof Map<?, ?> tr) {
                    Map<String, String> params = parameters(tr.get("parameters"), "value");
                    String flow = params.get("flow");
                    if (flow == null) {
                        continue;
                    }
                    if (!flow.matches("[a-z0-9][a-z0-9-]*")) {
                        problems.add(f.name() + ": flow name '" + flow + "' must be lower-case letters, digits and -");
                        continue;
                    }
                    String other = fileOf.putIfAbsent(flow, f.name());
                    if (other != null && !other.equals(f.name())) {
                        problems.add(f.name() + ": flow '" + flow + "' is already declared in " + other);
                        continue;
                    }
                    Map<String, Object> inst = new LinkedHashMap<>();
                    inst.put("ref", String.valueOf(tr.get("routeTemplateRef")));
                    inst.put("params", params);
                    instances.computeIfAbsent(flow, k -> new ArrayList<>()).add(inst);
                }
            }
            Matcher m = FILE_KEY.matcher(f.text());
            while (m.find()) {
                fileKeys.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), m.group(3));
            }
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        instances.forEach((name, list) -> {
            List<String> refs = new ArrayList<>();
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, String> keyDefaults = new LinkedHashMap<>();
            Map<String, String> docs = new LinkedHashMap<>();
            for (Map<String, Object> inst : list) {
                String ref = (String) inst.get("ref");
                @SuppressWarnings("unchecked")
                Map<String, String> p = (Map<String, String>) inst.get("params");
                params.putAll(p);
                refs.add(ref);
                Template t = templates.get(ref);
                if (t == null) {
                    problems.add(fileOf.get(name) + ": flow '" + name + "' uses route template '" + ref
                            + "', which no route file defines");
                    continue;
                }
                for (String k : t.keys().keySet()) {
                    String def = p.containsKey(k) ? p.get(k) : t.defaults().get(k);
                    if (def == null) {
                                problems.add(t.file() + ": template '" + t.id() + "' declares configuration key " + k
                                + " without a default");
                    } else {
                        keyDefaults.putIfAbsent(k, def);
                        docs.putIfAbsent(k, t.keys().get(k));
                    }
                }
            }
            fileKeys.getOrDefault(name, Map.of()).forEach(keyDefaults::putIfAbsent);
            List<ConfigKey<?>> keys = new ArrayList<>();
            keyDefaults.forEach((k, def) -> keys.add(FlowKeyTypes.key("bridge.flows." + name + "." + k, def,
                    docs.getOrDefault(k, "Declared by " + fileOf.get(name) + "."))));
            flows.put(name, new Flow(name, fileOf.get(name), List.copyOf(refs), Map.copyOf(params), List.copyOf(keys)));
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new FlowCatalog(flows);
    }

    public static FlowCatalog load(String routesDir) {
        return of(RouteFiles.read(routesDir));
    }

    public List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    public java.util.Optional<Flow> flow(String name) {
        return java.util.Optional.ofNullable(flows.get(name));
    }

    public List<ConfigKey<?>> keys() {
        return flows.values().stream().flatMap(f -> f.keys().stream()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(RouteFiles.RouteFile f, List<String> problems) {
        try {
            Object doc = new Load(LoadSettings.builder().setLabel(f.name()).build()).loadFromString(f.text());
            if (!(doc instanceof List<?> list)) {
                return List.of();
            }
            List<Map<String, Object>> out = new ArrayList<>();
            list.forEach(i -> {
                if (i instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            });
            return out;
        } catch (RuntimeException e) {
            problems.add(f.name() + ": not valid YAML: " + e.getMessage());
            return List.of();
        }
    }

    private static Template template(RouteFiles.RouteFile f, Map<?, ?> t) {
        Map<String, String> defaults = parameters(t.get("parameters"), "defaultValue");
        Map<String, String> keys = new LinkedHashMap<>();
        parameters(t.get("parameters"), "description").forEach((name, doc) -> {
            if (doc != null && doc.startsWith(KEY_DOC + name + ":")) {
                keys.put(name, doc.substring(KEY_DOC.length() + name.length() + 1).strip());
            }
        });
        return new Template(String.valueOf(t.get("id")), f.name(), defaults, keys);
    }

    private static Map<String, String> parameters(Object list, String valueField) {
        Map<String, String> out = new LinkedHashMap<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> p && p.get("name") != null) {
                    Object v = p.get(valueField);
                    out.put(String.valueOf(p.get("name")), v == null ? null : String.valueOf(v));
                }
            }
        }
        return out;
    }
}
