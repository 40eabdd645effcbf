package io.torghut.ta.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torghut.ta.replay.testutil.Checkout;
import io.torghut.ta.replay.testutil.GitOpsFixture;
import io.torghut.ta.replay.testutil.ToolRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tool says before any step when a production-shaped manifest asks for something the
 * operator refuses or does badly, or names its state in two ways: refused (exit 3, nothing written)
 * or warned, on the production checkout and on ours.
 */
class ProductionRefusalsTest {
    static final String ID = ProductionGoldenTest.ID;
    static final String PREFIX = ProductionGoldenTest.PREFIX;

    @TempDir Path dir;
    private Path root;

    @BeforeEach
    void production() {
        root = Checkout.PRODUCTION.writeTo(dir.resolve("gitops"));
    }

    @Test
    void lastStateWithoutHaIsRefusedBeforeAnyStep() throws IOException {
        edit(GitOpsFixture.FLINKDEPLOYMENT, "upgradeMode: savepoint", "upgradeMode: last-state");
        String before = snapshot();
        for (String[] cmd :
                List.of(
                        new String[] {"plan", "--replay-id", ID},
                        new String[] {"mode1", "--replay-id", ID, "--step", "1"})) {
            ToolRun r = run(cmd);
            assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
            assertThat(r.err)
                    .startsWith(
                            "REFUSED: last-state without HA: argocd/applications/torghut/ta/"
                                    + "flinkdeployment.yaml runs the job in upgradeMode"
                                    + " last-state")
                    .contains("'Job could not be upgraded with last-state while HA disabled'")
                    .contains("pass --operator-provides-ha");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(root.resolve(GitOpsFixture.LEDGER)).doesNotExist();
        ToolRun allowed = run("mode1", "--replay-id", ID, "--step", "1", "--operator-provides-ha");
        assertThat(allowed.exitCode).as(allowed.toString()).isZero();
        assertThat(allowed.out).doesNotContain("WARNING");
    }

    @Test
    void savepointWithoutHaIsWarnedBeforeAnyStep() throws Exception {
        ToolRun plan = run("plan", "--replay-id", ID);
        assertThat(plan.exitCode).as(plan.toString()).isZero();
        assertThat(plan.out.indexOf("WARNING: upgradeMode savepoint without HA"))
                .isPositive()
                .isLessThan(plan.out.indexOf("Step 1:"));
        JsonNode json = new ObjectMapper().readTree(run("plan", "--replay-id", ID, "--json").out);
        assertThat(json.get("warnings")).hasSize(2);
        ToolRun step = run("mode1", "--replay-id", ID, "--step", "1");
        assertThat(step.exitCode).as(step.toString()).isZero();
        assertThat(step.out.indexOf("WARNING: upgradeMode savepoint without HA"))
                .isPositive()
                .isLessThan(step.out.indexOf("GitOps changes"));
        assertThat(run("mode1", "--replay-id", ID, "--step", "2", "--operator-provides-ha").out)
                .doesNotContain("WARNING");
        Path ours = Checkout.LAST_STATE_HA.writeTo(dir.resolve("ours"));
        ToolRun ourPlan = ToolRun.run("plan", "--replay-id", ID, "--gitops-root", ours.toString());
        assertThat(ourPlan.exitCode).as(ourPlan.toString()).isZero();
        assertThat(ourPlan.out).doesNotContain("WARNING");
    }

    @Test
    void aCheckpointDirectoryTakenForThePrefixIsRefusedBeforeAnyStep() throws IOException {
        // What a new user writes when TA_CHECKPOINT_DIR reads as "the checkpoint directory".
        edit(
                GitOpsFixture.CONFIGMAP,
                "TA_CHECKPOINT_DIR: \"" + PREFIX + "\"",
                "TA_CHECKPOINT_DIR: \"" + PREFIX + "/checkpoints\"");
        String before = snapshot();
        ToolRun r = run("plan", "--replay-id", ID, "--mode", "mode2");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
        assertThat(r.err)
                .contains("REFUSED: the state directories disagree: TA_CHECKPOINT_DIR is " + PREFIX)
                .contains("Set TA_CHECKPOINT_DIR to the parent, " + PREFIX)
                .contains(
                        "but the FlinkDeployment's state.checkpoints.dir is "
                                + PREFIX
                                + "/checkpoints");
        ToolRun step = run("mode1", "--replay-id", ID, "--step", "1");
        assertThat(step.exitCode).isEqualTo(3);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(root.resolve(GitOpsFixture.LEDGER)).doesNotExist();
    }

    @Test
    void savepointDirectoriesThatDisagreeAreRefused() throws IOException {
        edit(
                GitOpsFixture.FLINKDEPLOYMENT,
                "state.savepoints.dir: " + PREFIX + "/savepoints",
                "state.savepoints.dir: " + PREFIX + "/operator-savepoints");
        ToolRun r = run("mode1", "--replay-id", ID, "--step", "1");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(3);
        assertThat(r.err)
                .contains(
                        "savepoints: TA_SAVEPOINT_DIR is "
                                + PREFIX
                                + "/savepoints (where the job's own savepoints go), but the"
                                + " operator writes the savepoints it takes");
    }

    @Test
    void aRollbackWarnsOfLastStateWithoutHaInsteadOfRefusing() throws IOException {
        Path ours = Checkout.LAST_STATE_HA.writeTo(dir.resolve("ours"));
        root = ours;
        run("mode1", "--replay-id", ID, "--step", "1");
        run("mode1", "--replay-id", ID, "--step", "2");
        // HA taken out of the patch between the steps: the rollback must still be possible.
        Path ha =
                root.resolve(GitOpsFixture.FLINKDEPLOYMENT)
                        .resolveSibling("high-availability.yaml");
        String text = Files.readString(ha, StandardCharsets.UTF_8);
        Files.writeString(
                ha,
                text.replace("high-availability.type: kubernetes", "high-availability.type: NONE"));
        assertThat(run("mode1", "--replay-id", ID, "--step", "3").exitCode).isEqualTo(3);
        ToolRun r = run("rollback", "--replay-id", ID);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).startsWith("REPLAY " + ID).contains("WARNING: last-state without HA");
    }

    private ToolRun run(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--gitops-root");
        a.add(root.toString());
        return ToolRun.run(a.toArray(String[]::new));
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = root.resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private String snapshot() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f :
                List.of(
                        GitOpsFixture.KNATIVE,
                        GitOpsFixture.CONFIGMAP,
                        GitOpsFixture.FLINKDEPLOYMENT)) {
            b.append(Files.readString(root.resolve(f), StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
