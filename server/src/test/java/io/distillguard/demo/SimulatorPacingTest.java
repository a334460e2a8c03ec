package io.distillguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timing behaviour over raw sockets: pacing honours time to first token and inter-token gaps (lower bounds only),
 * slow-ttft delays, hang never answers, and a stream whose client leaves is cancelled and stops sending.
 */
class SimulatorPacingTest {

    private static final long TTFT_MS = 120;
    private static final long INTER_TOKEN_MS = 15;

    private static RunningSimulator sim;

    @BeforeAll
    static void start() {
        sim = new RunningSimulator(SimulatorConfig.defaults().withTimings(TTFT_MS, 0, INTER_TOKEN_MS));
        sim.simulator.warmUp().await();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String chatRequest(boolean stream, int maxTokens, String fault) {
        String body = new JsonObject().put("model", "sim-small").put("stream", stream).put("max_tokens", maxTokens)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                        .put("content", "Write a long essay about the ocean and its weather."))).encode();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (fault == null ? "" : "x-sim-fault: " + fault + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    private static Socket send(String request) throws Exception {
        Socket socket = new Socket("127.0.0.1", sim.port);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return socket;
    }

    @Test
    void streamHonoursTimeToFirstTokenAndInterTokenGaps() throws Exception {
        int tokens = 12;
        long sent = System.nanoTime();
        long firstData = -1;
        try (Socket socket = send(chatRequest(true, tokens, null));
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ") && firstData < 0) {
                    firstData = System.nanoTime();
                }
                if (line.equals("data: [DONE]")) {
                    break;
                }
            }
        }
        long done = System.nanoTime();
        assertThat((firstData - sent) / 1_000_000).as("time to first token").isGreaterThanOrEqualTo(TTFT_MS - 5);
        assertThat((done - sent) / 1_000_000).as("whole stream")
                .isGreaterThanOrEqualTo(TTFT_MS + INTER_TOKEN_MS * (tokens - 1) - 5);
    }

    @Test
    void plainAnswerWaitsForTheWholeGeneration() throws Exception {
        int tokens = 10;
        long sent = System.nanoTime();
        try (Socket socket = send(chatRequest(false, tokens, "slow-ttft:100"))) {
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.UTF_8))
                    .isEqualTo("HTTP/1.1 200");
        }
        assertThat((System.nanoTime() - sent) / 1_000_000)
                .isGreaterThanOrEqualTo(100 + TTFT_MS + INTER_TOKEN_MS * (tokens - 1) - 5);
    }

    @Test
    void cancelledStreamIsCountedAndStopsSending() throws Exception {
        long cancelledBefore = sim.simulator.cancelledStreams();
        try (Socket socket = send(chatRequest(true, 2_000, null));
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8))) {
            int frames = 0;
            while (frames < 3) {
                if (in.readLine().startsWith("data: ")) {
                    frames++;
                }
            }
            assertThat(sim.simulator.inFlight()).isEqualTo(1);
        }
        awaitTrue(() -> sim.simulator.cancelledStreams() == cancelledBefore + 1);
        awaitTrue(() -> sim.simulator.inFlight() == 0);
        long chunks = sim.simulator.streamedChunks();
        Thread.sleep(INTER_TOKEN_MS * 10);
        assertThat(sim.simulator.streamedChunks()).as("no chunk after cancellation").isEqualTo(chunks);
    }

    @Test
    void hangNeverAnswersAndLeavesInFlightWhenTheClientGivesUp() throws Exception {
        try (Socket socket = send(chatRequest(false, 5, "hang"))) {
            socket.setSoTimeout((int) (TTFT_MS * 3));
            awaitTrue(() -> sim.simulator.inFlight() == 1);
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .as("not a byte within three times the normal time to first token")
                    .isInstanceOf(SocketTimeoutException.class);
        }
        awaitTrue(() -> sim.simulator.inFlight() == 0);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
