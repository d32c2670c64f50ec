package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the customer master: every Classic Models customer becomes a customer created by hand in the ERP (no CRM
 * account id, USD, 30 days net), with one bill-to and one ship-to address and its contact person; then the hand-written
 * demo customers (e.g. Huawei, found later by USCC) are appended.
 */
final class CustomerSeed {

  static final String CLASSIC_FILE = "classicmodels-customers.csv";
  static final String DEMO_FILE = "demo-customers.csv";
  static final String CLASSIC_CURRENCY = "USD";
  // Classic Models has no payment terms; 30 days net matches the invoice due dates derived from it.
  static final int CLASSIC_PAYMENT_TERMS_DAYS = 30;

  final TableRows customers = new TableRows(ErpTables.CUSTOMER,
      "customer_no", "crm_account_id", "name", "uscc", "phone", "currency", "street", "city", "province",
      "postal_code", "country_code", "status", "credit_limit", "payment_terms_days", "sales_rep");
  final TableRows addresses = new TableRows(ErpTables.CUSTOMER_ADDRESS,
      "customer_no", "address_type", "is_default", "address_line1", "address_line2", "city", "province",
      "postal_code", "country_code");
  final TableRows contacts = new TableRows(ErpTables.CUSTOMER_CONTACT,
      "customer_no", "first_name", "last_name", "phone", "is_primary");

  /** Classic Models customer number to the ERP customer. */
  final Map<Integer, CustomerRef> classicCustomers = new LinkedHashMap<>();

  CustomerSeed build(CustomerNumbers numbers) throws SQLException {
    for (CsvRow row : CsvFile.read(CLASSIC_FILE)) {
      long customerNo = numbers.next();
      String line1 = row.required("address_line1");
      String line2 = row.text("address_line2");
      String salesRep = row.text("sales_rep");
      customers.add(customerNo, null, row.required("name"), null, row.text("phone"), CLASSIC_CURRENCY,
          line2 == null ? line1 : line1 + ", " + line2, row.text("city"), row.text("province"),
          row.text("postal_code"), row.text("country_code"), "ACTIVE", row.decimal("credit_limit"),
          CLASSIC_PAYMENT_TERMS_DAYS, salesRep);
      for (String type : new String[] {"BILL_TO", "SHIP_TO"}) {
        addresses.add(customerNo, type, Boolean.TRUE, line1, line2, row.text("city"), row.text("province"),
            row.text("postal_code"), row.text("country_code"));
      }
      contacts.add(customerNo, row.text("contact_first_name"), row.required("contact_last_name"),
          row.text("phone"), Boolean.TRUE);
      classicCustomers.put(Integer.valueOf(row.required("customer_number")),
          new CustomerRef(customerNo, CLASSIC_CURRENCY, CLASSIC_PAYMENT_TERMS_DAYS, salesRep));
    }
    for (CsvRow row : CsvFile.read(DEMO_FILE)) {
      customers.add(numbers.next(), null, row.required("name"), row.text("uscc"), row.text("phone"),
          row.text("currency"), row.text("street"), row.text("city"), row.text("province"),
          row.text("postal_code"), row.text("country_code"), "ACTIVE", row.decimal("credit_limit"),
          row.integer("payment_terms_days"), row.text("sales_rep"));
    }
    return this;
  }
}
