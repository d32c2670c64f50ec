package io.cebridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountQueryBinderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:15:30.000Z"));
    private final DemoAccountStore store = DemoAccountStore.empty(clock);

    @BeforeEach
    void accounts() {
        store.create(Map.of("Name", "beta", "BillingCountry", "Germany"));
        clock.advance(Duration.ofMillis(1));
        store.create(Map.of("Name", "Alpha", "BillingCountry", "France", "USCC__c", "it's"));
        clock.advance(Duration.ofSeconds(1));
        store.create(Map.of("Name", "gamma"));
    }

    private List<Object> names(String soql) {
        return AccountQueryBinder.bind(soql).execute(store).stream().map(r -> (Object) r.get(AccountFields.NAME_INDEX)).toList();
    }

    @Test
    void keywordsAndFieldNamesIgnoreCase() {
        AccountQuery query = AccountQueryBinder.bind("select id, NAME from account order by name limit 2");

        assertThat(query.fields()).extracting(AccountFields.Field::name).containsExactly("Id", "Name");
        assertThat(names("select id, NAME from account order by name limit 2")).containsExactly("Alpha", "beta");
    }

    @Test
    void whereFiltersOnDatetimeLiteralsInEveryAcceptedSpelling() {
        assertThat(names("SELECT Name FROM Account WHERE SystemModstamp > 2026-11-23T10:15:30Z"))
                .containsExactly("Alpha", "gamma");
        assertThat(names("SELECT Name FROM Account WHERE SystemModstamp >= 2026-11-23T10:15:30.001+0000"))
                .containsExactly("Alpha", "gamma");
        assertThat(names("SELECT Name FROM Account WHERE SystemModstamp < 2026-11-23T11:15:31+01:00"))
                .containsExactly("beta", "Alpha");
        assertThat(names("SELECT Name FROM Account WHERE CreatedDate = 2026-11-23T10:15:30.000Z"))
                .containsExactly("beta");
    }

    @Test
    void stringComparisonIsCaseInsensitiveAndNullAware() {
        assertThat(names("SELECT Name FROM Account WHERE Name = 'BETA'")).containsExactly("beta");
        assertThat(names("SELECT Name FROM Account WHERE BillingCountry = null")).containsExactly("gamma");
        assertThat(names("SELECT Name FROM Account WHERE BillingCountry != 'germany'"))
                .containsExactly("Alpha", "gamma");
        assertThat(names("SELECT Name FROM Account WHERE USCC__c = 'it\\'s' AND Name != null"))
                .containsExactly("Alpha");
    }

    @Test
    void orderByDescendingAndMultipleKeys() {
        assertThat(names("SELECT Name FROM Account ORDER BY SystemModstamp DESC, Name ASC"))
                .containsExactly("gamma", "Alpha", "beta");
        assertThat(names("SELECT Name FROM Account ORDER BY BillingCountry NULLS LAST"))
                .containsExactly("Alpha", "beta", "gamma");
        assertThat(names("SELECT Name FROM Account ORDER BY BillingCountry"))
                .containsExactly("gamma", "Alpha", "beta");
    }

    @Test
    void modstampOrderUsesTheIndexAndStartsAtTheLowerBound() {
        AccountQuery query = AccountQueryBinder.bind("SELECT Id FROM Account WHERE SystemModstamp >= "
                + "2026-11-23T10:15:30.001Z AND SystemModstamp > 2026-11-23T10:15:29Z ORDER BY SystemModstamp, Id");

        assertThat(query.modstampOrder()).isTrue();
        assertThat(query.modstampFrom()).isEqualTo("2026-11-23T10:15:30.001+0000");
        assertThat(query.execute(store)).hasSize(2);
        assertThat(names("SELECT Name FROM Account ORDER BY SystemModstamp LIMIT 1")).containsExactly("beta");
    }

    @Test
    void unknownFieldIsInvalidFieldWithCaretAtTheColumn() {
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id, Foo__c FROM Account"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).startsWith("\nSELECT Id, Foo__c FROM Account\n           ^\n"
                            + "ERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'.");
                });
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id FROM Account WHERE Bar = 'x'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id FROM Account ORDER BY Owner.Name"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
    }

    @Test
    void literalOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> AccountQueryBinder.bind(
                "SELECT Id FROM Account WHERE SystemModstamp > '2026-11-23T10:15:30Z'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).contains("must be of type dateTime");
                });
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id FROM Account WHERE Name = 5"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id FROM Account WHERE Id = 'abc'"))
                .isInstanceOfSatisfying(SoqlException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR"));
    }

    @Test
    void unsupportedSyntaxIsMalformedQuery() {
        for (String soql : List.of(
                "SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b'",
                "SELECT COUNT() FROM Account",
                "SELECT Id FROM Account WHERE Name LIKE 'a%'",
                "SELECT Id FROM Account LIMIT",
                "SELECT Id, FROM Account",
                "SELECT Id FROM Account WHERE Name = 'unterminated",
                "SELECT Id FROM Account OFFSET 10",
                "SELECT Id, Id FROM Account",
                "DELETE FROM Account")) {
            assertThatThrownBy(() -> AccountQueryBinder.bind(soql)).as(soql)
                    .isInstanceOfSatisfying(SoqlException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
        }
    }

    @Test
    void otherEntitiesAreInvalidType() {
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id FROM Contact"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
    }

    @Test
    void caretPointsIntoTheRightLineOfMultiLineQueries() {
        assertThatThrownBy(() -> AccountQueryBinder.bind("SELECT Id\nFROM Account\nWHERE Nope = 'x'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.getMessage())
                        .startsWith("\nWHERE Nope = 'x'\n      ^\nERROR at Row:3:Column:7\n"));
    }
}
