package io.distillguard.policy;

import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.policy.file.Policy;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyLoaderTest {

    private final PolicyLoader loader = new PolicyLoader();

    static String policy(String rules) {
        return "version: t1\nrules:\n" + rules;
    }

    private PolicyLoadResult.Rejected rejected(String yaml) {
        PolicyLoadResult r = loader.load(yaml);
        assertThat(r).isInstanceOf(PolicyLoadResult.Rejected.class);
        return (PolicyLoadResult.Rejected) r;
    }

    @Test
    void defaultPackLoadsWithEveryRuleCompiled() {
        PolicyLoadResult r = loader.loadResource("policies/default.yaml");
        assertThat(r).isInstanceOf(PolicyLoadResult.Loaded.class);
        Policy p = ((PolicyLoadResult.Loaded) r).policy();
        assertThat(p.version()).isEqualTo("default-2");
        assertThat(p.rules()).hasSize(9);
        assertThat(p.rule("block-confirmed-campaign").orElseThrow().mode()).isEqualTo(Mode.SHADOW);
        assertThat(p.rule("refuse-logit-bias-probing").orElseThrow().scope()).isEqualTo(ScopeType.KEY);
        assertThat(p.rule("throttle-high-risk").orElseThrow().duration()).isEqualTo(Duration.ofHours(6));
        assertThat(p.rule("verify-new-unverified-sweep").orElseThrow().condition().references().signals())
                .containsExactly("dataset_sweep");
        assertThat(p.rule("degrade-logprob-harvesting").orElseThrow().condition().references().signals())
                .containsExactly("logprob_harvest");
        assertThat(p.sha256()).hasSize(64);
    }

    @Test
    void typeErrorNamesTheRuleAndTheCelError() {
        var r = rejected(policy("""
                  - name: ok-rule
                    when: entity.risk > 0.5
                    action: tag
                  - name: risk-is-a-number
                    when: entity.risk > 'high'
                    action: block
                """));
        assertThat(r.errors()).hasSize(1);
        assertThat(r.errors().get(0)).startsWith("rule 'risk-is-a-number': invalid condition:")
                .contains("found no matching overload for '_>_'").contains("(double, string)");
    }

    @Test
    void syntaxErrorUnknownFieldAndNonBoolResultAreRejected() {
        var r = rejected(policy("""
                  - name: broken-syntax
                    when: entity.risk >
                    action: tag
                  - name: misspelt-field
                    when: entity.rsik > 0.5
                    action: tag
                  - name: not-a-condition
                    when: entity.risk
                    action: tag
                  - name: unknown-variable
                    when: user.risk > 0.5
                    action: tag
                """));
        assertThat(r.errors()).hasSize(4);
        assertThat(r.errors().get(0)).startsWith("rule 'broken-syntax'").contains("mismatched input");
        assertThat(r.errors().get(1)).startsWith("rule 'misspelt-field'").contains("undefined field 'rsik'");
        assertThat(r.errors().get(2)).startsWith("rule 'not-a-condition'").contains("expected type 'bool'");
        assertThat(r.errors().get(3)).startsWith("rule 'unknown-variable'").contains("undeclared reference to 'user'");
        assertThat(r.message()).contains("broken-syntax").contains("unknown-variable");
    }

    @Test
    void badActionsParamsDurationsModesAndNamesAreRejected() {
        var r = rejected(policy("""
                  - name: a
                    when: "true"
                    action: nuke
                  - name: b
                    when: "true"
                    action: throttle
                    params: {factor: 1.5}
                  - name: c
                    when: "true"
                    action: block
                    params: {factor: 0.5}
                  - name: d
                    when: "true"
                    action: tag
                    duration: soon
                  - name: e
                    when: "true"
                    action: tag
                    mode: maybe
                  - name: e
                    when: "true"
                    action: degrade
                """));
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("rule 'a'").contains("unknown action 'nuke'"))
                .anySatisfy(e -> assertThat(e).startsWith("rule 'b'").contains("factor must be in (0, 1]"))
                .anySatisfy(e -> assertThat(e).startsWith("rule 'c'").contains("'factor' does not apply to action block"))
                .anySatisfy(e -> assertThat(e).startsWith("rule 'd'").contains("invalid duration 'soon'"))
                .anySatisfy(e -> assertThat(e).startsWith("rule 'e'").contains("mode must be enforce or shadow"))
                .anySatisfy(e -> assertThat(e).startsWith("rule 'e'").contains("duplicate name"))
                .anySatisfy(e -> assertThat(e).startsWith("rule 'e'").contains("degrade withholds nothing"));
    }

    @Test
    void unknownKeysAndAllowlistWithoutContractAreRejected() {
        assertThat(rejected(policy("""
                  - name: a
                    when: "true"
                    action: tag
                    severity_typo: 3
                """)).errors().get(0)).contains("invalid YAML").contains("severity_typo");
        assertThat(rejected("""
                version: t
                allowlist:
                  - entity: ent_x
                rules: []
                """).errors()).containsExactly("allowlist[0]: a contract reference is mandatory");
    }

    @Test
    void durationsAcceptShorthandAndIso() {
        PolicyLoadResult r = loader.load(policy("""
                  - name: a
                    when: "true"
                    action: tag
                    duration: 90s
                  - name: b
                    when: "true"
                    action: tag
                    duration: P1D
                  - name: c
                    when: "true"
                    action: tag
                """));
        Policy p = ((PolicyLoadResult.Loaded) r).policy();
        assertThat(p.rules()).extracting(x -> x.duration())
                .containsExactly(Duration.ofSeconds(90), Duration.ofDays(1), null);
    }
}
