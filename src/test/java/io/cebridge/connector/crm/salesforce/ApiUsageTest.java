package io.cebridge.connector.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiUsageTest {
    // verbatim from the Salesforce REST API Developer Guide (../shared/reference/crm/salesforce/docs-examples/headers_examples.txt)
    @Test
    void readsTheOrgWideUsageOfTheCurrentHeaderFormat() {
        ApiUsage usage = new ApiUsage();
        usage.observe("api-usage=10018/100000; api-bursts=1/750");
        assertThat(usage.remaining()).hasValue(89_982);
        assertThat(usage.limit()).hasValue(100_000);
    }

    @Test
    void readsTheOlderFormatAndIgnoresThePerAppUsage() {
        ApiUsage usage = new ApiUsage();
        usage.observe("api-usage=25/5000; per-app-api-usage=17/250(appName=sample-connected-app)");
        assertThat(usage.remaining()).hasValue(4_975);
        ApiUsage perAppOnly = new ApiUsage();
        perAppOnly.observe("per-app-api-usage=17/250(appName=sample-connected-app)");
        assertThat(perAppOnly.remaining()).isEmpty();
    }

    @Test
    void aMalformedValueChangesNothingAndOverUseIsZeroLeft() {
        ApiUsage usage = new ApiUsage();
        assertThat(usage.remaining()).isEmpty();
        usage.observe("api-usage=100/1000");
        usage.observe("api-usage=lots/1000");
        usage.observe("");
        assertThat(usage.remaining()).hasValue(900);
        usage.observe("api-usage=1200/1000"); // Salesforce lets an org go somewhat over its limit
        assertThat(usage.remaining()).hasValue(0);
    }
}
