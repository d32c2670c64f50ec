package io.cebridge.cleanse;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Resolves free-text country names and ISO codes from CRM addresses to ISO 3166 alpha-2 codes. */
public final class CountryCodes {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DROPPED_PUNCTUATION = Pattern.compile("[.'’`]");
    private static final Pattern OTHER_PUNCTUATION = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> ISO_ALPHA2 = Set.of(Locale.getISOCountries());

    // Names people actually type into CRMs that the JDK's CLDR display names do not cover.
    private static final String[][] ALIASES = {
            {"CN", "PRC", "P.R.C.", "P.R. China", "PR China", "People's Republic of China", "Mainland China",
                    "China Mainland", "China (Mainland)", "中国大陆", "中國大陸", "大陆", "中国内地", "内地",
                    "中华人民共和国", "中華人民共和國"},
            {"US", "USA", "U.S.A.", "US", "U.S.", "United States of America", "America", "美利坚合众国"},
            {"GB", "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
                    "United Kingdom of Great Britain and Northern Ireland", "大不列颠"},
            {"HK", "Hong Kong", "Hongkong", "Hong Kong SAR", "HKSAR", "香港", "中国香港", "中國香港", "香港特别行政区"},
            {"MO", "Macao", "Macau", "Macau SAR", "澳门", "澳門", "中国澳门", "中國澳門", "澳门特别行政区"},
            {"TW", "Taiwan", "Taiwan, Province of China", "台湾", "台灣", "中国台湾",
                    "中國台灣", "臺灣"},
            {"KR", "Korea", "Republic of Korea", "Korea, Republic of", "南韩", "大韩民国", "大韓民國"},
            {"KP", "North Korea", "DPRK", "朝鲜", "北韩"},
            {"RU", "Russian Federation"},
            {"NL", "Holland", "The Netherlands"},
            {"CZ", "Czech Republic"},
            {"TR", "Türkiye", "Turkiye"},
            {"VN", "Viet Nam"},
            {"IR", "Iran, Islamic Republic of"},
            {"AE", "UAE", "U.A.E.", "阿联酋"},
            {"MM", "Myanmar", "Burma"},
            {"CI", "Ivory Coast"},
    };

    private static final Map<String, String> BY_KEY = buildIndex();

    private CountryCodes() {
    }

    /** ISO 3166 alpha-2 for a country name (English or Chinese, case-insensitive, via java.util.Locale display names plus common aliases: USA, US, UK, Great Britain, PRC, Mainland China, 中国大陆, 香港, 台湾 ...) or an alpha-2/alpha-3 code. */
    public static Optional<String> isoAlpha2(String nameOrCode) {
        if (nameOrCode == null) {
            return Optional.empty();
        }
        String trimmed = TextNormalizer.collapseWhitespace(TextNormalizer.toHalfWidth(nameOrCode));
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (ISO_ALPHA2.contains(upper)) {
            return Optional.of(upper);
        }
        String key = key(trimmed);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String hit = BY_KEY.get(key);
        if (hit == null) {
            // CJK text is often typed with stray spaces ("中国 大陆"); those carry no meaning.
            hit = BY_KEY.get(key.replace(" ", ""));
        }
        return Optional.ofNullable(hit);
    }

    private static Map<String, String> buildIndex() {
        Map<String, String> index = new HashMap<>();
        // Aliases go first so that they win over accidental clashes with a display name in some language.
        for (String[] row : ALIASES) {
            for (int i = 1; i < row.length; i++) {
                put(index, row[i], row[0]);
            }
        }
        Locale[] nameLanguages = {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE};
        for (String code : ISO_ALPHA2) {
            Locale country = new Locale("", code);
            for (Locale language : nameLanguages) {
                put(index, country.getDisplayCountry(language), code);
            }
            try {
                put(index, country.getISO3Country(), code);
            } catch (MissingResourceException ignored) {
                // a few reserved codes have no alpha-3; the alpha-2 lookup still covers them
            }
        }
        // Endonyms such as "Deutschland", "España" or "Österreich", from whatever locales the JDK ships.
        for (Locale locale : Locale.getAvailableLocales()) {
            String code = locale.getCountry();
            if (ISO_ALPHA2.contains(code) && !locale.getLanguage().isEmpty()) {
                put(index, locale.getDisplayCountry(locale), code);
            }
        }
        return Map.copyOf(index);
    }

    private static void put(Map<String, String> index, String name, String code) {
        String key = key(name);
        if (!key.isEmpty()) {
            index.putIfAbsent(key, code);
        }
    }

    /** Lookup key: half-width, no diacritics, lower case, periods and apostrophes dropped, other punctuation as one space. */
    private static String key(String name) {
        String s = TextNormalizer.toHalfWidth(name);
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = DROPPED_PUNCTUATION.matcher(s).replaceAll("");
        s = OTHER_PUNCTUATION.matcher(s).replaceAll(" ").trim();
        if (s.startsWith("the ")) {
            s = s.substring(4);
        }
        return s;
    }
}
