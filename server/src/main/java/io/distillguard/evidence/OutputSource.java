package io.distillguard.evidence;

/**
 * Where the experiment collects the teacher's responses: in process from real model texts, or (added by the gateway
 * integration) through the gateway over HTTP, so that the gateway's own watermarking is what gets measured.
 */
public interface OutputSource {

    /** The response text to one prompt, as the distiller would receive it. */
    String respond(String prompt);
}
