package io.cebridge.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Guards: a failure of the database's moment (a cancelled statement, a lock not got in time) dead-lettering records. */
class ErrorClassifierTest {
    @ParameterizedTest
    @CsvSource({
        "57014, canceling statement due to statement timeout, RETRIABLE",
        "55P03, canceling statement due to lock timeout, RETRIABLE",
        "40P01, deadlock detected, RETRIABLE",
        "08006, An I/O error occurred while sending to the backend, RETRIABLE",
        "HYT00, Timeout trying to lock table, RETRIABLE",
        "23505, duplicate key value violates unique constraint, PERMANENT_RECORD",
        "22001, value too long for type character varying(100), PERMANENT_RECORD",
        "42P01, relation \"erp_customer\" does not exist, SYSTEM",
        "28P01, password authentication failed, SYSTEM"
    })
    void sqlStatesAreClassifiedByWhatTheySayOfTheRecord(String state, String message, ErrorKind kind) {
        assertThat(ErrorClassifier.classify(new SQLException(message, state))).isEqualTo(kind);
    }
}
