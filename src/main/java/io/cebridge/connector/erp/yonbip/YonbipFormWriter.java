package io.cebridge.connector.erp.yonbip;

import io.cebridge.connector.erp.ErpRecordWriter;
import io.cebridge.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes mapped models into YonBIP's customer archive (merchant) at most once. Every batch first finds its
 * merchants by the CRM id field (list): found and equal is unchanged, found and different is an Update of that
 * merchant (its id), not found is an Insert. Each save carries a resubmitCheckKey derived from the CRM id, the record
 * version and the saved body: a save YonBIP applied but answered after the timeout is sent again with the same key on
 * the retry, and YonBIP answers the first result instead of saving twice. YonBIP's refusal of one merchant fails only
 * its record, with YonBIP's code and message.
 */
public final class YonbipFormWriter implements ErpRecordWriter {
    private final YonbipForms forms;
    private final Target target;
    private final YonbipLookup lookup;

    /**
     * {@code entity}: what the archive is called in reasons ("merchant"); {@code crmIdField}: the merchant field holding
     * the CRM id (erpCode); {@code orgCode}: the managing organisation (createOrg_code) of new merchants.
     */
    public record Target(String entity, String crmIdField, String orgCode) {
    }

    public YonbipFormWriter(YonbipForms forms, Target target) {
        this.forms = forms;
        this.target = target;
        this.lookup = new YonbipLookup(forms, target.crmIdField());
    }

    @Override
    public List<Outcome> write(List<Input> records) {
        Map<String, YonbipLookup.Found> found = lookup.byCrmId(records.stream().map(Input::crmId).distinct().toList());
        List<Outcome> out = new ArrayList<>(records.size());
        for (Input in : records) {
            Map<String, Object> model = model(in);
            YonbipLookup.Found f = found.get(in.crmId());
            if (f != null && YonbipLookup.same(model, f.values())) {
                out.add(new Outcome(Outcome.Kind.UNCHANGED, f.code(), null));
            } else {
                out.add(save(in, model, f));
            }
        }
        return out;
    }

    /** The mapped merchant with the CRM id and, unless the mapping names one, the managing organisation. */
    private Map<String, Object> model(Input in) {
        Map<String, Object> m = new LinkedHashMap<>(in.document());
        m.put(target.crmIdField(), in.crmId());
        if (!m.containsKey("createOrg") && !target.orgCode().isBlank()) {
            m.putIfAbsent("createOrg_code", target.orgCode());
        }
        return m;
    }

    private Outcome save(Input in, Map<String, Object> model, YonbipLookup.Found f) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("_status", f == null ? "Insert" : "Update");
        if (f != null) {
            data.put("id", f.id());
        }
        data.putAll(model);
        data.put("resubmitCheckKey", resubmitCheckKey(in.crmId(), in.version(), data));
        YonbipStatus st = forms.save(data);
        String code = String.valueOf(model.getOrDefault("code", f == null ? "" : f.code()));
        if (!st.success()) {
            return Outcome.failed("YonBIP refused the " + target.entity() + (code.isBlank() ? "" : " " + code)
                    + " of CRM record " + in.crmId() + ": " + st.describe());
        }
        String saved = st.data() != null && st.data().path("code").isTextual() ? st.data().path("code").asText() : code;
        return new Outcome(f == null ? Outcome.Kind.CREATED : Outcome.Kind.UPDATED, saved, null);
    }

    /**
     * 32 hex characters (YonBIP allows at most 32), the same for every retry of one version of one record and
     * different for another version or another body (an edited dead letter is a new request).
     */
    static String resubmitCheckKey(String crmId, String version, Map<String, Object> data) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            String source = crmId + '\n' + (version == null ? "" : version) + '\n' + Json.write(data);
            return HexFormat.of().formatHex(md5.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }
}
