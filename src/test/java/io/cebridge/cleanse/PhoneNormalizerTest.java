package io.cebridge.cleanse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNormalizerTest {

    private final PhoneNormalizer cn = new PhoneNormalizer("CN");

    @Test
    void chineseMobileWithSpaces() {
        assertThat(cn.normalize("138 0013 8000", null))
                .isEqualTo(new PhoneResult("+8613800138000", true, "138 0013 8000"));
    }

    @Test
    void beijingLandlineInInternationalForm() {
        assertThat(cn.normalize("+86 10 6552 9988", null).e164()).isEqualTo("+861065529988");
        assertThat(cn.normalize("+86 10 6552 9988", null).valid()).isTrue();
    }

    @Test
    void fullWidthDigitsAreHalfWidthedFirst() {
        PhoneResult result = cn.normalize("１３８００１３８０００", null);
        assertThat(result.valid()).isTrue();
        assertThat(result.e164()).isEqualTo("+8613800138000");
        assertThat(result.original()).isEqualTo("１３８００１３８０００");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0086 138 0013 8000, +8613800138000",
            "8613800138000, +8613800138000",
            "+86-138-0013-8000, +8613800138000",
            "010-65529988, +861065529988",
            "(010) 6552 9988, +861065529988"
    })
    void commonChineseNotations(String raw, String e164) {
        assertThat(cn.normalize(raw, "中国").e164()).isEqualTo(e164);
    }

    @Test
    void northwindBerlinNumberWithGermanyHint() {
        PhoneResult result = cn.normalize("030-0074321", "Germany");
        assertThat(result.valid()).isTrue();
        assertThat(result.e164()).isEqualTo("+49300074321");
    }

    @Test
    void sameNorthwindNumberReadAsChineseIsInvalid() {
        assertThat(cn.normalize("030-0074321", null).valid()).isFalse();
    }

    @Test
    void northwindLondonNumberIsNotValidToday() {
        // 0171 was London's code until 2000 (now 020 7...); libphonenumber's current GB metadata rejects it.
        PhoneResult result = cn.normalize("(171) 555-1555", "UK");
        assertThat(result.valid()).isFalse();
        assertThat(result.e164()).isNull();
        assertThat(result.original()).isEqualTo("(171) 555-1555");
    }

    @Test
    void hintInChineseSelectsRegion() {
        assertThat(cn.normalize("030 1234567", "德国").e164()).isEqualTo("+49301234567");
    }

    @Test
    void internationalPrefixWinsOverHint() {
        assertThat(cn.normalize("+86 138 0013 8000", "Germany").e164()).isEqualTo("+8613800138000");
    }

    @Test
    void unresolvableHintFallsBackToDefaultRegion() {
        assertThat(cn.normalize("13800138000", "Atlantis").e164()).isEqualTo("+8613800138000");
        assertThat(cn.regionFor("Atlantis")).isEqualTo("CN");
        assertThat(cn.regionFor("USA")).isEqualTo("US");
    }

    @Test
    void garbageIsInvalid() {
        assertThat(cn.normalize("abc", null)).isEqualTo(new PhoneResult(null, false, "abc"));
        assertThat(cn.normalize("12345", null).valid()).isFalse();
    }

    @Test
    void nullAndBlankAreInvalid() {
        assertThat(cn.normalize(null, null)).isEqualTo(new PhoneResult(null, false, null));
        assertThat(cn.normalize(" \u3000", "CN").valid()).isFalse();
    }

    @Test
    void unknownDefaultRegionFailsFast() {
        assertThatThrownBy(() -> new PhoneNormalizer("XX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'XX'");
        assertThatThrownBy(() -> new PhoneNormalizer(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void keypadWordsAndExtensionsAreNotRewritten() {
        PhoneNormalizer n = new PhoneNormalizer("CN");
        org.assertj.core.api.Assertions.assertThat(n.normalize("1-800-FLOWERS", "USA").valid()).isFalse();
        org.assertj.core.api.Assertions.assertThat(n.normalize("+86 138 0013 8000 ext. 123", null).valid()).isFalse();
        org.assertj.core.api.Assertions.assertThat(n.normalize("+86 138 0013 8000", null).e164()).isEqualTo("+8613800138000");
    }
}
