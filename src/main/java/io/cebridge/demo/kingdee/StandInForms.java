package io.cebridge.demo.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * DynamicFormService of the stand-in: Save, BatchSave, Submit and Audit on the forms that take them (BD_Customer,
 * SAL_SaleOrder), ExecuteBillQuery on BD_Customer (StandInBills answers it for the bill forms).
 */
final class StandInForms {
    /** The documents of a form that takes Save / BatchSave, Submit and Audit. */
    interface Documents {
        /** Saves one model; {@code deleteEntries} (IsDeleteEntry): an update drops the entry lines it does not send. */
        StandInCustomers.Saved save(Map<String, Object> model, List<String> updateFields, boolean deleteEntries);

        /** Submits or audits the document of that number: null when done, else Kingdee's message. */
        String transition(String number, boolean audit);

        /**
         * Kingdee's document status rule for Submit (A created / D re-opened -> B) and Audit (B -> C): null when the
         * document in {@code status} may take the step, else Kingdee's message, e.g. "编码为“CUST0001”的客户，单据已经审核！"
         * ({@code document}: how the message names it).
         */
        static String refusedTransition(String document, Object status, boolean audit) {
            if ("C".equals(String.valueOf(status))) {
                return document + "，单据已经审核！";
            }
            if (audit != "B".equals(String.valueOf(status))) {
                return document + "，" + (audit ? "单据未提交，不能审核" : "单据已提交，不能重复提交");
            }
            return null;
        }
    }

    private final StandInCustomers customers;
    private final Map<String, Documents> saved;
    private final BooleanSupplier asString;

    /** {@code saved}: by form id, the documents Save / Submit / Audit act on. */
    StandInForms(StandInCustomers customers, Map<String, Documents> saved, BooleanSupplier asString) {
        this.customers = customers;
        this.saved = saved;
        this.asString = asString;
    }

    Object answer(String method, JsonNode body) {
        JsonNode data = data(body);
        if (method.equals("ExecuteBillQuery")) {
            return query(data);
        }
        String form = body.path("formid").asText(body.path("FormId").asText(""));
        Documents docs = saved.get(form);
        if (docs == null) {
            return refused(4, "业务对象“" + form + "”不存在");
        }
        return switch (method) {
            case "Save" -> save(docs, data, false);
            case "BatchSave" -> save(docs, data, true);
            case "Submit" -> transition(docs, data, false);
            case "Audit" -> transition(docs, data, true);
            default -> refused(3, "不支持的操作: " + method);
        };
    }

    /** data as an object, or as the JSON string many clients send. */
    private static JsonNode data(JsonNode body) {
        JsonNode d = body.path("data");
        if (d.isTextual()) {
            try {
                return Json.MAPPER.readTree(d.textValue());
            } catch (java.io.IOException e) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        }
        return d;
    }

    private Object save(Documents docs, JsonNode data, boolean batch) {
        JsonNode model = data.path("Model");
        List<JsonNode> models = new ArrayList<>();
        if (batch && model.isArray()) {
            model.forEach(models::add);
        } else if (!batch && model.isObject()) {
            models.add(model);
        } else {
            return refused(8, "参数Model格式错误");
        }
        List<String> update = new ArrayList<>();
        data.path("NeedUpDateFields").forEach(f -> update.add(f.asText()));
        // documented default of IsDeleteEntry is true: lines not sent are deleted
        boolean deleteEntries = !data.has("IsDeleteEntry") || data.path("IsDeleteEntry").asBoolean(true)
                && !"false".equalsIgnoreCase(data.path("IsDeleteEntry").asText());
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> saved = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = Json.MAPPER.convertValue(models.get(i), Map.class);
            StandInCustomers.Saved s = docs.save(m, update, deleteEntries);
            if (s.ok()) {
                saved.add(StandInAnswers.saved(s.id(), s.number(), i));
            } else {
                for (StandInCustomers.Refusal r : s.refusals()) {
                    errors.add(StandInAnswers.error(r.field(), r.message(), i));
                }
            }
        }
        Map<String, Object> answer = StandInAnswers.status(errors.isEmpty(), errors.isEmpty() ? 0 : 11, errors, saved,
                asString.getAsBoolean());
        if (!batch && saved.size() == 1) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) answer.get("Result");
            result.put("Id", saved.get(0).get("Id"));
            result.put("Number", saved.get(0).get("Number"));
            result.put("NeedReturnData", List.of(Map.of()));
        }
        return answer;
    }

    private Object transition(Documents docs, JsonNode data, boolean audit) {
        List<String> numbers = new ArrayList<>();
        data.path("Numbers").forEach(n -> numbers.add(n.asText()));
        if (numbers.isEmpty()) {
            return refused(8, "参数Numbers和Ids不能同时为空");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> done = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String problem = docs.transition(numbers.get(i), audit);
            if (problem == null) {
                done.add(StandInAnswers.saved(0, numbers.get(i), i));
            } else {
                errors.add(StandInAnswers.error("", problem, i));
            }
        }
        return StandInAnswers.status(errors.isEmpty(), errors.isEmpty() ? 0 : 11, errors, done, asString.getAsBoolean());
    }

    private Object query(JsonNode q) {
        String form = q.path("FormId").asText("");
        if (!form.equals(StandInCustomers.FORM)) {
            return List.of(List.of(refused(4, "业务对象“" + form + "”不存在")));
        }
        List<String> keys = Arrays.stream(q.path("FieldKeys").asText("").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        for (String k : keys) {
            if (!customers.hasField(k)) {
                return List.of(List.of(refused(9, "元数据中标识为" + k + "的字段不存在")));
            }
        }
        int limit = q.path("Limit").asInt(0);
        if (limit > 10000) {
            return List.of(List.of(refused(8, "Limit不能超过10000")));
        }
        try {
            java.util.function.Predicate<Map<String, Object>> filter = StandInFilter.parse(q.path("FilterString").asText(""),
                    k -> {
                        if (!customers.hasField(k)) {
                            throw new IllegalArgumentException("元数据中标识为" + k + "的字段不存在");
                        }
                        return k.toUpperCase(java.util.Locale.ROOT);
                    });
            return customers.query(keys, filter, q.path("OrderString").asText(""), Math.max(0, q.path("StartRow").asInt(0)),
                    limit <= 0 ? 10000 : limit);
        } catch (IllegalArgumentException e) {
            return List.of(List.of(refused(8, e.getMessage())));
        }
    }

    private Map<String, Object> refused(int msgCode, String message) {
        return StandInAnswers.status(false, msgCode, List.of(StandInAnswers.error("", message, 0)), List.of(),
                asString.getAsBoolean());
    }
}
