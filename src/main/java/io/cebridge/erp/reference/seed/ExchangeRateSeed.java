package io.cebridge.erp.reference.seed;

import io.cebridge.erp.reference.ErpTables;

/** Loads the demo exchange rates; the file's values are illustrative, not official fixings. */
final class ExchangeRateSeed {

  static final String FILE = "demo-exchange-rates.csv";

  final TableRows rates = new TableRows(ErpTables.EXCHANGE_RATE, "from_currency", "to_currency", "rate_date", "rate");

  ExchangeRateSeed build() {
    for (CsvRow row : CsvFile.read(FILE)) {
      rates.add(row.required("from_currency"), row.required("to_currency"), row.date("rate_date"),
          row.decimal("rate"));
    }
    return this;
  }
}
