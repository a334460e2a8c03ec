package io.distillguard.enforce;

import io.distillguard.gateway.AppliedPolicy;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.ResponseFilter;
import io.distillguard.gateway.SseEvent;
import io.distillguard.metering.MeteredUsage;
import io.distillguard.metering.TokenCounter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The response side of degrade decisions: drops reasoning ({@code reasoning_content} of chat messages and deltas,
 * reasoning output items and events of the Responses API) when a decision says so, and strips any logprobs an
 * upstream still returned after they were removed from the request. When the request ends it records what the
 * decisions withheld (logprob entries, dropped reasoning tokens, the tokens of choices cut by an n cap) in the cost
 * ledger. Requests no decision covers pass untouched.
 */
public final class ResponseDegrader implements ResponseFilter {
    private final CostLedger ledger;
    private final TokenCounter tokens;

    public ResponseDegrader(CostLedger ledger, TokenCounter tokens) {
        this.ledger = ledger;
        this.tokens = tokens;
    }

    @Override
    public JsonObject onBody(Exchange ex, JsonObject body) {
        AppliedPolicy p = ex.policy;
        if (p == null || (p.dropReasoning == null && p.strippedLogprobs == null)) {
            return body;
        }
        ex.markResponseModified();
        if (body.getValue("choices") instanceof JsonArray choices) {
            for (Object o : choices) {
                if (o instanceof JsonObject choice) {
                    if (p.strippedLogprobs != null && choice.getValue("logprobs") != null) {
                        choice.put("logprobs", null);
                    }
                    if (p.dropReasoning != null && choice.getValue("message") instanceof JsonObject m) {
                        p.reasoningTokensDropped += dropReasoning(m);
                    }
                }
            }
        }
        int itemsDropped = 0;
        if (p.dropReasoning != null && body.getValue("output") instanceof JsonArray output) {
            itemsDropped = dropReasoningItems(output);
        }
        if ((p.reasoningTokensDropped > 0 || itemsDropped > 0) && reportedReasoningTokens(body.getValue("usage")) > 0) {
            p.reasoningTokensDropped = reportedReasoningTokens(body.getValue("usage")); // exact, when reported
        }
        if (p.strippedLogprobs != null && body.getValue("output") instanceof JsonArray output) {
            stripOutputLogprobs(output);
        }
        return body;
    }

    @Override
    public SseEvent onEvent(Exchange ex, SseEvent event) {
        AppliedPolicy p = ex.policy;
        if (p == null || p.dropReasoning == null || event.isDone()) {
            return event;
        }
        JsonObject json = event.json();
        if (json == null) {
            return event;
        }
        String type = event.eventName() != null ? event.eventName() : json.getValue("type") instanceof String t ? t : "";
        if (type.startsWith("response.")) {
            return responsesEvent(p, event, type, json);
        }
        if (!(json.getValue("choices") instanceof JsonArray choices)) {
            return event;
        }
        boolean changed = false;
        boolean onlyReasoning = !choices.isEmpty();
        for (Object o : choices) {
            if (o instanceof JsonObject c && c.getValue("delta") instanceof JsonObject delta) {
                if (delta.remove("reasoning_content") != null | delta.remove("reasoning") != null) {
                    changed = true;
                    p.reasoningTokensDropped++;
                }
                onlyReasoning &= delta.isEmpty() && c.getValue("finish_reason") == null;
            } else {
                onlyReasoning = false;
            }
        }
        if (!changed) {
            return event;
        }
        return onlyReasoning && json.getValue("usage") == null ? null : SseEvent.ofJson(event.eventName(), json);
    }

    private static SseEvent responsesEvent(AppliedPolicy p, SseEvent event, String type, JsonObject json) {
        if (type.startsWith("response.reasoning")) {
            if (type.endsWith(".delta")) {
                p.reasoningTokensDropped++;
            }
            return null;
        }
        if (json.getValue("item") instanceof JsonObject item && "reasoning".equals(item.getValue("type"))) {
            return null;
        }
        if (json.getValue("response") instanceof JsonObject r && r.getValue("output") instanceof JsonArray out
                && dropReasoningItems(out) > 0) {
            return SseEvent.ofJson(event.eventName(), json);
        }
        return event;
    }

    @Override
    public void onComplete(Exchange ex) {
        AppliedPolicy p = ex.policy;
        if (p == null || !ex.forwarded || ex.status >= 400) {
            return;
        }
        if (p.dropReasoning != null) {
            ledger.withheld(p.dropReasoning.id(), p.reasoningTokensDropped);
        }
        if (p.strippedLogprobs == null && p.withheldChoices.isEmpty()) {
            return;
        }
        MeteredUsage usage = ex.meter.settle(tokens, ex.promptTokens);
        if (p.strippedLogprobs != null) { // one logprob per output token plus its top alternatives
            ledger.withheld(p.strippedLogprobs.id(), usage.outputTokens() * (1L + p.topLogprobs));
        }
        int sent = ex.forwardedParams != null ? ex.forwardedParams.n() : ex.params.n();
        for (AppliedPolicy.WithheldChoices w : p.withheldChoices) { // the cut choices would have been as long
            ledger.withheld(w.decision().id(), usage.outputTokens() * w.choices() / Math.max(1, sent));
        }
    }

    /** Reasoning tokens the upstream reported in a usage object (chat or responses shape), or 0. */
    private static long reportedReasoningTokens(Object usage) {
        if (usage instanceof JsonObject u) {
            for (String details : new String[] {"completion_tokens_details", "output_tokens_details"}) {
                if (u.getValue(details) instanceof JsonObject d && d.getValue("reasoning_tokens") instanceof Number n) {
                    return n.longValue();
                }
            }
        }
        return 0;
    }

    /** Removes a chat message's reasoning; returns an estimate of its tokens. */
    private int dropReasoning(JsonObject message) {
        int dropped = 0;
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            if (message.remove(field) instanceof String text) {
                dropped += tokens.count(text);
            }
        }
        return dropped;
    }

    /** Removes reasoning items from a Responses API output array; returns how many. */
    private static int dropReasoningItems(JsonArray output) {
        int before = output.size();
        output.getList().removeIf(o -> o instanceof java.util.Map<?, ?> m ? "reasoning".equals(m.get("type"))
                : o instanceof JsonObject j && "reasoning".equals(j.getValue("type")));
        return before - output.size();
    }

    private static void stripOutputLogprobs(JsonArray output) {
        for (Object o : output) {
            if (o instanceof JsonObject item && item.getValue("content") instanceof JsonArray parts) {
                for (Object part : parts) {
                    if (part instanceof JsonObject j && j.containsKey("logprobs")) {
                        j.put("logprobs", new JsonArray());
                    }
                }
            }
        }
    }
}
