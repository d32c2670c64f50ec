package io.cebridge.cleanse;

/** Outcome of normalising one phone number: the E.164 form when valid, and the text it came from. */
public record PhoneResult(String e164, boolean valid, String original) {
}
