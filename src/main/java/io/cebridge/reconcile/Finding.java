package io.cebridge.reconcile;

import java.util.List;

/**
 * One thing reconcile found about a record: which side has it, what differs, and whether it counts as a disagreement
 * (something the flow should have made equal) or is only noted (a record known to the error inbox, a shared ERP row).
 */
public record Finding(Kind kind, String crmId, String erpNo, String detail, List<ColumnDifference> differences) {

    /** What was found; {@link #disagreement()} tells which kinds make `reconcile` exit 1. */
    public enum Kind {
        /** A CRM record with no ERP row (never delivered, or its ERP row is gone). */
        ONLY_IN_CRM(true, true),
        /** An ERP row holding a CRM id whose record is gone, outside the flow's selection, or not linked to it. */
        ONLY_IN_ERP(true, false),
        /** Both sides have the record, and a column differs after mapping. */
        DIFFERENT(true, true),
        /** An ERP row holds the record's CRM id but the cross-reference does not link them. */
        NOT_LINKED(true, true),
        /** The flow would refuse the CRM record as it is now (mapping, cleansing, parent): fix it in the CRM. */
        REFUSED(true, false),
        /** Not compared: the record has an unresolved dead letter (see `dlq list`). */
        DEAD_LETTERED(false, false),
        /** Not compared: the record is linked to the ERP row of another record (e.g. a duplicate 统一社会信用代码). */
        SHARED(false, false);

        private final boolean disagreement;
        private final boolean repairable;

        Kind(boolean disagreement, boolean repairable) {
            this.disagreement = disagreement;
            this.repairable = repairable;
        }

        public boolean disagreement() {
            return disagreement;
        }

        /** Whether `--repair` sends the record through the flow again. */
        public boolean repairable() {
            return repairable;
        }
    }

    /** One column whose ERP value is not what the flow would write: both values as read and mapped. */
    public record ColumnDifference(String column, Object crm, Object erp) {
    }

    public Finding {
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    static Finding of(Kind kind, String crmId, String erpNo, String detail) {
        return new Finding(kind, crmId, erpNo, detail, List.of());
    }
}
