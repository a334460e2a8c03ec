package io.distillguard.store;

import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * The flat {@code usage_events} row of a {@link UsageEvent}: {@link RequestParams} and {@link PromptFeatures} become
 * columns, the embedding a BLOB, enums their names. {@code seq} is the store's insertion number, the tie-break that
 * makes event-time order stable.
 */
final class UsageEventRows {

    static final String TABLE = "usage_events";

    static final String CREATE_TABLE = """
            CREATE TABLE usage_events (
                seq BIGINT NOT NULL,
                request_id VARCHAR NOT NULL,
                timestamp_ms BIGINT NOT NULL,
                org_id VARCHAR,
                account_id VARCHAR,
                key_id VARCHAR,
                entity_id VARCHAR,
                client_ip VARCHAR,
                client_fingerprint VARCHAR,
                user_agent VARCHAR,
                model VARCHAR,
                endpoint VARCHAR NOT NULL,
                n INTEGER NOT NULL,
                temperature DOUBLE,
                top_p DOUBLE,
                max_tokens INTEGER,
                logprobs BOOLEAN NOT NULL,
                top_logprobs INTEGER NOT NULL,
                logit_bias_size INTEGER NOT NULL,
                tool_count INTEGER NOT NULL,
                response_format VARCHAR,
                stream BOOLEAN NOT NULL,
                reasoning_effort VARCHAR,
                seed BIGINT,
                prompt_chars INTEGER NOT NULL,
                message_count INTEGER NOT NULL,
                user_turns INTEGER NOT NULL,
                content_hash BIGINT NOT NULL,
                sim_hash BIGINT NOT NULL,
                template_hash BIGINT NOT NULL,
                content_flags INTEGER NOT NULL,
                language VARCHAR,
                embedding BLOB,
                input_tokens BIGINT NOT NULL,
                output_tokens BIGINT NOT NULL,
                status INTEGER NOT NULL,
                error_code VARCHAR,
                latency_ms BIGINT NOT NULL,
                ttft_ms BIGINT NOT NULL,
                usage_source VARCHAR NOT NULL,
                prompt_text VARCHAR,
                response_text VARCHAR)""";

    /** Every column but {@code seq}, in table order: what {@link #read} expects. */
    static final String EVENT_COLUMNS = """
            request_id, timestamp_ms, org_id, account_id, key_id, entity_id, client_ip, client_fingerprint, user_agent,
            model, endpoint, n, temperature, top_p, max_tokens, logprobs, top_logprobs, logit_bias_size, tool_count,
            response_format, stream, reasoning_effort, seed, prompt_chars, message_count, user_turns, content_hash,
            sim_hash, template_hash, content_flags, language, embedding, input_tokens, output_tokens, status,
            error_code, latency_ms, ttft_ms, usage_source, prompt_text, response_text""";

    private UsageEventRows() {
    }

    /** Appends {@code e} as one row numbered {@code seq}. */
    static void append(DuckDBAppender a, long seq, UsageEvent e) throws SQLException {
        RequestParams p = e.params();
        PromptFeatures f = e.prompt();
        a.beginRow();
        a.append(seq);
        a.append(e.requestId());
        a.append(e.timestampMs());
        text(a, e.orgId());
        text(a, e.accountId());
        text(a, e.keyId());
        text(a, e.entityId());
        text(a, e.clientIp());
        text(a, e.clientFingerprint());
        text(a, e.userAgent());
        text(a, e.model());
        a.append(e.endpoint().name());
        a.append(p.n());
        a.append(p.temperature());
        a.append(p.topP());
        a.append(p.maxTokens());
        a.append(p.logprobs());
        a.append(p.topLogprobs());
        a.append(p.logitBiasSize());
        a.append(p.toolCount());
        text(a, p.responseFormat());
        a.append(p.stream());
        text(a, p.reasoningEffort());
        a.append(p.seed());
        a.append(f.chars());
        a.append(f.messageCount());
        a.append(f.userTurns());
        a.append(f.contentHash());
        a.append(f.simHash());
        a.append(f.templateHash());
        a.append(f.contentFlags());
        text(a, f.language());
        if (f.embedding() == null) {
            a.appendNull();
        } else {
            a.append(f.embedding());
        }
        a.append(e.inputTokens());
        a.append(e.outputTokens());
        a.append(e.status());
        text(a, e.errorCode());
        a.append(e.latencyMs());
        a.append(e.ttftMs());
        a.append(e.usageSource().name());
        text(a, e.promptText());
        text(a, e.responseText());
        a.endRow();
    }

    private static void text(DuckDBAppender a, String s) throws SQLException {
        if (s == null) {
            a.appendNull();
        } else {
            a.append(s);
        }
    }

    /** A BLOB column as bytes, or null. */
    static byte[] bytes(ResultSet rs, String column) throws SQLException {
        Blob b = rs.getBlob(column);
        return b == null ? null : b.getBytes(1, (int) b.length());
    }

    /** The event in the current row of a result selected with {@link #EVENT_COLUMNS}. */
    static UsageEvent read(ResultSet rs) throws SQLException {
        RequestParams params = new RequestParams(
                rs.getInt("n"),
                rs.getObject("temperature", Double.class),
                rs.getObject("top_p", Double.class),
                rs.getObject("max_tokens", Integer.class),
                rs.getBoolean("logprobs"),
                rs.getInt("top_logprobs"),
                rs.getInt("logit_bias_size"),
                rs.getInt("tool_count"),
                rs.getString("response_format"),
                rs.getBoolean("stream"),
                rs.getString("reasoning_effort"),
                rs.getObject("seed", Long.class));
        PromptFeatures prompt = new PromptFeatures(
                rs.getInt("prompt_chars"),
                rs.getInt("message_count"),
                rs.getInt("user_turns"),
                rs.getLong("content_hash"),
                rs.getLong("sim_hash"),
                rs.getLong("template_hash"),
                rs.getInt("content_flags"),
                rs.getString("language"),
                bytes(rs, "embedding"));
        return new UsageEvent(
                rs.getString("request_id"),
                rs.getLong("timestamp_ms"),
                rs.getString("org_id"),
                rs.getString("account_id"),
                rs.getString("key_id"),
                rs.getString("entity_id"),
                rs.getString("client_ip"),
                rs.getString("client_fingerprint"),
                rs.getString("user_agent"),
                rs.getString("model"),
                Endpoint.valueOf(rs.getString("endpoint")),
                params,
                prompt,
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                rs.getInt("status"),
                rs.getString("error_code"),
                rs.getLong("latency_ms"),
                rs.getLong("ttft_ms"),
                UsageSource.valueOf(rs.getString("usage_source")),
                rs.getString("prompt_text"),
                rs.getString("response_text"));
    }
}
