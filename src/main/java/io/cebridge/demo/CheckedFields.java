package io.cebridge.demo;

import java.util.List;
import java.util.Map;

/** A record's fields in stored form (relationships resolved to ids), or the save errors that refuse it. */
record CheckedFields(Map<String, Object> values, List<Map<String, Object>> errors) {
    boolean ok() {
        return errors.isEmpty();
    }
}
