package io.cebridge.cleanse;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Turns free-text phone numbers into E.164 using libphonenumber, guessing the region from the customer's country. */
public final class PhoneNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final int MAX_REMEMBERED_HINTS = 1024;
    private final String defaultRegion;
    /**
     * Country text -> region, as found: reading a country name (Unicode normalisation, three regular expressions)
     * was about a tenth of a customer's cleansing CPU, and a load has a handful of distinct countries.
     */
    private final java.util.Map<String, String> regions = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param defaultRegion ISO-2 region (a country name is accepted too) used when the number has no
     *                      international prefix and the country hint does not resolve
     * @throws IllegalArgumentException when libphonenumber has no metadata for that region
     */
    public PhoneNormalizer(String defaultRegion) {
        this.defaultRegion = CountryCodes.isoAlpha2(defaultRegion)
                .filter(PHONES.getSupportedRegions()::contains)
                .orElseThrow(() -> new IllegalArgumentException("phone default region '" + defaultRegion
                        + "' is not an ISO 3166 alpha-2 region known to libphonenumber (e.g. CN, DE, US)"));
    }

    /** countryHint: nullable; ISO-2 code, or a country name in English or Chinese ("Germany", "德国", "USA", "UK", "中国", "China"). Used as the parsing region when it resolves, else defaultRegion. Input is half-width-normalised first. Valid (libphonenumber isValidNumber) -> E.164; else valid=false, e164=null. */
    public PhoneResult normalize(String raw, String countryHint) {
        String text = TextNormalizer.collapseWhitespace(TextNormalizer.toHalfWidth(raw));
        if (text == null || text.isEmpty()) {
            return new PhoneResult(null, false, raw);
        }
        try {
            PhoneNumber number = PHONES.parse(text, regionFor(countryHint));
            // E.164 has no room for an extension, and letters would be read as a keypad word (1-800-FLOWERS):
            // either would change what the person typed, so such numbers stay as written and are flagged
            if (number.hasExtension() || hasLetters(text)) {
                return new PhoneResult(null, false, raw);
            }
            if (PHONES.isValidNumber(number)) {
                return new PhoneResult(PHONES.format(number, PhoneNumberFormat.E164), true, raw);
            }
        } catch (NumberParseException notAPhoneNumber) {
            // reported as invalid below; the caller decides whether that is fatal
        }
        return new PhoneResult(null, false, raw);
    }

    private static boolean hasLetters(String text) {
        return text.chars().anyMatch(Character::isLetter);
    }

    /** The region a number without international prefix is read in, for the given country hint. */
    String regionFor(String countryHint) {
        if (countryHint == null) {
            return defaultRegion;
        }
        String region = regions.get(countryHint);
        if (region == null) {
            region = CountryCodes.isoAlpha2(countryHint)
                    .filter(PHONES.getSupportedRegions()::contains)
                    .orElse(defaultRegion);
            if (regions.size() < MAX_REMEMBERED_HINTS) { // the hints are CRM text: a few countries, but not bounded
                regions.put(countryHint, region);
            }
        }
        return region;
    }

    /** A valid fixed-line number of the region in international notation, to show people what is expected. */
    static String exampleFor(String region) {
        PhoneNumber example = PHONES.getExampleNumber(region);
        return example == null ? "+<country code> <number>"
                : PHONES.format(example, PhoneNumberFormat.INTERNATIONAL);
    }
}
