package io.torghut.ta.replay.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link YamlScalarEditor}. */
class YamlScalarEditorTest {
    private static final String DOC =
            """
            # head comment
            a:
              b: "x"   # keep me
              c: 'it''s'
              d: plain
              n: 38
              list:
                - name: ONE
                  value: "1"
                - name: TWO
                  value: two
            z: end
            """;

    @Test
    void readsScalarsThroughKeysIndexesAndMatches() {
        assertThat(read("a.b")).isEqualTo("x");
        assertThat(read("a.c")).isEqualTo("it's");
        assertThat(read("a.list[1].value")).isEqualTo("two");
        assertThat(read("a.list[name=ONE].value")).isEqualTo("1");
        assertThat(read("a.list[*].name")).isEqualTo("ONE");
        assertThat(YamlScalarEditor.read(DOC, YamlPath.parse("a.missing"))).isEmpty();
        assertThat(YamlScalarEditor.read(DOC, YamlPath.parse("a.list[name=THREE].value")))
                .isEmpty();
    }

    @Test
    void replacesOnlyTheScalarKeepingQuotingAndComments() {
        String out = set("a.b", YamlValue.str("y"));
        assertThat(out).isEqualTo(DOC.replace("b: \"x\"   # keep me", "b: \"y\"   # keep me"));
        assertThat(set("a.c", YamlValue.str("o'k"))).contains("c: 'o''k'");
        assertThat(set("a.d", YamlValue.str("other"))).contains("d: other\n");
        assertThat(set("a.n", YamlValue.integer(39))).contains("n: 39\n");
        assertThat(set("a.list[name=TWO].value", YamlValue.str("2b"))).contains("value: \"2b\"");
    }

    @Test
    void aPlainStringThatWouldChangeTypeIsQuoted() {
        assertThat(set("a.d", YamlValue.str("false"))).contains("d: \"false\"");
        assertThat(set("a.d", YamlValue.str("123"))).contains("d: \"123\"");
        assertThat(set("a.d", YamlValue.str("a: b"))).contains("d: \"a: b\"");
        assertThat(set("a.d", YamlValue.str("null"))).contains("d: \"null\"");
    }

    @Test
    void insertsAMissingKeyAsOneLineAtTheEndOfItsMapping() {
        String out = set("a.added", YamlValue.str("s3a://b/p/chk-1"));
        assertThat(out)
                .isEqualTo(
                        DOC.replace(
                                "      value: two\nz: end",
                                "      value: two\n  added: s3a://b/p/chk-1\nz: end"));
        String nested = set("a.list[name=ONE].extra", YamlValue.integer(1));
        assertThat(nested).contains("      value: \"1\"\n      extra: 1\n    - name: TWO");
        String atEnd = YamlScalarEditor.set("k: v", YamlPath.parse("n"), YamlValue.integer(2));
        assertThat(atEnd).isEqualTo("k: v\nn: 2\n");
    }

    @Test
    void refusesEditsThatWouldTouchMoreThanTheScalar() {
        assertThatThrownBy(() -> set("nope.x", YamlValue.str("v")))
                .isInstanceOf(YamlEditException.class)
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> set("a.list", YamlValue.str("v")))
                .isInstanceOf(YamlEditException.class)
                .hasMessageContaining("not a scalar");
        assertThatThrownBy(
                        () ->
                                YamlScalarEditor.set(
                                        "a: {b: 1}", YamlPath.parse("a.c"), YamlValue.integer(2)))
                .isInstanceOf(YamlEditException.class)
                .hasMessageContaining("flow-style");
        assertThatThrownBy(
                        () ->
                                YamlScalarEditor.set(
                                        "a: |\n  text\n", YamlPath.parse("a"), YamlValue.str("x")))
                .isInstanceOf(YamlEditException.class);
        assertThatThrownBy(() -> YamlPath.parse("a..b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> YamlPath.parse("a[0]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsStayRightAfterNonAsciiText() {
        String doc = "# Zürich ✓ 📈\nk: \"vä\"\nm: 1\n";
        String out = YamlScalarEditor.set(doc, YamlPath.parse("m"), YamlValue.integer(2));
        assertThat(out).isEqualTo("# Zürich ✓ 📈\nk: \"vä\"\nm: 2\n");
        assertThat(YamlScalarEditor.set(doc, YamlPath.parse("k"), YamlValue.str("ö")))
                .isEqualTo("# Zürich ✓ 📈\nk: \"ö\"\nm: 1\n");
    }

    @Test
    void emptyValueGetsASpace() {
        assertThat(YamlScalarEditor.set("a:\nb: 1\n", YamlPath.parse("a"), YamlValue.str("x")))
                .isEqualTo("a: x\nb: 1\n");
    }

    @Test
    void findsTheDocumentHoldingThePathInAMultiDocumentFile() {
        String multi = "kind: A\nx: 1\n---\nkind: B\ny: 2\n";
        assertThat(YamlScalarEditor.set(multi, YamlPath.parse("y"), YamlValue.integer(3)))
                .isEqualTo("kind: A\nx: 1\n---\nkind: B\ny: 3\n");
        assertThat(YamlScalarEditor.read(multi, YamlPath.parse("y"))).contains("2");
    }

    private static String read(String path) {
        return YamlScalarEditor.read(DOC, YamlPath.parse(path)).orElseThrow();
    }

    private static String set(String path, YamlValue v) {
        return YamlScalarEditor.set(DOC, YamlPath.parse(path), v);
    }
}
