package io.cebridge.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Account fields the demo CRM knows, with their types, lengths and whether the API may write them. */
final class AccountFields {

    /**
     * Value kinds that matter for SOQL comparison and validation. Every value is stored as text: CURRENCY as a plain
     * decimal ("12345.60"), DATE as "yyyy-MM-dd", DATETIME in {@link SalesforceDateTimes} form.
     */
    enum Type { ID, STRING, DATETIME, CURRENCY, DATE }

    /** One field of the demo Account object; {@code index} is its slot in an {@link AccountRow}. */
    record Field(int index, String name, Type type, boolean writable, int maxLength) {
    }

    static final String ID = "Id";
    static final String NAME = "Name";
    static final String CREATED_DATE = "CreatedDate";
    static final String SYSTEM_MODSTAMP = "SystemModstamp";
    static final String LAST_MODIFIED_DATE = "LastModifiedDate";
    static final String LAST_MODIFIED_BY_ID = "LastModifiedById";
    static final String ERP_CUSTOMER_NO = "ERP_Customer_No__c";
    static final int ID_INDEX = 0;
    static final int NAME_INDEX = 1;
    static final int CREATED_DATE_INDEX = 11;
    static final int SYSTEM_MODSTAMP_INDEX = 12;
    static final int LAST_MODIFIED_DATE_INDEX = 13;
    static final int LAST_MODIFIED_BY_ID_INDEX = 14;

    // Declaration order is the order of fields in stored records and in sObject GET responses.
    // Lengths follow the standard Account fields; the custom fields are sized generously so that
    // dirty demo values (full-width USCC, bad formats) fit and reach the integration unchanged.
    private static final List<Field> FIELDS = List.of(
            new Field(0, ID, Type.ID, false, 18),
            new Field(1, NAME, Type.STRING, true, 255),
            new Field(2, "USCC__c", Type.STRING, true, 40),
            new Field(3, "Phone", Type.STRING, true, 40),
            new Field(4, "BillingStreet", Type.STRING, true, 255),
            new Field(5, "BillingCity", Type.STRING, true, 40),
            new Field(6, "BillingState", Type.STRING, true, 80),
            new Field(7, "BillingPostalCode", Type.STRING, true, 20),
            new Field(8, "BillingCountry", Type.STRING, true, 80),
            new Field(9, "CurrencyIsoCode", Type.STRING, true, 3),
            new Field(10, ERP_CUSTOMER_NO, Type.STRING, true, 50),
            new Field(11, CREATED_DATE, Type.DATETIME, false, 0),
            new Field(12, SYSTEM_MODSTAMP, Type.DATETIME, false, 0),
            new Field(13, LAST_MODIFIED_DATE, Type.DATETIME, false, 0),
            new Field(14, LAST_MODIFIED_BY_ID, Type.ID, false, 18),
            // Written by the ERP -> CRM financial-summary flow. Appended, not interleaved, so the slot indexes
            // above stay put; maxLength is the digit count of Salesforce's Currency(16, 2) for the number kinds.
            new Field(15, "YTD_Sales__c", Type.CURRENCY, true, 18),
            new Field(16, "MTD_Sales__c", Type.CURRENCY, true, 18),
            new Field(17, "AR_Not_Due__c", Type.CURRENCY, true, 18),
            new Field(18, "AR_1_30__c", Type.CURRENCY, true, 18),
            new Field(19, "AR_31_60__c", Type.CURRENCY, true, 18),
            new Field(20, "AR_61_90__c", Type.CURRENCY, true, 18),
            new Field(21, "AR_Over_90__c", Type.CURRENCY, true, 18),
            new Field(22, "Credit_Limit__c", Type.CURRENCY, true, 18),
            new Field(23, "Credit_Used__c", Type.CURRENCY, true, 18),
            new Field(24, "Credit_Available__c", Type.CURRENCY, true, 18),
            new Field(25, "Financials_As_Of__c", Type.DATE, true, 10),
            // Kingdee's internal id (FID) of the account's BD_Customer, written beside ERP_Customer_No__c
            new Field(26, "ERP_Internal_Id__c", Type.STRING, true, 50));

    // Salesforce field names are case-insensitive in SOQL and in request bodies.
    private static final Map<String, Field> BY_LOWER_NAME = new LinkedHashMap<>();

    static {
        for (int i = 0; i < FIELDS.size(); i++) {
            Field field = FIELDS.get(i);
            if (field.index() != i) {
                throw new ExceptionInInitializerError("field index out of order: " + field);
            }
            BY_LOWER_NAME.put(field.name().toLowerCase(Locale.ROOT), field);
        }
    }

    private AccountFields() {
    }

    /** All fields in canonical order. */
    static List<Field> all() {
        return FIELDS;
    }

    /** Number of fields, i.e. the width of an {@link AccountRow}. */
    static int count() {
        return FIELDS.size();
    }

    /** Salesforce's text for an unknown field in a query or field list. */
    static String noSuchColumn(String name) {
        return "No such column '" + name + "' on entity 'Account'. If you are attempting to use a custom field,"
                + " be sure to append the '__c' after the custom field name. Please reference your WSDL or the"
                + " describe call for the appropriate names.";
    }

    /** Looks a field up by name, ignoring case. */
    static Optional<Field> find(String name) {
        return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
