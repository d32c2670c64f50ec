package io.cebridge.demo.yonbip;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoObjectStore;
import io.cebridge.demo.DemoStandInErp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * `demo --erp yonbip`: the YonBIP stand-in with what customer-master needs there, the managing organisation (管理组织)
 * ORG01 of the customer archive, and a self-built app whose key and secret are new on every run. The archive starts
 * empty: every demo CRM account YonBIP accepts becomes a merchant, its code written back.
 */
public final class YonbipDemo implements DemoStandInErp {
    public static final String ORG = "ORG01";
    private final YonbipStandIn yonbip;
    private final String secret;

    private YonbipDemo(YonbipStandIn yonbip, String secret) {
        this.yonbip = yonbip;
        this.secret = secret;
    }

    /** Starts the stand-in on a free port: organisation ORG01, codes up to 50 characters, names up to 200. */
    public static YonbipDemo start() throws IOException {
        String secret = UUID.randomUUID().toString();
        String appKey = "ce-bridge-demo-" + UUID.randomUUID().toString().substring(0, 8);
        return new YonbipDemo(new YonbipStandIn(appKey, secret, Set.of(ORG), 50, 200).start(0), secret);
    }

    /** The stand-in itself (the tests look at what ce-bridge saved into it). */
    public YonbipStandIn standIn() {
        return yonbip;
    }

    /** This run's app secret, which only the settings carry (the tests check no output shows it). */
    public String appSecret() {
        return secret;
    }

    @Override
    public Map<String, String> settings() {
        return yonbip.bridgeSettings(secret);
    }

    @Override
    public String describe() {
        return "YonBIP stand-in (用友 YonBIP OpenAPI) at " + yonbip.url() + ": managing organisation " + ORG
                + ", customer archive (merchant) empty";
    }

    @Override
    public List<String> outcome(DemoAccountStore accounts, DemoObjectStore objects) {
        List<String> lines = new ArrayList<>();
        long numbered = accounts.all().stream().filter(a -> a.get("ERP_Customer_No__c") != null).count();
        lines.add("demo CRM: " + numbered + " of " + accounts.size() + " accounts carry their YonBIP merchant code"
                + " (in ERP_Customer_No__c)");
        List<Map<String, Object>> merchants = yonbip.merchants();
        lines.add("YonBIP stand-in: " + merchants.size() + " merchants of organisation " + ORG + "; a few of them:");
        merchants.stream().limit(6).forEach(m -> lines.add(String.format(Locale.ROOT, "  %-20s %s", m.get("code"),
                name(m.get("name")))));
        return lines;
    }

    private static String name(Object multilingual) {
        String s = String.valueOf(multilingual instanceof Map<?, ?> m ? m.get("zh_CN") : multilingual);
        return s.length() <= 20 ? s : s.substring(0, 19) + "…";
    }

    @Override
    public void close() {
        yonbip.close();
    }
}
