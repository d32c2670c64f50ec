package io.cebridge.demo.kingdee;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer bodies of the stand-in, shaped as shared/reference/erp/kingdee/real_responses.jsonl shows Kingdee's. */
final class StandInAnswers {
    private StandInAnswers() {
    }

    /** {"Result":{"ResponseStatus":{...}}}; {@code asString}: IsSuccess as "true"/"false" (the documented form). */
    static Map<String, Object> status(boolean ok, int msgCode, List<Map<String, Object>> errors,
                                      List<Map<String, Object>> saved, boolean asString) {
        Map<String, Object> rs = new LinkedHashMap<>();
        if (!ok) {
            rs.put("ErrorCode", 500);
        }
        rs.put("IsSuccess", asString ? Boolean.toString(ok) : ok);
        rs.put("Errors", errors);
        rs.put("SuccessEntitys", saved);
        rs.put("SuccessMessages", List.of());
        rs.put("MsgCode", msgCode);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ResponseStatus", rs);
        return Map.of("Result", result);
    }

    static Map<String, Object> error(String field, String message, int dIndex) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("FieldName", field);
        e.put("Message", message);
        e.put("DIndex", dIndex);
        return e;
    }

    static Map<String, Object> saved(long id, String number, int dIndex) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("Id", id);
        e.put("Number", number);
        e.put("DIndex", dIndex);
        return e;
    }

    /** LoginByAppSecret's answer: LoginResultType 1 (success), 0 (refused) or -1 (failed). */
    static Map<String, Object> login(int type, String message, String sessionId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Message", message);
        m.put("MessageCode", null);
        m.put("LoginResultType", type);
        m.put("Context", type == 1 ? Map.of("UserName", "integration", "LogLocale", "zh-CN") : null);
        m.put("KDSVCSessionId", sessionId);
        m.put("FormId", null);
        m.put("RedirectFormParam", null);
        m.put("FormInputObject", null);
        m.put("ErrorStackTrace", null);
        m.put("Lcid", 2052);
        m.put("AccessToken", null);
        m.put("KdAccessResult", null);
        m.put("IsSuccessByAPI", type == 1);
        return m;
    }
}
