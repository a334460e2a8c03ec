package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * POST /v1/embeddings: input as a string, an array of strings, an array of token ids or an array of such arrays;
 * {@code dimensions} and {@code encoding_format} (float or base64) respected; usage counts the input tokens.
 */
final class EmbeddingsHandler implements ApiHandler {

    private final ApiContext api;

    EmbeddingsHandler(ApiContext api) {
        this.api = api;
    }

    /** One input item: the text that seeds its vector and its token count. */
    private record Item(String key, int tokens) {
    }

    @Override
    public void handle(Exchange ex, JsonObject body) {
        BodyReader in = new BodyReader(body);
        String model = in.requiredString("model");
        Integer dimensions = in.optionalInt("dimensions", 1, Embedder.MAX_DIMENSIONS);
        String format = in.optionalString("encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            in.fail("encoding_format", "Invalid 'encoding_format': expected 'float' or 'base64'.");
        }
        List<Item> items = items(in.value("input"));
        if (items == null) {
            in.fail("input", "Invalid 'input': expected a non-empty string, array of strings or array of tokens.");
        }
        if (in.failed()) {
            ex.reply(in.error());
            return;
        }
        if (api.config().model(model).isEmpty()) {
            ex.reply(ApiError.unknownModel(model));
            return;
        }
        int dims = dimensions == null ? Embedder.DEFAULT_DIMENSIONS : dimensions;
        JsonArray data = new JsonArray();
        int tokens = 0;
        for (int i = 0; i < items.size(); i++) {
            float[] vector = Embedder.embed(api.config().seed(), items.get(i).key(), dims);
            Object encoded = "base64".equals(format) ? Embedder.base64(vector) : floats(vector);
            data.add(new JsonObject().put("object", "embedding").put("index", i).put("embedding", encoded));
            tokens += items.get(i).tokens();
        }
        JsonObject out = new JsonObject().put("object", "list").put("data", data).put("model", model);
        if (!ex.fault().omitUsage()) {
            out.put("usage", new JsonObject().put("prompt_tokens", tokens).put("total_tokens", tokens));
        }
        ex.replyJson(out, (ex.pacing() ? Math.round(api.config().ttftBaseMs()) : 0) + ex.fault().extraTtftMs());
    }

    private List<Item> items(Object input) {
        List<Item> items = new ArrayList<>();
        if (input instanceof String s && !s.isEmpty()) {
            items.add(new Item(s, api.tokens().count(s)));
            return items;
        }
        if (!(input instanceof JsonArray array) || array.isEmpty()) {
            return null;
        }
        if (array.stream().allMatch(v -> v instanceof Number)) {
            items.add(new Item("tokens:" + array.encode(), array.size()));
            return items;
        }
        for (Object v : array) {
            if (v instanceof String s && !s.isEmpty()) {
                items.add(new Item(s, api.tokens().count(s)));
            } else if (v instanceof JsonArray tokens && !tokens.isEmpty()
                    && tokens.stream().allMatch(t -> t instanceof Number)) {
                items.add(new Item("tokens:" + tokens.encode(), tokens.size()));
            } else {
                return null;
            }
        }
        return items;
    }

    private static JsonArray floats(float[] vector) {
        JsonArray out = new JsonArray(new ArrayList<>(vector.length));
        for (float f : vector) {
            out.add(f);
        }
        return out;
    }
}
