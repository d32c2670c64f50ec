package io.cebridge.connector.crm.salesforce;

/** An access token and the instance it is valid for; never logged. */
record SalesforceSession(String accessToken, String instanceUrl) {
    @Override
    public String toString() {
        return "SalesforceSession[" + instanceUrl + "]";
    }
}
