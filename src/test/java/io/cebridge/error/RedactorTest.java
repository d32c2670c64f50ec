package io.cebridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void driverTextLosesItsDataValues() {
        String pg = "ERROR: duplicate key value violates unique constraint \"erp_customer_uscc\"\n"
                + "  Detail: Key (uscc)=(914403001922038216) already exists.";
        assertThat(Redactor.forLog(pg)).doesNotContain("914403001922038216").contains("(uscc)=(***)");
        assertThat(Redactor.forLog("Value too long for column \"NAME\": 'Alfreds Futterkiste'"))
                .doesNotContain("Alfreds");
        assertThat(Redactor.forLog("phone +8613800138000 invalid")).doesNotContain("13800138000");
    }

    @Test
    void classificationBySqlState() {
        assertThat(ErrorClassifier.classify(new java.sql.SQLException("x", "08006"))).isEqualTo(ErrorKind.RETRIABLE);
        assertThat(ErrorClassifier.classify(new java.sql.SQLException("x", "40P01"))).isEqualTo(ErrorKind.RETRIABLE);
        assertThat(ErrorClassifier.classify(new java.sql.SQLException("x", "28P01"))).isEqualTo(ErrorKind.SYSTEM);
        assertThat(ErrorClassifier.classify(new java.sql.SQLException("x", "23505"))).isEqualTo(ErrorKind.PERMANENT_RECORD);
        assertThat(ErrorClassifier.classify(new java.sql.SQLTransientConnectionException("pool: connection not available",
                "08001", new java.sql.SQLException("Access denied", "28000")))).isEqualTo(ErrorKind.SYSTEM);
        assertThat(ErrorClassifier.classifyHttp(429)).isEqualTo(ErrorKind.RETRIABLE);
        assertThat(ErrorClassifier.classifyHttp(400)).isEqualTo(ErrorKind.PERMANENT_RECORD);
    }
}
