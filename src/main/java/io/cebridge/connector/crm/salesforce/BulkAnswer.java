package io.cebridge.connector.crm.salesforce;

/** One Bulk API 2.0 answer: its status, its body as text, and its Sforce-Locator header (absent: null). */
record BulkAnswer(int status, String text, String locator) {
}
