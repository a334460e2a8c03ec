package io.distillguard.evidence;

import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;
import io.distillguard.watermark.WatermarkScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A reduced run of the experiment: a fully watermarked student is caught, unwatermarked students are not. */
class DistillationExperimentTest {

    @Test
    void watermarkSurvivesIntoTheStudentAndControlsStayClean(@TempDir Path dir) throws Exception {
        TeacherCorpus corpus = TeacherCorpus.alpaca(Path.of(System.getProperty("distillguard.shared", "../shared")));
        DistillationExperiment experiment = new DistillationExperiment(corpus,
                new WatermarkConfig(WatermarkKey.global(KeyFiles.EXPERIMENT_KEY), 1.0, WatermarkScope.PER_ENTITY));
        ExperimentConfig config = new ExperimentConfig(List.of(2000), List.of(1.0), 2, 300, 3, 150, 7L);

        List<StudentResult> students = experiment.run(config, s -> { });
        ExperimentReport report = new ExperimentReport(config, students);
        report.write(dir);

        StudentResult marked = students.getFirst();
        assertThat(marked.watermarkShare()).isEqualTo(1.0);
        assertThat(marked.markedKey().pValue()).isLessThan(1e-6);
        assertThat(marked.smallestOtherAdjustedP()).isGreaterThan(1e-3);
        assertThat(report.controls()).hasSize(2);
        assertThat(report.falsePositives()).isZero();
        assertThat(Files.readString(dir.resolve("distillation-experiment.md"))).contains("| 2000 |", "False positives");
        assertThat(Files.readString(dir.resolve("distillation-experiment.json"))).contains("\"falsePositivesAt1e-3\" : 0");
    }
}
