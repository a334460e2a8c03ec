package io.distillguard.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Parses request and response bodies into Vert.x JSON the cheap way: Jackson's streaming parser straight over the
 * buffer's bytes (no copy, no encoding detection over an InputStream, no databind), building the same maps, lists
 * and numbers as {@code Json.decodeValue} (Integer/Long/BigInteger, Double), with the same limits (the factory of
 * Vert.x's mapper) and the same rejection of trailing content.
 */
public final class GatewayJson {
    private static final JsonFactory FACTORY = DatabindCodec.mapper().getFactory();

    private GatewayJson() {
    }

    /** The JSON value in {@code body}: a {@link JsonObject}, {@link JsonArray}, String, Number, Boolean or null. */
    public static Object value(Buffer body) {
        Object parsed;
        try {
            parsed = JacksonCodec.fromParser(parser(body), Object.class);
        } catch (IOException e) {
            throw new DecodeException("Failed to decode: " + e.getMessage(), e);
        }
        return wrap(parsed);
    }

    /** The JSON object in {@code body}. */
    public static JsonObject object(Buffer body) {
        if (value(body) instanceof JsonObject o) {
            return o;
        }
        throw new DecodeException("Not a JSON object");
    }

    @SuppressWarnings("unchecked")
    private static Object wrap(Object parsed) {
        if (parsed instanceof Map<?, ?> m) {
            return new JsonObject((Map<String, Object>) m);
        }
        if (parsed instanceof List<?> l) {
            return new JsonArray((List<Object>) l);
        }
        return parsed;
    }

    private static JsonParser parser(Buffer body) throws IOException {
        ByteBuf buf = body instanceof BufferInternal b ? b.getByteBuf() : null;
        if (buf != null && buf.hasArray()) {
            return FACTORY.createParser(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
        }
        return FACTORY.createParser(body.getBytes());
    }
}
