package io.distillguard.evidence;

import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.WatermarkRequest;

/** In-process stand-in for the gateway: the teacher's real response, watermarked for one entity. */
public record WatermarkingTeacher(OutputSource teacher, LexicalWatermarker watermarker, String entityId)
        implements OutputSource {

    @Override
    public String respond(String prompt) {
        return watermarker.apply(teacher.respond(prompt), new WatermarkRequest(entityId, prompt, false));
    }
}
