package io.cebridge.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the two Salesforce error shapes: API errors (message, errorCode) and per-record save errors. */
final class SalesforceErrors {

    private SalesforceErrors() {
    }

    /** Salesforce's text for an sObject type the org does not have (INVALID_TYPE), in SOQL and in writes. */
    static String unsupportedType(String type) {
        return "sObject type '" + type + "' is not supported. If you are attempting to use a custom object, be sure to"
                + " append the '__c' after the entity name. Please reference your WSDL or the describe call for the"
                + " appropriate names.";
    }

    /** A request-level error body: {@code [{"message":..,"errorCode":..}]}. */
    static List<Map<String, Object>> api(String errorCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("errorCode", errorCode);
        return List.of(error);
    }

    /** One save error inside a record result: {@code {"statusCode":..,"message":..,"fields":[..]}}. */
    static Map<String, Object> record(String statusCode, String message, List<String> fields) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("statusCode", statusCode);
        error.put("message", message);
        error.put("fields", fields);
        return error;
    }

    /** A save error reported on its own by a single-record endpoint: {@code {"message","errorCode","fields"}}. */
    static Map<String, Object> asApiError(Map<String, Object> recordError) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", recordError.get("message"));
        error.put("errorCode", recordError.get("statusCode"));
        error.put("fields", recordError.get("fields"));
        return error;
    }

    /** A save result: {@code {"id":..,"success":..,"errors":[..]}}. */
    static Map<String, Object> saveResult(String id, List<Map<String, Object>> errors) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("success", errors.isEmpty());
        result.put("errors", errors);
        return result;
    }
}
