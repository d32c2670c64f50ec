package io.cebridge.component;

import io.cebridge.cleanse.CleanseOptions;
import io.cebridge.cleanse.Cleanser;
import io.cebridge.cleanse.CustomerCleanser;
import io.cebridge.cleanse.FieldCleanser;
import java.util.List;
import java.util.Set;

/**
 * The rule sets {@code step:cleanse} can name. {@code rules=customer}: the customer rules (name, address, 统一社会信用代码,
 * phone, currency) with {@code usccRequired}, {@code phoneRegion}, {@code rejectInvalidPhone}. {@code rules=fields}:
 * rules named field by field: {@code text}, {@code email}, {@code phone} (lists of canonical fields), {@code regionField}
 * (the field holding the country phones are read in), {@code required}, {@code phoneRegion}, {@code rejectInvalidPhone}.
 * Public so `reconcile` cleanses a CRM record with the very rules its flow uses.
 */
public final class CleanseRules {
    public static final Set<String> OPTIONS = Set.of("flow", "rules", "usccRequired", "phoneRegion", "rejectInvalidPhone",
            "text", "email", "phone", "regionField", "required");

    private CleanseRules() {
    }

    public static Cleanser of(String rules, boolean usccRequired, String phoneRegion, boolean rejectInvalidPhone, String text,
                       String email, String phone, String regionField, String required) {
        String region = phoneRegion == null || phoneRegion.isBlank() ? "CN" : phoneRegion;
        return switch (rules == null ? "" : rules) {
            case "customer" -> new CustomerCleanser(new CleanseOptions(usccRequired, region, rejectInvalidPhone));
            case "fields" -> new FieldCleanser(new FieldCleanser.Rules(BridgeEndpoint.list(text), BridgeEndpoint.list(email),
                    BridgeEndpoint.list(phone), regionField == null || regionField.isBlank() ? null : regionField,
                    BridgeEndpoint.list(required), region, rejectInvalidPhone));
            case "none" -> null;
            default -> throw new IllegalArgumentException("step:cleanse: rules must be one of " + List.of("customer",
                    "fields", "none") + ", got '" + rules + "'");
        };
    }
}
