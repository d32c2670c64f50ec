package io.cebridge.demo;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The validated intent for one record of a collection request, applied only once every record is planned, so an
 * all-or-none failure needs no undo.
 *
 * @param id the record's id when known before applying (updates), else null
 * @param errors save errors; empty when the write may go ahead
 * @param apply performs the write and returns the record's id
 * @param created for upserts, whether applying inserts; null for plain updates and creates, whose results carry no
 *                "created" flag
 */
record PlannedWrite(String id, List<Map<String, Object>> errors, Supplier<String> apply, Boolean created) {

    static PlannedWrite failed(String id, Boolean upsert, Map<String, Object> error) {
        return new PlannedWrite(id, List.of(error), null, upsert == null ? null : false);
    }

    boolean ok() {
        return errors.isEmpty();
    }
}
