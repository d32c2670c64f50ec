package io.cebridge.demo.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * DynamicFormService of the stand-in for SAL_SaleOrder (Save, BatchSave, Submit, Audit, ExecuteBillQuery) and
 * BD_MATERIAL (ExecuteBillQuery); {@link #answer} is null for the other forms, which {@link StandInForms} answers.
 */
final class StandInSaleOrderForms {
    private final StandInSaleOrders orders;
    private final StandInMaterials materials;
    private final BooleanSupplier asString;

    StandInSaleOrderForms(StandInSaleOrders orders, StandInMaterials materials, BooleanSupplier asString) {
        this.orders = orders;
        this.materials = materials;
        this.asString = asString;
    }

    /** Kingdee's answer, or null when the call is not about one of these forms. */
    Object answer(String method, JsonNode body) {
        JsonNode data = data(body);
        if (method.equals("ExecuteBillQuery")) {
            String form = data.path("FormId").asText("");
            return form.equals(StandInSaleOrders.FORM) || form.equals(StandInMaterials.FORM) ? query(form, data) : null;
        }
        String form = body.path("formid").asText(body.path("FormId").asText(""));
        if (!form.equals(StandInSaleOrders.FORM)) {
            return null;
        }
        return switch (method) {
            case "Save" -> save(data, false);
            case "BatchSave" -> save(data, true);
            case "Submit" -> transition(data, false);
            case "Audit" -> transition(data, true);
            default -> refused(3, "不支持的操作: " + method);
        };
    }

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

    private Object save(JsonNode data, boolean batch) {
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
            StandInCustomers.Saved s = orders.save(m, update, deleteEntries);
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

    private Object transition(JsonNode data, boolean audit) {
        List<String> numbers = new ArrayList<>();
        data.path("Numbers").forEach(n -> numbers.add(n.asText()));
        if (numbers.isEmpty()) {
            return refused(8, "参数Numbers和Ids不能同时为空");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> done = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String problem = orders.transition(numbers.get(i), audit);
            if (problem == null) {
                done.add(StandInAnswers.saved(0, numbers.get(i), i));
            } else {
                errors.add(StandInAnswers.error("", problem, i));
            }
        }
        return StandInAnswers.status(errors.isEmpty(), errors.isEmpty() ? 0 : 11, errors, done, asString.getAsBoolean());
    }

    private Object query(String form, JsonNode q) {
        boolean order = form.equals(StandInSaleOrders.FORM);
        List<String> keys = Arrays.stream(q.path("FieldKeys").asText("").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        for (String k : keys) {
            if (order ? !orders.hasField(k) : !materials.hasField(k)) {
                return List.of(List.of(refused(9, "元数据中标识为" + k + "的字段不存在")));
            }
        }
        int limit = q.path("Limit").asInt(0);
        if (limit > 10000) {
            return List.of(List.of(refused(8, "Limit不能超过10000")));
        }
        try {
            boolean[] lines = {keys.stream().anyMatch(StandInSaleOrders::isLineKey)};
            java.util.function.Predicate<Map<String, Object>> filter = StandInFilter.parse(q.path("FilterString").asText(""),
                    k -> {
                        if (order ? !orders.hasField(k) : !materials.hasField(k)) {
                            throw new IllegalArgumentException("元数据中标识为" + k + "的字段不存在");
                        }
                        lines[0] |= order && StandInSaleOrders.isLineKey(k);
                        return k.toUpperCase(Locale.ROOT);
                    });
            String orderBy = q.path("OrderString").asText("");
            lines[0] |= order && Arrays.stream(orderBy.split("[,\\s]+")).anyMatch(k -> !k.isBlank()
                    && StandInSaleOrders.isLineKey(k));
            return StandInRows.query(order ? orders.flat(lines[0]) : materials.flat(), keys, filter, orderBy,
                    Math.max(0, q.path("StartRow").asInt(0)), limit <= 0 ? 10000 : limit);
        } catch (IllegalArgumentException e) {
            return List.of(List.of(refused(8, e.getMessage())));
        }
    }

    private Map<String, Object> refused(int msgCode, String message) {
        return StandInAnswers.status(false, msgCode, List.of(StandInAnswers.error("", message, 0)), List.of(),
                asString.getAsBoolean());
    }
}
