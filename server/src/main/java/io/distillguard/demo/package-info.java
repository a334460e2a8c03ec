/**
 * The demo upstream: an OpenAI-compatible model simulator that stands in for the real model API behind the gateway
 * in the demo, the tests, the evaluation harness and the benchmarks.
 *
 * <p>{@link io.distillguard.demo.ModelSimulator} serves POST /v1/chat/completions, /v1/completions, /v1/embeddings,
 * /v1/responses and GET /v1/models on a Vert.x {@code HttpServer}, plain and as server-sent events, in the wire format
 * the official SDKs parse. Answers are English text written from WordNet about the prompt's words, deterministic per
 * (seed, prompt, choice), with usage counted by jtokkit (o200k_base) on exactly the returned text.
 * {@link io.distillguard.demo.CompletionEngine} is the same model without HTTP, with the timings a simulation on a
 * virtual clock needs. Settings live in {@link io.distillguard.demo.SimulatorConfig}.
 *
 * <p>Faults for the gateway's tests, per request header {@code x-sim-fault} (comma-separated): {@code 500},
 * {@code reset}, {@code hang}, {@code slow-ttft:MS}, {@code no-usage}.
 */
package io.distillguard.demo;
