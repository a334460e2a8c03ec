package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads typed fields of a JSON request body and remembers the first violation as an {@link ApiError}, so parsers read
 * every field straight through and check {@link #error()} once at the end.
 */
final class BodyReader {

    private final JsonObject body;
    private ApiError error;

    BodyReader(JsonObject body) {
        this.body = body;
    }

    ApiError error() {
        return error;
    }

    boolean failed() {
        return error != null;
    }

    void fail(String param, String message) {
        if (error == null) {
            error = ApiError.invalid(param, message);
        }
    }

    Object value(String name) {
        return body.getValue(name);
    }

    String requiredString(String name) {
        Object v = body.getValue(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            fail(name, "Missing required parameter: '" + name + "'.");
            return "";
        }
        return s;
    }

    String optionalString(String name) {
        Object v = body.getValue(name);
        if (v != null && !(v instanceof String)) {
            fail(name, "Invalid type for '" + name + "': expected a string.");
            return null;
        }
        return (String) v;
    }

    Integer optionalInt(String name, int min, int max) {
        Object v = body.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            fail(name, "Invalid type for '" + name + "': expected an integer.");
            return null;
        }
        if (n.longValue() < min || n.longValue() > max) {
            fail(name, "Invalid '" + name + "': " + n + " is not between " + min + " and " + max + ".");
            return null;
        }
        return n.intValue();
    }

    Double optionalNumber(String name, double min, double max) {
        Object v = body.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            fail(name, "Invalid '" + name + "': expected a number between " + min + " and " + max + ".");
            return null;
        }
        return n.doubleValue();
    }

    boolean optionalBool(String name) {
        Object v = body.getValue(name);
        if (v != null && !(v instanceof Boolean)) {
            fail(name, "Invalid type for '" + name + "': expected a boolean.");
            return false;
        }
        return Boolean.TRUE.equals(v);
    }

    JsonObject optionalObject(String name) {
        Object v = body.getValue(name);
        if (v != null && !(v instanceof JsonObject)) {
            fail(name, "Invalid type for '" + name + "': expected an object.");
            return null;
        }
        return (JsonObject) v;
    }

    JsonArray optionalArray(String name) {
        Object v = body.getValue(name);
        if (v != null && !(v instanceof JsonArray)) {
            fail(name, "Invalid type for '" + name + "': expected an array.");
            return null;
        }
        return (JsonArray) v;
    }

    /** logit_bias: token id (as a string key) to a bias between -100 and 100. */
    Map<Integer, Integer> logitBias() {
        JsonObject bias = optionalObject("logit_bias");
        Map<Integer, Integer> out = new HashMap<>();
        if (bias == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : bias) {
            try {
                int token = Integer.parseInt(e.getKey());
                if (!(e.getValue() instanceof Number n) || n.doubleValue() < -100 || n.doubleValue() > 100) {
                    fail("logit_bias", "Invalid 'logit_bias': values must be numbers between -100 and 100.");
                    return out;
                }
                out.put(token, n.intValue());
            } catch (NumberFormatException notATokenId) {
                fail("logit_bias", "Invalid 'logit_bias': keys must be token ids, got '" + e.getKey() + "'.");
                return out;
            }
        }
        return out;
    }

    /** The common stream_options.include_usage switch. */
    boolean includeUsage() {
        JsonObject options = optionalObject("stream_options");
        return options != null && Boolean.TRUE.equals(options.getValue("include_usage"));
    }
}
