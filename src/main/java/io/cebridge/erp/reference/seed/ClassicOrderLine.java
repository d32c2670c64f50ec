package io.cebridge.erp.reference.seed;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One Classic Models order detail line. */
record ClassicOrderLine(int lineNo, String productCode, BigDecimal quantity, BigDecimal unitPrice) {

  /** quantity x price: exact for the source data (whole quantities, cent prices), else rounded half-up to cents. */
  BigDecimal amount() {
    return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
  }
}
