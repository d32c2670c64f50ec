package io.cebridge.cleanse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsccValidatorTest {

    private static final String VECTORS = "/cleanse/uscc_test_vectors.csv";

    @ParameterizedTest(name = "{0} check_ok={1} expected={2}")
    @CsvFileSource(resources = VECTORS, numLinesToSkip = 1)
    void agreesWithEveryTestVector(String code, boolean checkOk, char expectedCheckChar) {
        assertThat(UsccValidator.expectedCheckChar(code.substring(0, 17))).isEqualTo(expectedCheckChar);
        assertThat(UsccValidator.check(code) == UsccStatus.VALID).isEqualTo(checkOk);
        assertThat(code.charAt(17) == expectedCheckChar).isEqualTo(checkOk);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = VECTORS, numLinesToSkip = 1)
    void failingVectorsAreKeptApartFromMalformedOnes(String code, boolean checkOk) {
        // Every vector except the standard's 'Z' counter-example is well-formed; 'Z' is outside the charset.
        UsccStatus expected = checkOk ? UsccStatus.VALID
                : code.endsWith("Z") ? UsccStatus.FORMAT_INVALID : UsccStatus.CHECK_FAILED;
        assertThat(UsccValidator.check(code)).isEqualTo(expected);
    }

    @Test
    void vectorFileHasAllFourteenRows() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(VECTORS)) {
            assertThat(in).isNotNull();
            long dataRows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .skip(1).filter(l -> !l.isBlank()).count();
            assertThat(dataRows).isEqualTo(14);
        }
    }

    @Test
    void standardWorkedExampleExpectsThree() {
        assertThat(UsccValidator.expectedCheckChar("91350100M000100Y4")).isEqualTo('3');
        assertThat(UsccValidator.check("91350100M000100Y43")).isEqualTo(UsccStatus.VALID);
        // 'Z' is not in the GB 32100 charset at all, so the counter-example fails the format before the check.
        assertThat(UsccValidator.check("91350100M000100Y4Z")).isEqualTo(UsccStatus.FORMAT_INVALID);
        assertThat(UsccValidator.formatProblem("91350100M000100Y4Z"))
                .isEqualTo("character 'Z' at position 18 is not allowed (GB 32100 charset excludes I, O, S, V, Z)");
    }

    @Test
    void fullWidthCodeNormalisesAndIsValid() {
        String normalized = UsccValidator.normalize("９１１１０１０８５５１３８５０８２Ｑ");
        assertThat(normalized).isEqualTo("91110108551385082Q");
        assertThat(UsccValidator.check(normalized)).isEqualTo(UsccStatus.VALID);
    }

    @Test
    void normalizeTrimsAndUpperCasesButKeepsInnerCharacters() {
        assertThat(UsccValidator.normalize("  9144030071526726xg\u3000")).isEqualTo("9144030071526726XG");
        assertThat(UsccValidator.check(UsccValidator.normalize("9144030071526726xg"))).isEqualTo(UsccStatus.VALID);
        assertThat(UsccValidator.normalize("9111 0108551385082Q")).isEqualTo("9111 0108551385082Q");
        assertThat(UsccValidator.normalize(null)).isNull();
    }

    @Test
    void lowerCaseIsFormatInvalidUntilNormalised() {
        assertThat(UsccValidator.check("9144030071526726xg")).isEqualTo(UsccStatus.FORMAT_INVALID);
    }

    @Test
    void seventeenCharactersIsFormatInvalid() {
        assertThat(UsccValidator.check("91110108551385082")).isEqualTo(UsccStatus.FORMAT_INVALID);
        assertThat(UsccValidator.formatProblem("91110108551385082")).isEqualTo("has 17 characters, needs 18");
        assertThat(UsccValidator.formatProblem("")).isEqualTo("has 0 characters, needs 18");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I", "O", "S", "V", "Z"})
    void excludedLettersAreFormatInvalid(String letter) {
        String code = "91110108551385" + letter + "82Q";
        assertThat(UsccValidator.check(code)).isEqualTo(UsccStatus.FORMAT_INVALID);
        assertThat(UsccValidator.formatProblem(code)).isEqualTo("character '" + letter
                + "' at position 15 is not allowed (GB 32100 charset excludes I, O, S, V, Z)");
    }

    @Test
    void letterOInRegionPartIsReportedAsExcluded() {
        assertThat(UsccValidator.formatProblem("9111O108551385082Q"))
                .isEqualTo("character 'O' at position 5 is not allowed (GB 32100 charset excludes I, O, S, V, Z)");
    }

    @Test
    void innerSpaceIsFormatInvalidAndNamed() {
        String code = "91110108 51385082Q";
        assertThat(UsccValidator.check(code)).isEqualTo(UsccStatus.FORMAT_INVALID);
        assertThat(UsccValidator.formatProblem(code)).startsWith("character ' ' (space) at position 9 is not allowed");
    }

    @Test
    void letterInRegionCodeIsFormatInvalid() {
        String code = "9111A108551385082Q";
        assertThat(UsccValidator.check(code)).isEqualTo(UsccStatus.FORMAT_INVALID);
        assertThat(UsccValidator.formatProblem(code)).contains("'A' at position 5").contains("must be digits");
    }

    @Test
    void punctuationOutsideRegionCodeIsFormatInvalid() {
        assertThat(UsccValidator.formatProblem("91110108-51385082Q")).contains("'-' at position 9");
    }

    @Test
    void nullIsFormatInvalid() {
        assertThat(UsccValidator.check(null)).isEqualTo(UsccStatus.FORMAT_INVALID);
        assertThat(UsccValidator.formatProblem(null)).isNotNull();
    }

    @Test
    void checkValueThirtyOneMapsToZero() {
        // All-zero prefix: weighted sum 0, so 31 - 0 = 31, which the standard maps to '0'.
        assertThat(UsccValidator.expectedCheckChar("00000000000000000")).isEqualTo('0');
        // 'Y' (30) at weight 1 gives sum 30: 31 - 30 = 1.
        assertThat(UsccValidator.expectedCheckChar("Y0000000000000000")).isEqualTo('1');
    }

    @Test
    void expectedCheckCharRejectsWrongInput() {
        assertThatThrownBy(() -> UsccValidator.expectedCheckChar("9111010855138508"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsccValidator.expectedCheckChar("91110108551385O82"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'O'");
    }
}
