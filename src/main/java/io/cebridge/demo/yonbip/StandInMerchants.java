package io.cebridge.demo.yonbip;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The customer archive of the stand-in with YonBIP's save rules: code, name (multilingual) and the managing
 * organisation required; code and name no longer than the archive allows; a code used by another merchant refused;
 * Update only of a merchant that exists (1002 数据不存在); resubmitCheckKey at most 32 characters, and a key already
 * saved answers that first result without saving again (a request still being saved under the key is waited for).
 */
final class StandInMerchants {
    /** Codes of this stand-in's refusals: 999 (服务端逻辑异常) and 1002 (数据不存在) are on YonBIP's pages. */
    static final String REFUSED = "999";
    static final String NOT_FOUND = "1002";
    private final Set<String> orgs;
    private final int maxCode;
    private final int maxName;
    private final Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Map<String, Object>>> keys = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(2_282_800_216_600_000L);
    private final AtomicLong replays = new AtomicLong();

    StandInMerchants(Set<String> orgs, int maxCode, int maxName) {
        this.orgs = orgs;
        this.maxCode = maxCode;
        this.maxName = maxName;
    }

    /** Saves {@code data} (the body's "data"); {@code beforeApply} runs first on the first request of a key. */
    Map<String, Object> save(JsonNode data, Runnable beforeApply) {
        String key = data.path("resubmitCheckKey").asText("");
        if (key.length() > 32) {
            return answer(REFUSED, "resubmitCheckKey长度不能超过32位", null);
        }
        if (key.isEmpty()) {
            beforeApply.run();
            return apply(data);
        }
        CompletableFuture<Map<String, Object>> mine = new CompletableFuture<>();
        CompletableFuture<Map<String, Object>> first = keys.putIfAbsent(key, mine);
        if (first != null) {
            replays.incrementAndGet();
            return first.join();
        }
        beforeApply.run();
        Map<String, Object> result = apply(data);
        mine.complete(result);
        if (!"200".equals(result.get("code"))) {
            keys.remove(key, mine); // a refused request may be corrected and sent again under its key
        }
        return result;
    }

    private synchronized Map<String, Object> apply(JsonNode data) {
        String status = data.path("_status").asText("");
        if (!status.equals("Insert") && !status.equals("Update")) {
            return answer(REFUSED, "_status必须为Insert或Update", null);
        }
        Map<String, Object> old = null;
        if (status.equals("Update")) {
            old = byId.get(data.path("id").asText(""));
            if (old == null) {
                return answer(NOT_FOUND, "数据不存在", null);
            }
        }
        Map<String, Object> m = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
        data.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("_status") && !e.getKey().equals("resubmitCheckKey") && !e.getKey().equals("id")) {
                m.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
            }
        });
        String problem = problem(m, old == null ? null : String.valueOf(old.get("id")));
        if (problem != null) {
            return answer(REFUSED, problem, null);
        }
        String id = old == null ? Long.toString(ids.incrementAndGet()) : String.valueOf(old.get("id"));
        m.put("id", id);
        m.put("pubts", java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' '));
        byId.put(id, m);
        return answer("200", "操作成功", m);
    }

    private String problem(Map<String, Object> m, String selfId) {
        String code = m.get("code") == null ? "" : m.get("code").toString();
        if (code.isBlank()) {
            return "客户编码(code)不能为空";
        }
        if (code.length() > maxCode) {
            return "客户编码(code)[" + code + "]长度超过最大长度" + maxCode;
        }
        Object name = m.get("name");
        String zh = name instanceof Map<?, ?> n ? (n.get("zh_CN") == null ? "" : n.get("zh_CN").toString())
                : name == null ? "" : name.toString();
        if (zh.isBlank()) {
            return "客户名称(name)不能为空";
        }
        if (zh.length() > maxName) {
            return "客户名称(name)长度超过最大长度" + maxName;
        }
        Object org = m.containsKey("createOrg_code") ? m.get("createOrg_code") : m.get("createOrg");
        if (org == null || org.toString().isBlank()) {
            return "管理组织(createOrg)不能为空";
        }
        if (!orgs.contains(org.toString())) {
            return "管理组织[" + org + "]不存在或未启用";
        }
        for (Map<String, Object> other : byId.values()) {
            if (code.equals(other.get("code")) && !String.valueOf(other.get("id")).equals(selfId)) {
                return "客户编码[" + code + "]已存在";
            }
        }
        return null;
    }

    /** The list answer: records whose fields satisfy every condition (eq, in), a page of them. */
    synchronized Map<String, Object> list(JsonNode body) {
        int pageIndex = body.path("pageIndex").asInt(1);
        int pageSize = body.path("pageSize").asInt(10);
        if (pageIndex < 1 || pageSize < 1 || pageSize > 500) {
            return answer(REFUSED, "pageIndex或pageSize不合法", null);
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> m : byId.values()) {
            boolean all = true;
            for (JsonNode c : body.path("simpleVOs")) {
                Object v = m.get(c.path("field").asText());
                String have = v == null ? null : v.toString();
                JsonNode want = c.path("value1");
                all &= switch (c.path("op").asText()) {
                    case "eq" -> have != null && have.equals(want.asText());
                    case "in" -> have != null && contains(want, have);
                    default -> false;
                };
            }
            if (all) {
                hits.add(m);
            }
        }
        if (hits.isEmpty()) {
            return answer("118001", "根据条件查询结果为空", null);
        }
        int from = Math.min(hits.size(), (pageIndex - 1) * pageSize);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pageIndex", pageIndex);
        data.put("pageSize", pageSize);
        data.put("recordCount", hits.size());
        data.put("recordList", hits.subList(from, Math.min(hits.size(), from + pageSize)));
        return answer("200", "操作成功", data);
    }

    private static boolean contains(JsonNode want, String have) {
        if (want.isArray()) {
            for (JsonNode w : want) {
                if (w.asText().equals(have)) {
                    return true;
                }
            }
            return false;
        }
        return List.of(want.asText().split(",")).contains(have);
    }

    synchronized List<Map<String, Object>> all() {
        return byId.values().stream().map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).toList();
    }

    long replays() {
        return replays.get();
    }

    static Map<String, Object> answer(String code, String message, Object data) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("code", code);
        a.put("message", message);
        if (data != null) {
            a.put("data", data);
        }
        return a;
    }
}
