package io.cebridge.cleanse;

/** Why a customer record cannot be sent to the ERP: the field, a stable machine code, and a message a person can act on. */
public record Rejection(String field, String code, String message) {
}
