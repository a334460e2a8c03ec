package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillguard.link.AsnTable;
import io.distillguard.sim.run.AsnDatabaseFile;
import io.distillguard.sim.scenario.ScenarioLoad;
import io.distillguard.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ASNs a scenario gives its IP pools become an ASN database that the gateway's table reads back. */
class AsnDatabaseFileTest {
    @TempDir
    Path dir;

    @Test
    void theSuitesPoolsResolveToTheirAsns() throws Exception {
        var scenario = ScenarioLoader.withShared(ScenarioLoaderTest.SHARED).load(Path.of("../scenarios/suite.yaml"))
                .orThrow();
        AsnTable table = AsnTable.load(AsnDatabaseFile.write(scenario, dir));
        assertThat(table.asnOf("198.18.7.44")).as("hydra's residential proxy").isEqualTo(64510);
        assertThat(table.asnOf("198.18.13.1")).isEqualTo(64511);
        assertThat(table.asnOf("100.64.11.9")).as("cloud").isEqualTo(64500);
        assertThat(table.asnOf("203.0.113.200")).isEqualTo(64499);
        assertThat(table.asnOf("10.1.1.1")).isZero();
    }

    @Test
    void aPoolGivenTwoAsnsIsRefusedAndNoAsnsWriteNoFile() {
        String text = """
                name: t
                duration: 1h
                populations:
                  - {name: a, label: benign, accounts: 1, tier: free, prompts: {type: jsonl, path: p.jsonl},
                     arrivals: {type: timer}, behaviour: {type: chat},
                     attributes: {ip: {pools: [198.18.1.0/24], asn: 64500}}}
                  - {name: b, label: benign, accounts: 1, tier: free, prompts: {type: jsonl, path: p.jsonl},
                     arrivals: {type: timer}, behaviour: {type: chat},
                     attributes: {ip: {pools: [198.18.2.0/24, 198.18.1.0/24], asns: [64501, 64502]}}}
                """;
        ScenarioLoad load = new ScenarioLoader(Map.of()).parse(text, "t.yaml");
        assertThat(load).isInstanceOf(ScenarioLoad.Loaded.class);
        assertThatThrownBy(() -> AsnDatabaseFile.write(load.orThrow(), dir))
                .hasMessageContaining("198.18.1.0/24 is AS64500 in a but AS64502 in b");
        ScenarioLoad wrongCount = new ScenarioLoader(Map.of()).parse(text.replace("asns: [64501, 64502]",
                "asns: [64501]"), "t.yaml");
        assertThat(((ScenarioLoad.Invalid) wrongCount).message()).contains("one ASN per pool");
    }
}
