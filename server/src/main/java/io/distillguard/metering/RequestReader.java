package io.distillguard.metering;

import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;
import io.distillguard.feature.PromptMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what metering and detection need out of a request body of any supported endpoint: the prompt text and the
 * parameters that matter for extraction. Tolerant of every shape the OpenAI API accepts (string or array content,
 * content parts, token-id arrays); it never throws on odd but valid JSON.
 */
public final class RequestReader {
    private RequestReader() {}

    /** The prompt of {@code body} for {@code endpoint}. */
    public static PromptText prompt(Endpoint endpoint, JsonObject body) {
        if (body == null) {
            return PromptText.EMPTY;
        }
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> chatPrompt(body.getValue("messages"));
            case COMPLETIONS -> plainPrompt(body.getValue("prompt"));
            case EMBEDDINGS -> plainPrompt(body.getValue("input"));
            case RESPONSES -> responsesPrompt(body);
            case MODELS -> PromptText.EMPTY;
        };
    }

    /** The extraction-relevant parameters of {@code body}. */
    public static RequestParams params(Endpoint endpoint, JsonObject body) {
        if (body == null || endpoint == Endpoint.MODELS) {
            return RequestParams.NONE;
        }
        boolean logprobs;
        int topLogprobs;
        Object lp = body.getValue("logprobs");
        if (lp instanceof Number num) { // legacy completions: logprobs is the number of top alternatives
            logprobs = num.intValue() > 0;
            topLogprobs = num.intValue();
        } else {
            logprobs = Boolean.TRUE.equals(lp);
            topLogprobs = intOr(body.getValue("top_logprobs"), 0);
        }
        Integer maxTokens = firstInt(body, "max_completion_tokens", "max_tokens", "max_output_tokens");
        JsonObject logitBias = objectOr(body.getValue("logit_bias"));
        JsonArray tools = body.getValue("tools") instanceof JsonArray a ? a : null;
        return new RequestParams(
                Math.max(1, intOr(body.getValue("n"), 1)),
                doubleOr(body.getValue("temperature")),
                doubleOr(body.getValue("top_p")),
                maxTokens,
                logprobs,
                topLogprobs,
                logitBias == null ? 0 : logitBias.size(),
                tools == null ? 0 : tools.size(),
                responseFormat(body),
                Boolean.TRUE.equals(body.getValue("stream")),
                reasoningEffort(body),
                body.getValue("seed") instanceof Number s ? s.longValue() : null);
    }

    private static PromptText chatPrompt(Object messages) {
        List<PromptMessage> out = new ArrayList<>();
        if (messages instanceof JsonArray arr) {
            for (Object o : arr) {
                if (o instanceof JsonObject m) {
                    out.add(new PromptMessage(String.valueOf(m.getValue("role", "user")), contentText(m.getValue("content"))));
                }
            }
        }
        return new PromptText(out, true, 0);
    }

    private static PromptText plainPrompt(Object prompt) {
        List<PromptMessage> out = new ArrayList<>();
        int tokenIds = 0;
        if (prompt instanceof String s) {
            out.add(new PromptMessage("user", s));
        } else if (prompt instanceof JsonArray arr) {
            for (Object o : arr) {
                if (o instanceof String s) {
                    out.add(new PromptMessage("user", s));
                } else if (o instanceof Number) {
                    tokenIds++;
                } else if (o instanceof JsonArray ids) {
                    tokenIds += ids.size();
                }
            }
        }
        return new PromptText(out, false, tokenIds);
    }

    private static PromptText responsesPrompt(JsonObject body) {
        List<PromptMessage> out = new ArrayList<>();
        if (body.getValue("instructions") instanceof String s) {
            out.add(new PromptMessage("system", s));
        }
        Object input = body.getValue("input");
        if (input instanceof String s) {
            out.add(new PromptMessage("user", s));
        } else if (input instanceof JsonArray arr) {
            for (Object o : arr) {
                if (o instanceof JsonObject item) {
                    String role = String.valueOf(item.getValue("role", "user"));
                    Object content = item.containsKey("content") ? item.getValue("content") : item.getValue("output");
                    out.add(new PromptMessage(role, contentText(content)));
                }
            }
        }
        return new PromptText(out, true, 0);
    }

    /** Text of a message content: a string, or the text parts of a content array. */
    static String contentText(Object content) {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof JsonArray parts) {
            StringBuilder sb = new StringBuilder();
            for (Object p : parts) {
                if (p instanceof JsonObject part && part.getValue("text") instanceof String t) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(t);
                } else if (p instanceof String t) {
                    sb.append(t);
                }
            }
            return sb.toString();
        }
        return "";
    }

    private static String responseFormat(JsonObject body) {
        if (body.getValue("response_format") instanceof JsonObject rf && rf.getValue("type") instanceof String t) {
            return t;
        }
        if (body.getValue("text") instanceof JsonObject text && text.getValue("format") instanceof JsonObject f
                && f.getValue("type") instanceof String t) {
            return t;
        }
        return null;
    }

    private static String reasoningEffort(JsonObject body) {
        if (body.getValue("reasoning_effort") instanceof String s) {
            return s;
        }
        if (body.getValue("reasoning") instanceof JsonObject r && r.getValue("effort") instanceof String s) {
            return s;
        }
        return null;
    }

    private static Integer firstInt(JsonObject body, String... names) {
        for (String n : names) {
            if (body.getValue(n) instanceof Number num) {
                return num.intValue();
            }
        }
        return null;
    }

    private static int intOr(Object v, int dflt) {
        return v instanceof Number n ? n.intValue() : dflt;
    }

    private static Double doubleOr(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static JsonObject objectOr(Object v) {
        return v instanceof JsonObject o ? o : null;
    }
}
