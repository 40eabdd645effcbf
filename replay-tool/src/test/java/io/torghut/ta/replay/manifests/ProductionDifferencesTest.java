package io.torghut.ta.replay.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.torghut.ta.testkit.ProductionFixtures;
import io.torghut.ta.testkit.ProductionFixtures.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * flinkdeployment/ says, beside each setting, where it differs from production and why, and this
 * test keeps that true against testkit's production fixtures, both ways: every documented
 * difference is real (production's value is the one written), and every difference is documented.
 *
 * <p>The convention, in a comment line right above a setting of a mapping: {@code # production:
 * `<production's value>`. <why>} or {@code # production: absent. <why>}. A setting only production
 * has is named in a comment at the level of the mapping it would be in: {@code # production also
 * sets `<key>`: `<value>`. <why>} (the value may be left out for a long text). Compared are the
 * scalars of the FlinkDeployment (metadata, spec, flinkConfiguration, job, resources; the pod
 * template's lists are compared by the manifests' own tests) and of the ConfigMap's data, as
 * kustomize renders ours.
 */
class ProductionDifferencesTest {
    static final Pattern DIFFERS =
            Pattern.compile("^( *)# production: (absent|`([^`]*)`)[.;,]?(?: +(\\S.*))?$");
    static final Pattern ALSO_SETS =
            Pattern.compile(
                    "^( *)# production also sets `([^`]+)`(: `([^`]*)`)?[.;,]?(?: +(\\S.*))?$");

    /** A comment line that carries text (the why of a marker may start on the next line). */
    static final Pattern PROSE = Pattern.compile("^ *# +(?!production)\\S.*$");

    static final Pattern SETTING = Pattern.compile("^( *)([^#\\s-][^:]*?|\"[^\"]*\"):( .*)?$");

    /** Parts of the documents not compared here: lists the manifests' own tests check. */
    static final Set<String> NOT_COMPARED =
            Set.of(
                    "spec.podTemplate",
                    "spec.jobManager.podTemplate",
                    "spec.taskManager.podTemplate");

    /** What the comments of flinkdeployment/ say, keyed by dotted path (keys keep their dots). */
    record Documented(Map<String, String> differs, Map<String, String> alsoSets) {}

    @Test
    void everyDocumentedDifferenceIsRealAndEveryDifferenceIsDocumented() throws Exception {
        List<JsonNode> docs = FlinkDeploymentManifestsTest.kustomize();
        Map<String, String> ours = new LinkedHashMap<>();
        Map<String, String> production = new LinkedHashMap<>();
        for (JsonNode d : docs) {
            String kind = d.path("kind").asText();
            if (kind.equals("FlinkDeployment")) {
                scalars(d.path("metadata"), "metadata", ours);
                scalars(d.path("spec"), "spec", ours);
            } else if (kind.equals("ConfigMap")) {
                scalars(d.path("data"), "data", ours);
            }
        }
        JsonNode fd = CrdSchema.YAML.readTree(ProductionFixtures.text(Fixture.TA_FLINKDEPLOYMENT));
        JsonNode cm = CrdSchema.YAML.readTree(ProductionFixtures.text(Fixture.TA_CONFIGMAP));
        scalars(fd.path("metadata"), "metadata", production);
        scalars(fd.path("spec"), "spec", production);
        scalars(cm.path("data"), "data", production);
        // Names and namespaces are the same by construction (kustomize sets ours).
        for (String same : List.of("metadata.name", "metadata.namespace")) {
            assertThat(ours.get(same)).as(same).isEqualTo(production.get(same));
        }

        Documented doc = documented();
        List<String> wrong = new ArrayList<>();
        doc.differs()
                .forEach(
                        (path, said) -> {
                            String actual = production.getOrDefault(path, null);
                            if (!ours.containsKey(path)) {
                                wrong.add(path + ": documented, but not a setting of ours");
                            } else if (!java.util.Objects.equals(said, actual)) {
                                wrong.add(
                                        path
                                                + ": says production has "
                                                + said
                                                + ", it has "
                                                + actual);
                            } else if (ours.get(path).equals(actual)) {
                                wrong.add(path + ": documented as a difference, but the same");
                            }
                        });
        doc.alsoSets()
                .forEach(
                        (path, said) -> {
                            if (!production.containsKey(path)) {
                                wrong.add(path + ": production does not set it");
                            } else if (ours.containsKey(path)) {
                                wrong.add(path + ": ours sets it too; document it beside ours");
                            } else if (said != null && !said.equals(production.get(path))) {
                                wrong.add(
                                        path
                                                + ": says production has "
                                                + said
                                                + ", it has "
                                                + production.get(path));
                            }
                        });
        Set<String> undocumented = new TreeSet<>();
        for (String path : union(ours.keySet(), production.keySet())) {
            boolean differs = !java.util.Objects.equals(ours.get(path), production.get(path));
            boolean said =
                    ours.containsKey(path)
                            ? doc.differs().containsKey(path)
                            : doc.alsoSets().containsKey(path);
            if (differs && !said) {
                undocumented.add(
                        path
                                + " (ours: "
                                + ours.get(path)
                                + ", production: "
                                + production.get(path)
                                + ")");
            }
        }
        assertThat(wrong).as("documented differences that are not true").isEmpty();
        assertThat(undocumented).as("differences from production not documented").isEmpty();
        // The convention is in use where it matters most.
        assertThat(doc.differs())
                .containsEntry("spec.flinkConfiguration.high-availability.type", null)
                .containsEntry("spec.job.upgradeMode", "savepoint");
    }

    /** Every {@code # production...} comment of flinkdeployment/, with the path it is about. */
    static Documented documented() throws IOException {
        Map<String, String> differs = new LinkedHashMap<>();
        Map<String, String> alsoSets = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(FlinkDeploymentManifestsTest.MANIFESTS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            Deque<Map.Entry<Integer, String>> parents = new ArrayDeque<>();
            String pending = null;
            boolean pendingAbsent = false;
            int pendingIndent = -1;
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String where = file.getFileName() + ":" + (i + 1);
                Matcher d = DIFFERS.matcher(line);
                Matcher a = ALSO_SETS.matcher(line);
                Matcher s = SETTING.matcher(line);
                if (d.matches() || a.matches()) {
                    String why = d.matches() ? d.group(4) : a.group(5);
                    assertThat(
                                    why != null
                                            || (i + 1 < lines.length
                                                    && PROSE.matcher(lines[i + 1]).matches()))
                            .as(where + ": a production comment says why")
                            .isTrue();
                }
                if (d.matches()) {
                    pending = d.group(3);
                    pendingAbsent = d.group(2).equals("absent");
                    pendingIndent = d.group(1).length();
                } else if (a.matches()) {
                    String path = path(parents, a.group(1).length(), a.group(2));
                    assertThat(alsoSets).as(where).doesNotContainKey(path);
                    alsoSets.put(path, a.group(4));
                } else if (s.matches()) {
                    int indent = s.group(1).length();
                    String key = s.group(2).replace("\"", "");
                    String path = path(parents, indent, key);
                    if (pendingIndent >= 0) {
                        assertThat(indent)
                                .as(
                                        where
                                                + ": a production comment belongs right above its setting")
                                .isEqualTo(pendingIndent);
                        assertThat(differs).as(where).doesNotContainKey(path);
                        differs.put(path, pendingAbsent ? null : pending);
                        pendingIndent = -1;
                    }
                    parents.push(Map.entry(indent, key));
                } else if (!line.strip().startsWith("#") && !line.isBlank()) {
                    assertThat(pendingIndent)
                            .as(where + ": production comment above a list item")
                            .isEqualTo(-1);
                }
            }
            assertThat(pendingIndent)
                    .as(file + ": production comment without a setting")
                    .isEqualTo(-1);
        }
        return new Documented(differs, alsoSets);
    }

    /** The dotted path of {@code key} at {@code indent}, dropping the parents it closes. */
    private static String path(Deque<Map.Entry<Integer, String>> parents, int indent, String key) {
        while (!parents.isEmpty() && parents.peek().getKey() >= indent) {
            parents.pop();
        }
        List<String> names = new ArrayList<>();
        Iterator<Map.Entry<Integer, String>> it = parents.descendingIterator();
        while (it.hasNext()) {
            names.add(it.next().getValue());
        }
        names.add(key);
        return String.join(".", names);
    }

    private static void scalars(JsonNode node, String path, Map<String, String> out) {
        if (NOT_COMPARED.contains(path)) {
            return;
        }
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(e -> scalars(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isValueNode() && !node.isNull()) {
            out.put(path, node.asText());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
