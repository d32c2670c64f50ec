package io.cebridge.cleanse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CountryCodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Germany|DE", "germany|DE", "GERMANY|DE", "德国|DE", "德國|DE", "Deutschland|DE",
            "USA|US", "US|US", "U.S.A.|US", "United States|US", "United States of America|US", "美国|US",
            "UK|GB", "uk|GB", "Great Britain|GB", "United Kingdom|GB", "英国|GB",
            "China|CN", "中国|CN", "PRC|CN", "Mainland China|CN", "中国大陆|CN", "中华人民共和国|CN", "CN|CN", "CHN|CN",
            "香港|HK", "Hong Kong|HK", "Hong Kong SAR China|HK", "台湾|TW", "澳门|MO",
            "DEU|DE", "fra|FR", "France|FR", "Mexico|MX", "México|MX", "Norway  |NO", "Côte d'Ivoire|CI",
            "Cote d’Ivoire|CI", "South Korea|KR", "韩国|KR", "Russia|RU", "The Netherlands|NL", "Netherlands|NL",
            "Czech Republic|CZ", "Ｇｅｒｍａｎｙ|DE", "中国 大陆|CN"
    })
    void resolvesNamesAliasesAndCodes(String input, String expected) {
        assertThat(CountryCodes.isoAlpha2(input)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Atlantis", "XX", "ZZZ", "-"})
    void unknownInputIsEmpty(String input) {
        assertThat(CountryCodes.isoAlpha2(input)).isEmpty();
    }
}
