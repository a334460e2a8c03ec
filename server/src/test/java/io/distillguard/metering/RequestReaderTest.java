package io.distillguard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    @Test
    void readsChatMessagesWithContentParts() {
        JsonObject body = new JsonObject("""
                {"model":"m","messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"user","content":[{"type":"text","text":"Describe"},{"type":"image_url","image_url":{"url":"x"}},
                                            {"type":"text","text":"this."}]},
                  {"role":"assistant","content":"Sure."},
                  {"role":"user","content":"Step by step please."}]}""");
        PromptText p = RequestReader.prompt(Endpoint.CHAT_COMPLETIONS, body);
        assertThat(p.messages()).hasSize(4);
        assertThat(p.messages().get(1).text()).isEqualTo("Describe\nthis.");
        assertThat(p.userTurns()).isEqualTo(2);
        assertThat(p.chat()).isTrue();
    }

    @Test
    void readsCompletionsEmbeddingsAndResponsesShapes() {
        assertThat(RequestReader.prompt(Endpoint.COMPLETIONS, new JsonObject("{\"prompt\":[\"a\",\"b\"]}"))
                .messages()).hasSize(2);
        PromptText ids = RequestReader.prompt(Endpoint.EMBEDDINGS, new JsonObject("{\"input\":[[1,2,3],[4]]}"));
        assertThat(ids.extraTokens()).isEqualTo(4);
        PromptText r = RequestReader.prompt(Endpoint.RESPONSES, new JsonObject("""
                {"instructions":"Be kind","input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}]}"""));
        assertThat(r.joined()).isEqualTo("Be kind\nhi");
    }

    @Test
    void readsExtractionRelevantParameters() {
        RequestParams p = RequestReader.params(Endpoint.CHAT_COMPLETIONS, new JsonObject("""
                {"n":4,"temperature":1.3,"max_completion_tokens":512,"logprobs":true,"top_logprobs":20,
                 "logit_bias":{"123":-100,"456":100},"tools":[{},{}],"response_format":{"type":"json_schema"},
                 "stream":true,"reasoning_effort":"high","seed":7}"""));
        assertThat(p.n()).isEqualTo(4);
        assertThat(p.temperature()).isEqualTo(1.3);
        assertThat(p.maxTokens()).isEqualTo(512);
        assertThat(p.topLogprobs()).isEqualTo(20);
        assertThat(p.logitBiasSize()).isEqualTo(2);
        assertThat(p.logitBiasWithLogprobs()).isTrue();
        assertThat(p.toolCount()).isEqualTo(2);
        assertThat(p.responseFormat()).isEqualTo("json_schema");
        assertThat(p.stream()).isTrue();
        assertThat(p.reasoningEffort()).isEqualTo("high");
        assertThat(p.seed()).isEqualTo(7L);
        RequestParams legacy = RequestReader.params(Endpoint.COMPLETIONS, new JsonObject("{\"logprobs\":5}"));
        assertThat(legacy.logprobs()).isTrue();
        assertThat(legacy.topLogprobs()).isEqualTo(5);
        RequestParams responses = RequestReader.params(Endpoint.RESPONSES,
                new JsonObject("{\"max_output_tokens\":99,\"reasoning\":{\"effort\":\"low\"},\"text\":{\"format\":{\"type\":\"json_object\"}}}"));
        assertThat(responses.maxTokens()).isEqualTo(99);
        assertThat(responses.reasoningEffort()).isEqualTo("low");
        assertThat(responses.responseFormat()).isEqualTo("json_object");
    }

    @Test
    void toleratesWrongTypes() {
        RequestParams p = RequestReader.params(Endpoint.CHAT_COMPLETIONS,
                new JsonObject("{\"n\":\"many\",\"messages\":\"nope\",\"logit_bias\":[1]}"));
        assertThat(p.n()).isEqualTo(1);
        assertThat(p.logitBiasSize()).isZero();
        assertThat(RequestReader.prompt(Endpoint.CHAT_COMPLETIONS, new JsonObject("{\"messages\":\"nope\"}"))
                .messages()).isEmpty();
    }
}
