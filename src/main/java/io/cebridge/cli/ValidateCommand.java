package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import io.cebridge.config.BridgeKeys;
import io.cebridge.config.ConfigException;
import io.cebridge.mapping.MappingRegistry;
import io.cebridge.runtime.BundledFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * `validate`: loads configuration, route files and mappings and tries every configured system once (a few seconds
 * each) without starting anything; names every broken file, every system's own refusal and the key to fix.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check configuration, routes and mappings, and connect once to every configured system (ERP,"
                + " state store, CRM token endpoint, external Kafka) without starting pollers; exit 1 naming each"
                + " problem and the key to fix.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @picocli.CommandLine.Option(names = "--recordings", defaultValue = "recordings",
            description = "Recorded cases whose expected CRM writes show what each ERP -> CRM flow's mapping writes,"
                    + " checked against the org's describe (default: ${DEFAULT-VALUE}).")
    Path recordings;

    @Override
    public Integer call() {
        List<String> problems = new ArrayList<>();
        BridgeConfig cfg = null;
        try {
            cfg = config.load(Map.of());
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add("config: " + p));
        }
        // with broken configuration, still check the files it names
        Path routes = Path.of(cfg != null ? cfg.get(BridgeKeys.ROUTES_DIR) : rawOrDefault(BridgeKeys.ROUTES_DIR.name(),
                BridgeKeys.ROUTES_DIR.defaultValue()));
        Path mappings = Path.of(cfg != null ? cfg.get(BridgeKeys.MAPPINGS_DIR) : rawOrDefault(BridgeKeys.MAPPINGS_DIR.name(),
                BridgeKeys.MAPPINGS_DIR.defaultValue()));
        problems.addAll(checkRoutes(routes, cfg));
        if (!Files.isDirectory(mappings)) {
            Path data = cfg != null ? cfg.dataDir() : Path.of(BridgeKeys.DATA_DIR.defaultValue()).toAbsolutePath();
            mappings = BundledFiles.extract("bundled/mappings", data.resolve("bundled").resolve("mappings"));
        }
        MappingRegistry.check(mappings).forEach(p -> problems.add("mapping: " + p));
        if (cfg != null) {
            List<ConnectionCheck.Problem> unreachable = ConnectionCheck.check(cfg);
            unreachable.forEach(p -> problems.add("config: " + p));
            boolean crmAnswers = unreachable.stream().noneMatch(p -> p.key().startsWith("bridge.crm."));
            if (crmAnswers) {
                CrmSchemaCheck.against(cfg, mappings, recordings, n -> System.out.println("note: " + n))
                        .forEach(p -> problems.add("crm: " + p.reason()));
            }
            boolean erpAnswers = unreachable.stream().noneMatch(p -> p.key().equals(BridgeKeys.ERP_URL.name()));
            if (erpAnswers && !cfg.get(BridgeKeys.ERP_URL).isBlank()) {
                problems.addAll(checkErpColumns(cfg, mappings));
            }
        }
        if (problems.isEmpty()) {
            System.out.println("valid: configuration, routes in " + routes.toAbsolutePath() + ", mappings in "
                    + mappings.toAbsolutePath());
            return 0;
        }
        problems.forEach(p -> System.err.println("INVALID " + p));
        return 1;
    }

    private String rawOrDefault(String key, String def) {
        Path file = config.dir().resolve("application.properties");
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.io.IOException e) {
            return def;
        }
        return p.getProperty(key, def).trim();
    }

    /**
     * With a reachable ERP: every key of the outbound mapping's object must be a column of the target table. An ERP
     * that cannot be reached is reported, not counted as a problem (validate also runs where the ERP is not reachable).
     */
    static List<String> checkErpColumns(io.cebridge.config.BridgeConfig cfg, Path mappings) {
        List<String> problems = new ArrayList<>();
        List<io.cebridge.config.ErpTarget> targets = cfg.catalog().flows().stream()
                .flatMap(f -> io.cebridge.config.ErpTarget.of(f).stream()).toList();
        if (targets.isEmpty()) {
            return problems;
        }
        try (com.zaxxer.hikari.HikariDataSource ds = io.cebridge.store.Pools.open("validate-erp", cfg.get(BridgeKeys.ERP_URL),
                cfg.get(BridgeKeys.ERP_USER), cfg.secret(BridgeKeys.ERP_PASSWORD), 1);
             java.sql.Connection c = ds.getConnection()) {
            for (io.cebridge.config.ErpTarget target : targets) {
            Path outbound = mappings.resolve(target.outboundMapping());
            if (!Files.isRegularFile(outbound)) {
                continue;
            }
            io.cebridge.connector.erp.jdbc.ErpTable table;
            try {
                table = io.cebridge.connector.erp.jdbc.ErpTable.describe(c, target.table());
            } catch (java.sql.SQLException e) {
                problems.add("route: flow " + target.flow() + ": ERP table " + target.table() + ": " + e.getMessage());
                continue;
            }
            // a document's line rows sit under "lines" (columns of the line table), a record's rows under "rows"
            io.cebridge.connector.erp.jdbc.ErpTable lineTable = null;
            if (target.lines() != null) {
                try {
                    lineTable = io.cebridge.connector.erp.jdbc.ErpTable.describe(c, target.lines().table());
                } catch (java.sql.SQLException e) {
                    problems.add("route: flow " + target.flow() + ": ERP line table " + target.lines().table() + ": "
                            + e.getMessage());
                    continue;
                }
            }
            String container = lineTable != null ? "lines" : cfg.catalog().flow(target.flow())
                    .map(f -> f.parameters().getOrDefault("lines", "")).filter(l -> l.matches("linesOf=\\S+"))
                    .map(l -> "rows").orElse(null);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)\"\\s*:")
                    .matcher(Files.readString(outbound));
            while (m.find()) {
                boolean lineColumn = lineTable != null && lineTable.column(m.group(1)).isPresent();
                if (table.column(m.group(1)).isEmpty() && !lineColumn && !m.group(1).equals(container)) {
                    problems.add("mapping: " + outbound + ": column '" + m.group(1) + "' does not exist in ERP table "
                            + table.name() + (lineTable == null ? "" : " nor in its line table " + lineTable.name()));
                }
            }
            }
        } catch (Exception e) {
            System.out.println("note: ERP not checked (" + io.cebridge.error.Redactor.forLog(String.valueOf(e.getMessage()))
                    + ")");
        }
        return problems;
    }

    /** Parses every route file with Camel's YAML DSL (syntax, unknown keys, line numbers) without starting routes. */
    static List<String> checkRoutes(Path dir) {
        return checkRoutes(dir, null);
    }

    /** With configuration, also creates every crm:, erp: and step: endpoint, checking its options. */
    static List<String> checkRoutes(Path dir, BridgeConfig cfg) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return problems; // the bundled routes are used; they are checked by the build
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (java.io.IOException e) {
            problems.add("route: " + dir + ": cannot be listed: " + e.getMessage());
            return problems;
        }
        // one context for all files: a flow file instantiates templates another file defines
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            ctx.getRegistry().bind("crm", new io.cebridge.component.CrmComponent());
            ctx.getRegistry().bind("erp", new io.cebridge.component.ErpComponent());
            ctx.getRegistry().bind("step", new io.cebridge.component.StepComponent());
            ctx.build();
            // templates first: a flow file instantiates templates another file defines
            List<Path> ordered = new ArrayList<>(files);
            ordered.sort(java.util.Comparator.comparing(f -> !defines(f, "routeTemplate:")));
            for (Path f : ordered) {
                try {
                    Resource r = ResourceHelper.resolveResource(ctx, "file:" + f.toAbsolutePath());
                    PluginHelper.getRoutesLoader(ctx).loadRoutes(r);
                } catch (Exception e) {
                    problems.add("route: " + f + ": " + rootMessage(e));
                }
            }
            unresolvedEndpoints(ctx).forEach(u -> problems.add("route: " + u.replaceFirst("^file:", "").replace(" | ",
                    ": no component for endpoint '") + "' (misspelt scheme, or a component that is not in this build)"));
            if (cfg != null) {
                java.util.Map<String, String> fileOfFlow = new java.util.HashMap<>();
                cfg.catalog().flows().forEach(f -> fileOfFlow.put(f.name(), f.file()));
                java.util.Properties props = cfg.placeholderProperties();
                io.cebridge.runtime.BridgeRuntime.derivedProperties(cfg, false).forEach(props::put);
                problems.addAll(EndpointCheck.check(ctx, fileOfFlow, props));
            }
        } catch (Exception e) {
            problems.add("route: " + dir + ": " + rootMessage(e));
        }
        return problems;
    }

    private static boolean defines(Path f, String text) {
        try {
            return Files.readString(f).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Endpoint URIs of the loaded routes whose scheme no component on the class path provides. */
    static List<String> unresolvedEndpoints(DefaultCamelContext ctx) {
        List<String> bad = new ArrayList<>();
        org.apache.camel.model.Model model = ctx.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.model.Model.class);
        for (org.apache.camel.model.RouteDefinition rd : model.getRouteDefinitions()) {
            List<String> uris = new ArrayList<>();
            String file = rd.getResource() == null ? "?" : rd.getResource().getLocation();
            uris.add(rd.getInput().getEndpointUri());
            org.apache.camel.model.ProcessorDefinitionHelper
                    .filterTypeInOutputs(rd.getOutputs(), org.apache.camel.model.SendDefinition.class)
                    .forEach(sd -> uris.add(((org.apache.camel.model.SendDefinition<?>) sd).getEndpointUri()));
            for (String uri : uris) {
                int colon = uri == null ? -1 : uri.indexOf(':');
                if (colon > 0 && !uri.startsWith("{{") && ctx.getComponent(uri.substring(0, colon)) == null) {
                    bad.add(file + " | " + uri);
                }
            }
        }
        return bad;
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage();
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                m = m + " / " + t.getMessage();
            }
        }
        return m;
    }
}
