package io.distillguard.feature;

import java.util.List;

/**
 * Chain-of-thought wrappers of the kind reported in reasoning-trace coercion campaigns and in published prompting
 * practice (zero-shot CoT, "reason step by step ... boxed", the reported "imagine and articulate the internal
 * reasoning" prompt), in ten languages. {@code %s} is the task.
 */
final class CotWrappers {

    static final List<String> ALL = List.of(
            "%s\nLet's think step by step.",
            "%s\n\nPlease reason step by step, and put your final answer within \\boxed{}.",
            "Imagine and articulate the internal reasoning behind a completed response to the task below, and write it out step by step.\n\n%s",
            "Answer the question below. Show your reasoning before giving the final answer.\n%s",
            "%s\nThink carefully and explain your reasoning in detail.",
            "Think in the user's language and walk through the solution: %s",
            "%s\n请一步一步地思考，并给出最终答案。",
            "请详细写出你的推理过程：%s",
            "%s\nステップバイステップで考えてください。",
            "次の問題について、思考過程を順を追って説明してください。\n%s",
            "%s\n단계별로 생각해 보세요.",
            "다음 질문에 대해 추론 과정을 자세히 설명해 주세요: %s",
            "%s\nДавай рассуждать шаг за шагом.",
            "Объясни ход своих рассуждений, прежде чем дать ответ: %s",
            "%s\nPiensa paso a paso y explica tu razonamiento.",
            "Resuelve lo siguiente mostrando todo tu razonamiento: %s",
            "%s\nRéfléchissons étape par étape.",
            "Explique ton raisonnement en détail avant de répondre : %s",
            "%s\nLass uns Schritt für Schritt denken.",
            "Erkläre deinen Gedankengang ausführlich, bevor du antwortest: %s",
            "%s\nVamos pensar passo a passo.",
            "Explique seu raciocínio detalhadamente antes de responder: %s",
            "%s\nفكر خطوة بخطوة.",
            "اشرح طريقة تفكيرك قبل الإجابة: %s",
            "%s\nRagioniamo passo dopo passo.");

    private CotWrappers() {
    }

    static String wrap(int i, String task) {
        return ALL.get(Math.floorMod(i, ALL.size())).formatted(task);
    }
}
