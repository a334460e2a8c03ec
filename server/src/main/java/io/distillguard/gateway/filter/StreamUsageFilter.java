package io.distillguard.gateway.filter;

import io.distillguard.event.Endpoint;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.FilterOutcome;
import io.distillguard.gateway.RequestFilter;
import io.vertx.core.json.JsonObject;

/**
 * Makes streamed chat and completions requests report exact usage: asks the upstream for
 * {@code stream_options.include_usage} when the client did not, and marks the exchange so that the extra usage chunk is
 * removed again before it reaches the client. (The Responses API always reports usage in response.completed.)
 */
public final class StreamUsageFilter implements RequestFilter {

    @Override
    public FilterOutcome apply(Exchange ex) {
        if (!ex.params.stream() || ex.body == null
                || (ex.endpoint != Endpoint.CHAT_COMPLETIONS && ex.endpoint != Endpoint.COMPLETIONS)) {
            return FilterOutcome.CONTINUE;
        }
        JsonObject options = ex.body.getValue("stream_options") instanceof JsonObject o ? o : null;
        if (options != null && Boolean.TRUE.equals(options.getValue("include_usage"))) {
            return FilterOutcome.CONTINUE;
        }
        if (options == null) {
            options = new JsonObject();
            ex.body.put("stream_options", options);
        }
        options.put("include_usage", true);
        ex.markBodyModified();
        ex.usageChunkInjected = true;
        return FilterOutcome.CONTINUE;
    }
}
