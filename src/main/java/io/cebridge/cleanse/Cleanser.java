package io.cebridge.cleanse;

import java.util.Map;

/** A named rule set that cleans one canonical record: a cleaned copy with its flags and rejections. */
public interface Cleanser {
    CleanseResult cleanse(Map<String, Object> record);
}
