package io.cebridge.erp.reference.seed;

/** What the document seeds need to know about a seeded customer. */
record CustomerRef(long customerNo, String currency, int paymentTermsDays, String salesRep) {
}
