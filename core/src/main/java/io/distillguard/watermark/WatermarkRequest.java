package io.distillguard.watermark;

/**
 * What the gateway knows about one response before marking it.
 *
 * @param entityId         entity the caller belongs to (selects the sub-key under {@link WatermarkScope#PER_ENTITY});
 *                         null when unknown
 * @param prompt           the prompt text; words the response quotes from it are left as they are. May be empty
 * @param structuredOutput the caller asked for JSON / structured output (response_format): leave the text untouched
 */
public record WatermarkRequest(String entityId, String prompt, boolean structuredOutput) {

    public WatermarkRequest {
        prompt = prompt == null ? "" : prompt;
    }

    /** No entity, no prompt, free text. */
    public static WatermarkRequest plain() {
        return new WatermarkRequest(null, "", false);
    }
}
