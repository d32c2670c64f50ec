package io.cebridge.cleanse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void collapseWhitespaceTrimsAndCollapsesAllKindsOfSpace() {
        assertThat(TextNormalizer.collapseWhitespace("  Acme\t\tGmbH \n")).isEqualTo("Acme GmbH");
        assertThat(TextNormalizer.collapseWhitespace("\u3000小米科技\u3000\u3000有限责任公司\u3000")).isEqualTo("小米科技 有限责任公司");
        assertThat(TextNormalizer.collapseWhitespace("Foo\u00A0\u00A0Bar\r\nBaz")).isEqualTo("Foo Bar Baz");
        assertThat(TextNormalizer.collapseWhitespace("a\u202Fb\u2007c")).isEqualTo("a b c");
    }

    @Test
    void collapseWhitespaceHandlesNullEmptyAndBlank() {
        assertThat(TextNormalizer.collapseWhitespace(null)).isNull();
        assertThat(TextNormalizer.collapseWhitespace("")).isEmpty();
        assertThat(TextNormalizer.collapseWhitespace(" \t\u3000\u00A0")).isEmpty();
    }

    @Test
    void collapseWhitespaceLeavesFullWidthPunctuationAlone() {
        assertThat(TextNormalizer.collapseWhitespace("阿里巴巴（中国）有限公司")).isEqualTo("阿里巴巴（中国）有限公司");
    }

    @Test
    void toHalfWidthConvertsFullWidthAsciiAndIdeographicSpace() {
        assertThat(TextNormalizer.toHalfWidth("９１１１０１０８ＡＢｃ！～")).isEqualTo("91110108ABc!~");
        assertThat(TextNormalizer.toHalfWidth("１３８\u3000００１３")).isEqualTo("138 0013");
    }

    @Test
    void toHalfWidthLeavesEverythingElseUnchanged() {
        assertThat(TextNormalizer.toHalfWidth(null)).isNull();
        assertThat(TextNormalizer.toHalfWidth("小米 abc 123 \u00A0 ￥ ｡")).isEqualTo("小米 abc 123 \u00A0 ￥ ｡");
    }
}
