package io.cebridge.connector.erp.kingdee;

/** Kingdee refused a whole call (IsSuccess false) for a reason that is not a record's own; carries its status. */
public final class KingdeeRefusedException extends RuntimeException {
    private final transient KingdeeStatus status;

    public KingdeeRefusedException(String message, KingdeeStatus status) {
        super(message);
        this.status = status;
    }

    public KingdeeStatus status() {
        return status;
    }
}
