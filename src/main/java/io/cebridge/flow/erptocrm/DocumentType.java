package io.cebridge.flow.erptocrm;

/**
 * One kind of document an ERP -> CRM flow moves: how to load it, which mapping turns it into CRM writes, and which of
 * its fields names the ERP customer whose CRM account it hangs off (null when it belongs to no customer).
 */
public record DocumentType(String name, DocumentLoader loader, String mapping, String customerField) {
}
