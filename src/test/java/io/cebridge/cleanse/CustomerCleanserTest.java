package io.cebridge.cleanse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerCleanserTest {

    private final CustomerCleanser defaults = new CustomerCleanser(CleanseOptions.defaults());

    private static Map<String, Object> customer() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", "  建国路\u3000\u300088号  ");
        address.put("city", "北京市");
        address.put("state", null);
        address.put("postalCode", "１０００２２");
        address.put("country", "中国");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sourceId", "crm-42");
        c.put("name", "  小米科技\u00A0有限责任公司 ");
        c.put("uscc", "９１１１０１０８５５１３８５０８２Ｑ");
        c.put("phone", "138 0013 8000");
        c.put("currency", " cny ");
        c.put("address", address);
        c.put("sourceVersion", 7L);
        c.put("erpCustomerNo", null);
        return c;
    }

    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.replaceAll((k, v) -> v instanceof Map<?, ?> nested ? new LinkedHashMap<>(nested) : v);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> address(CleanseResult result) {
        return (Map<String, Object>) result.record().get("address");
    }

    @Test
    void controlCharactersAreUnicodesCategoryCcEveryOne() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(CustomerCleanser.isControl(c)).as("U+%04X", (int) c)
                    .isEqualTo(Character.getType(c) == Character.CONTROL);
        }
    }

    @Test
    void cleanRecordPassesWithNormalisedFields() {
        CleanseResult result = defaults.cleanse(customer());

        assertThat(result.rejected()).isFalse();
        assertThat(result.flags()).isEmpty();
        assertThat(result.record())
                .containsEntry("name", "小米科技 有限责任公司")
                .containsEntry("uscc", "91110108551385082Q")
                .containsEntry("usccCheck", "valid")
                .doesNotContainKey("usccExpectedCheckChar")
                .containsEntry("phone", "+8613800138000")
                .containsEntry("currency", "CNY");
        assertThat(address(result))
                .containsEntry("street", "建国路 88号")
                .containsEntry("postalCode", "100022")
                .containsEntry("country", "中国")
                .containsEntry("state", null);
    }

    @Test
    void otherKeysAreCopiedThroughAndOrderIsKept() {
        CleanseResult result = defaults.cleanse(customer());

        assertThat(result.record()).isInstanceOf(LinkedHashMap.class);
        assertThat(result.record().keySet()).startsWith(
                "sourceId", "name", "uscc", "phone", "currency", "address", "sourceVersion", "erpCustomerNo");
        assertThat(result.record()).contains(
                entry("sourceId", "crm-42"), entry("sourceVersion", 7L), entry("erpCustomerNo", null));
    }

    @Test
    void inputIsNotMutated() {
        Map<String, Object> input = customer();
        input.put("uscc", "91350211M00013FA1N");
        input.put("phone", "not a phone");
        Map<String, Object> before = deepCopy(input);

        CleanseResult result = defaults.cleanse(input);

        assertThat(input).isEqualTo(before);
        assertThat(result.record()).isNotSameAs(input);
        assertThat(result.record().get("address")).isNotSameAs(input.get("address"));
    }

    @Test
    void nameKeepsFullWidthBrackets() {
        Map<String, Object> input = customer();
        input.put("name", "阿里巴巴（中国）有限公司\n");

        assertThat(defaults.cleanse(input).record()).containsEntry("name", "阿里巴巴（中国）有限公司");
    }

    @Test
    void blankNameIsRejected() {
        Map<String, Object> input = customer();
        input.put("name", " \u3000\t");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isTrue();
        assertThat(result.rejections()).containsExactly(new Rejection("name", "NAME_REQUIRED",
                "Account name is empty; the ERP needs a customer name"));
    }

    @Test
    void missingNameIsRejected() {
        Map<String, Object> input = customer();
        input.remove("name");

        assertThat(defaults.cleanse(input).rejections()).extracting(Rejection::code).containsExactly("NAME_REQUIRED");
    }

    @Test
    void addressStringsAreCollapsedButNotHalfWidthed() {
        Map<String, Object> input = customer();
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) input.get("address");
        address.put("city", " 北京市\u3000朝阳区（ＣＢＤ） ");
        address.put("postalCode", " １０００ ２２ ");
        address.put("floor", 12);

        Map<String, Object> cleaned = address(defaults.cleanse(input));

        assertThat(cleaned).containsEntry("city", "北京市 朝阳区（ＣＢＤ）")
                .containsEntry("postalCode", "1000 22")
                .containsEntry("floor", 12);
    }

    @Test
    void lowerCaseUsccIsAccepted() {
        Map<String, Object> input = customer();
        input.put("uscc", " 9144030071526726xg ");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.record()).containsEntry("uscc", "9144030071526726XG").containsEntry("usccCheck", "valid");
    }

    @Test
    void blankUsccBecomesNullAndAbsent() {
        Map<String, Object> input = customer();
        input.put("uscc", "\u3000 ");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.record()).containsEntry("uscc", null).containsEntry("usccCheck", "absent");
    }

    @Test
    void missingUsccIsAbsentAndNoKeyIsInvented() {
        Map<String, Object> input = customer();
        input.remove("uscc");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.record()).doesNotContainKey("uscc").containsEntry("usccCheck", "absent");
    }

    @Test
    void requiredUsccMissingIsRejected() {
        CustomerCleanser strict = new CustomerCleanser(new CleanseOptions(true, "CN", false));
        Map<String, Object> input = customer();
        input.put("uscc", "");

        CleanseResult result = strict.cleanse(input);

        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("uscc");
            assertThat(r.code()).isEqualTo("USCC_REQUIRED");
            assertThat(r.message()).contains("uscc").contains("empty").contains("18-character");
        });
    }

    @Test
    void malformedUsccIsRejectedWithReason() {
        Map<String, Object> input = customer();
        input.put("uscc", "91110108551385082");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("uscc");
            assertThat(r.code()).isEqualTo("USCC_FORMAT");
            assertThat(r.message()).contains("'91110108551385082'").contains("has 17 characters, needs 18");
        });
        assertThat(result.record()).containsEntry("usccCheck", "format_invalid");
    }

    @Test
    void excludedLetterInUsccIsRejectedWithPosition() {
        Map<String, Object> input = customer();
        input.put("uscc", "9111010855138508IQ");

        assertThat(defaults.cleanse(input).rejections()).singleElement()
                .extracting(Rejection::message).asString()
                .contains("'9111010855138508IQ'")
                .contains("character 'I' at position 17 is not allowed");
    }

    @Test
    void checkFailedUsccIsFlaggedKeptAndNotRepaired() {
        Map<String, Object> input = customer();
        input.put("uscc", "91350211m00013fa1n");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.flags()).containsExactly("USCC_CHECK_FAILED");
        assertThat(result.record())
                .containsEntry("uscc", "91350211M00013FA1N")
                .containsEntry("usccCheck", "failed")
                .containsEntry("usccExpectedCheckChar", "3");
    }

    @Test
    void staleExpectedCheckCharIsDroppedOnceUsccIsFixed() {
        Map<String, Object> input = customer();
        input.put("uscc", "91350100M000100Y43");
        input.put("usccCheck", "failed");
        input.put("usccExpectedCheckChar", "3");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.record()).containsEntry("usccCheck", "valid").doesNotContainKey("usccExpectedCheckChar");
    }

    @Test
    void phoneIsParsedWithAddressCountryAsHint() {
        Map<String, Object> input = customer();
        input.put("phone", "030-0074321");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) input.get("address");
        address.put("country", " Germany ");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.flags()).isEmpty();
        assertThat(result.record()).containsEntry("phone", "+49300074321");
    }

    @Test
    void fullWidthPhoneIsNormalised() {
        Map<String, Object> input = customer();
        input.put("phone", "１３８\u3000００１３\u3000８０００");

        assertThat(defaults.cleanse(input).record()).containsEntry("phone", "+8613800138000");
    }

    @Test
    void phoneWithoutAddressUsesDefaultRegion() {
        Map<String, Object> input = customer();
        input.remove("address");
        input.put("phone", "010 6552 9988");

        assertThat(defaults.cleanse(input).record()).containsEntry("phone", "+861065529988");
    }

    @Test
    void invalidPhoneIsKeptAndFlaggedByDefault() {
        Map<String, Object> input = customer();
        input.put("phone", "  (171)\u00A0555-1555 ");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) input.get("address");
        address.put("country", "UK");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.flags()).containsExactly("PHONE_NOT_NORMALISED");
        assertThat(result.record()).containsEntry("phone", "(171) 555-1555");
    }

    @Test
    void invalidPhoneIsRejectedWhenConfigured() {
        CustomerCleanser strict = new CustomerCleanser(new CleanseOptions(false, "CN", true));
        Map<String, Object> input = customer();
        input.put("phone", "abc");

        CleanseResult result = strict.cleanse(input);

        assertThat(result.flags()).isEmpty();
        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("phone");
            assertThat(r.code()).isEqualTo("PHONE_INVALID");
            assertThat(r.message()).contains("'abc'").contains("CN").contains("+86");
        });
    }

    @Test
    void blankPhoneBecomesNullWithoutFlag() {
        Map<String, Object> input = customer();
        input.put("phone", " \u3000 ");

        CleanseResult result = new CustomerCleanser(new CleanseOptions(false, "CN", true)).cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.flags()).isEmpty();
        assertThat(result.record()).containsEntry("phone", null);
    }

    @Test
    void currencyIsHalfWidthedTrimmedAndUpperCased() {
        Map<String, Object> input = customer();
        input.put("currency", "\u3000ｕｓｄ ");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.record()).containsEntry("currency", "USD");
    }

    @Test
    void blankCurrencyBecomesNull() {
        Map<String, Object> input = customer();
        input.put("currency", "  ");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejected()).isFalse();
        assertThat(result.record()).containsEntry("currency", null);
    }

    @Test
    void unknownCurrencyIsRejectedWithHint() {
        Map<String, Object> input = customer();
        input.put("currency", "rmb");

        CleanseResult result = defaults.cleanse(input);

        assertThat(result.rejections()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("currency");
            assertThat(r.code()).isEqualTo("CURRENCY_INVALID");
            assertThat(r.message()).contains("'RMB'").contains("ISO 4217").contains("CNY");
        });
    }

    @Test
    void allRejectionsAreCollected() {
        CustomerCleanser strict = new CustomerCleanser(new CleanseOptions(false, "CN", true));
        Map<String, Object> input = customer();
        input.put("name", "");
        input.put("uscc", "91110108 51385082Q");
        input.put("phone", "abc");
        input.put("currency", "XYZ1");

        CleanseResult result = strict.cleanse(input);

        assertThat(result.rejections()).extracting(Rejection::code)
                .containsExactly("NAME_REQUIRED", "USCC_FORMAT", "PHONE_INVALID", "CURRENCY_INVALID");
    }

    @Test
    void cleansingIsIdempotent() {
        Map<String, Object> input = customer();
        input.put("uscc", "91350211M00013FA1N");
        input.put("phone", "(171) 555-1555");

        CleanseResult first = defaults.cleanse(input);
        CleanseResult second = defaults.cleanse(first.record());

        assertThat(second.record()).isEqualTo(first.record());
        assertThat(second.flags()).isEqualTo(first.flags());
    }

    @Test
    void nonStringValuesAreReadAsText() {
        Map<String, Object> input = new HashMap<>();
        input.put("name", "Acme");
        input.put("phone", 13800138000L);

        assertThat(defaults.cleanse(input).record()).containsEntry("phone", "+8613800138000");
    }

    @Test
    void resultListsAreImmutable() {
        CleanseResult result = defaults.cleanse(customer());

        assertThat(result.flags()).isUnmodifiable();
        assertThat(result.rejections()).isUnmodifiable();
    }

    @Test
    void defaultOptionsAreLenient() {
        assertThat(CleanseOptions.defaults()).isEqualTo(new CleanseOptions(false, "CN", false));
    }

    @Test
    void controlCharactersAndStructuredValuesAreRejectedNamingTheField() {
        Map<String, Object> in = new java.util.HashMap<>();
        in.put("name", "Null\u0000Byte Ltd");
        in.put("phone", Map.of("number", "138"));
        in.put("address", Map.of("city", "Bell\u0007City"));
        CleanseResult r = defaults.cleanse(in);
        org.assertj.core.api.Assertions.assertThat(r.rejections()).extracting(Rejection::field, Rejection::code)
                .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("name", "CONTROL_CHARACTER"),
                        org.assertj.core.api.Assertions.tuple("phone", "NOT_TEXT"),
                        org.assertj.core.api.Assertions.tuple("address.city", "CONTROL_CHARACTER"));
        org.assertj.core.api.Assertions.assertThat(r.rejections().get(0).message()).contains("U+0000").contains("position 5");
    }

    @Test
    void largeNumbersBecomeTheirExactText() {
        Map<String, Object> in = new java.util.HashMap<>();
        in.put("name", new java.math.BigDecimal("1E+3"));
        in.put("uscc", new java.math.BigInteger("913301007996550581"));
        CleanseResult r = defaults.cleanse(in);
        org.assertj.core.api.Assertions.assertThat(r.record()).containsEntry("name", "1000")
                .containsEntry("uscc", "913301007996550581");
    }
}
