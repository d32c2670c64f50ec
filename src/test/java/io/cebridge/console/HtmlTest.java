package io.cebridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values reach console pages escaped: markup in a record or a reason is shown as text, quotes cannot end an attribute. */
class HtmlTest {
    @Test
    void everyValueIsEscapedInTextAndAttributes() {
        assertThat(Html.text("<script>alert('x')</script> & \"q\"")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.text(null)).isEmpty();
        String page = new Html().el("td", null, "<img src=x onerror=alert(1)>").link("/console/trail?id=\"><b>", "<i>")
                .form("/console/x", "tok\"en", null).toString();
        assertThat(page).doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("value=\"tok&quot;en\"");
    }
}
