package io.cebridge.demo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One immutable stored Account: its field values in {@link AccountFields} order.
 * A flat array keeps 200,000 records cheap to hold, scan and snapshot.
 */
final class AccountRow {

    private final String[] values;

    private AccountRow(String[] values) {
        this.values = values;
    }

    /** Wraps values laid out in {@link AccountFields} order; the array must not be changed afterwards. */
    static AccountRow of(String[] values) {
        if (values.length != AccountFields.count()) {
            throw new IllegalArgumentException("expected " + AccountFields.count() + " values");
        }
        return new AccountRow(values);
    }

    /** The value of the field at the index, or null. */
    String get(int index) {
        return values[index];
    }

    String id() {
        return values[AccountFields.ID_INDEX];
    }

    String systemModstamp() {
        return values[AccountFields.SYSTEM_MODSTAMP_INDEX];
    }

    /** A fresh, modifiable copy of the values to build a changed row from. */
    String[] copyValues() {
        return Arrays.copyOf(values, values.length);
    }

    /** The record as a modifiable field-name map in canonical order, nulls included. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (AccountFields.Field field : AccountFields.all()) {
            map.put(field.name(), values[field.index()]);
        }
        return map;
    }
}
