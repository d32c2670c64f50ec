package io.cebridge.store;

/** One CRM record's ERP counterpart and the last source version applied to it. */
public record XrefEntry(String crmId, String erpId, String sourceVersion) {
}
