package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

    @Test
    void picksTheLongestMandatoryLiteralsOfASequence() {
        assertThat(RequiredLiterals.of("\\b(think|reason)\\b[^.\\n]{0,40}\\bstep[- ]by[- ]step\\b")).hasValueSatisfying(
                s -> assertThat(s).containsExactlyInAnyOrder("step-by-step", "step by-step", "step-by step",
                        "step by step"));
        assertThat(RequiredLiterals.of("\\blet'?s think\\b")).hasValueSatisfying(
                s -> assertThat(s).containsExactlyInAnyOrder("let's think", "lets think"));
    }

    @Test
    void alternationsNeedALiteralInEveryBranch() {
        assertThat(RequiredLiterals.of("一步一步|逐步")).hasValueSatisfying(
                s -> assertThat(s).containsExactlyInAnyOrder("一步一步", "逐步"));
        assertThat(RequiredLiterals.of("\\bscratchpad\\b|\\bthought:\\s|\\d+")).isEmpty();
        assertThat(RequiredLiterals.of("\\\\boxed")).hasValueSatisfying(s -> assertThat(s).containsExactly("\\boxed"));
    }

    @Test
    void optionalPartsAndUnknownSyntaxGiveNoLiterals() {
        assertThat(RequiredLiterals.of("(abc)?\\w+")).isEmpty();
        assertThat(RequiredLiterals.of("(?i)step")).isEmpty();
        assertThat(RequiredLiterals.of("^\\s*[}\\])]")).hasValueSatisfying(
                s -> assertThat(s).containsExactlyInAnyOrder("}", "]", ")"));
    }
}
