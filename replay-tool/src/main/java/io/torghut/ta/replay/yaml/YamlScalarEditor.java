package io.torghut.ta.replay.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and rewrites single scalars of a YAML text in place.
 *
 * <p>GitOps files carry comments, key order and quoting that reviewers rely on; a round trip
 * through a YAML object mapper would lose them. This class only locates the scalar with SnakeYAML's
 * node marks and splices new text over exactly that span, so every other byte stays as it was. A
 * missing final key is inserted as one new line in its (block) parent mapping.
 */
public final class YamlScalarEditor {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./:@-]*");
    private static final Pattern LOOKS_TYPED =
            Pattern.compile(
                    "(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9.].*|0x.*|\\.inf|\\.nan)");

    private YamlScalarEditor() {}

    /**
     * Why {@code text} is not a YAML stream SnakeYAML can compose, on one line with the line and
     * column (e.g. {@code line 3, column 1: expected ',' or ']', but got <stream end> (while
     * parsing a flow sequence at line 2, column 16)}), or empty when it is.
     */
    public static Optional<String> syntaxProblem(String text) {
        try {
            Doc.of(text);
            return Optional.empty();
        } catch (MarkedYAMLException e) {
            StringBuilder b = new StringBuilder();
            if (e.getProblemMark() != null) {
                b.append(at(e.getProblemMark())).append(": ");
            }
            b.append(e.getProblem());
            if (e.getContext() != null) {
                b.append(" (").append(e.getContext());
                if (e.getContextMark() != null) {
                    b.append(" at ").append(at(e.getContextMark()));
                }
                b.append(')');
            }
            return Optional.of(b.toString());
        } catch (YAMLException e) {
            return Optional.of(String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " "));
        }
    }

    private static String at(Mark m) {
        return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }

    /** The scalar at {@code path}, or empty if the path does not resolve to a scalar. */
    public static Optional<String> read(String text, YamlPath path) {
        return locate(text, path).map(loc -> loc.node.getValue());
    }

    /**
     * Returns {@code text} with the scalar at {@code path} set to {@code value}. The scalar keeps
     * its quoting style when the new value allows it.
     *
     * @throws YamlEditException if the parent of the path does not exist, is not a block mapping,
     *     or the current value is not a scalar
     */
    public static String set(String text, YamlPath path, YamlValue value) {
        Doc doc = Doc.of(text);
        // Replace where the key exists in any document; insert only when no document has it.
        MappingNode firstParent = null;
        for (Node root : doc.roots) {
            Optional<Node> parent = resolve(root, path.parentSegments(), path);
            if (parent.isEmpty()) {
                continue;
            }
            if (!(parent.get() instanceof MappingNode mapping)) {
                throw new YamlEditException(path + ": parent is not a mapping");
            }
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(path.leafKey())) {
                    if (!(t.getValueNode() instanceof ScalarNode scalar)) {
                        throw new YamlEditException(path + ": current value is not a scalar");
                    }
                    return replace(doc, scalar, value);
                }
            }
            if (firstParent == null) {
                firstParent = mapping;
            }
        }
        if (firstParent == null) {
            throw new YamlEditException(path + ": not found (its parent does not exist)");
        }
        return insert(doc, firstParent, path, value);
    }

    private static String replace(Doc doc, ScalarNode scalar, YamlValue value) {
        if (scalar.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                || scalar.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED) {
            throw new YamlEditException("block scalars are not edited in place");
        }
        int start = doc.offset(scalar.getStartMark().getIndex());
        int end = doc.offset(scalar.getEndMark().getIndex());
        String rendered = render(value, scalar.getScalarStyle());
        if (start == end) {
            // "key:" with no value: the empty scalar sits right after the colon.
            rendered = " " + rendered;
        }
        return doc.text.substring(0, start) + rendered + doc.text.substring(end);
    }

    private static String insert(Doc doc, MappingNode mapping, YamlPath path, YamlValue value) {
        if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                || mapping.getValue().isEmpty()) {
            throw new YamlEditException(
                    path + ": cannot insert into an empty or flow-style mapping");
        }
        NodeTuple first = mapping.getValue().get(0);
        NodeTuple last = mapping.getValue().get(mapping.getValue().size() - 1);
        int column = first.getKeyNode().getStartMark().getColumn();
        int afterLast = doc.offset(last.getValueNode().getEndMark().getIndex());
        String text = doc.text;
        int at;
        if (afterLast > 0 && text.charAt(afterLast - 1) == '\n') {
            at = afterLast;
        } else {
            int nl = text.indexOf('\n', afterLast);
            at = nl < 0 ? text.length() : nl + 1;
        }
        String prefix = at == text.length() && !text.endsWith("\n") ? "\n" : "";
        String line =
                prefix
                        + " ".repeat(column)
                        + path.leafKey()
                        + ": "
                        + render(value, DumperOptions.ScalarStyle.PLAIN)
                        + "\n";
        return text.substring(0, at) + line + text.substring(at);
    }

    /** Renders a scalar, keeping the old quoting style where it is still correct. */
    static String render(YamlValue value, DumperOptions.ScalarStyle style) {
        if (value instanceof YamlValue.Int i) {
            return Long.toString(i.value());
        }
        String s = value.text();
        if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (style == DumperOptions.ScalarStyle.PLAIN
                && PLAIN_SAFE.matcher(s).matches()
                && !LOOKS_TYPED.matcher(s).matches()) {
            return s;
        }
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private record Located(ScalarNode node) {}

    private static Optional<Located> locate(String text, YamlPath path) {
        Doc doc = Doc.of(text);
        for (Node root : doc.roots) {
            Optional<Node> n = resolve(root, path.segments(), path);
            if (n.isPresent() && n.get() instanceof ScalarNode s) {
                return Optional.of(new Located(s));
            }
        }
        return Optional.empty();
    }

    private static Optional<Node> resolve(Node node, List<YamlPath.Segment> segs, YamlPath path) {
        if (segs.isEmpty()) {
            return Optional.of(node);
        }
        YamlPath.Segment head = segs.get(0);
        List<YamlPath.Segment> rest = segs.subList(1, segs.size());
        if (head instanceof YamlPath.Key key) {
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key.name())) {
                        return resolve(t.getValueNode(), rest, path);
                    }
                }
            }
            return Optional.empty();
        }
        if (!(node instanceof SequenceNode seq)) {
            return Optional.empty();
        }
        List<Node> items = seq.getValue();
        if (head instanceof YamlPath.Index idx) {
            return idx.index() < items.size()
                    ? resolve(items.get(idx.index()), rest, path)
                    : Optional.empty();
        }
        for (Node item : items) {
            if (head instanceof YamlPath.Match match && !fieldEquals(item, match)) {
                continue;
            }
            Optional<Node> found = resolve(item, rest, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean fieldEquals(Node item, YamlPath.Match match) {
        if (item instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals(match.field())
                        && t.getValueNode() instanceof ScalarNode v) {
                    return v.getValue().equals(match.value());
                }
            }
        }
        return false;
    }

    /** Parsed document roots plus the code-point to UTF-16 offset mapping of its text. */
    private static final class Doc {
        final String text;
        final List<Node> roots = new ArrayList<>();
        final boolean ascii;

        private Doc(String text) {
            this.text = text;
            this.ascii = text.chars().allMatch(c -> c < 0x80);
        }

        static Doc of(String text) {
            Doc d = new Doc(text);
            LoaderOptions options = new LoaderOptions();
            options.setProcessComments(false);
            for (Node n : new Yaml(options).composeAll(new StringReader(text))) {
                if (n != null) {
                    d.roots.add(n);
                }
            }
            return d;
        }

        /** SnakeYAML marks count code points; Java strings index UTF-16 units. */
        int offset(int codePointIndex) {
            return ascii ? codePointIndex : text.offsetByCodePoints(0, codePointIndex);
        }
    }
}
