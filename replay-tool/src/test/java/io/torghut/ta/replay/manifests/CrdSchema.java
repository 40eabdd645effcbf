package io.torghut.ta.replay.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The FlinkDeployment CRD's OpenAPI v3 schema as a JSON schema validator, in strict mode: every
 * object schema that lists properties rejects unknown ones. Kubernetes would silently prune an
 * unknown field (a typo such as {@code upgradeMod}); the test must catch it instead.
 */
final class CrdSchema {
    static final YAMLMapper YAML = new YAMLMapper();

    private final Schema schema;
    private final JsonNode openApi;

    private CrdSchema(JsonNode openApi) {
        this.openApi = openApi;
        this.schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(openApi);
    }

    /** The v1beta1 schema of the CRD document in {@code in}. */
    static CrdSchema load(InputStream in) throws IOException {
        JsonNode crd = YAML.readTree(in);
        for (JsonNode version : crd.at("/spec/versions")) {
            if (version.path("name").asText().equals("v1beta1")) {
                JsonNode s = version.at("/schema/openAPIV3Schema").deepCopy();
                // The root stays open: the API server supplies apiVersion, kind and metadata.
                s.path("properties").forEach(CrdSchema::strict);
                return new CrdSchema(s);
            }
        }
        throw new IllegalStateException("CRD has no v1beta1 version");
    }

    /** The flinkVersion enum of this schema. */
    List<String> flinkVersions() {
        return YAML.convertValue(
                openApi.at("/properties/spec/properties/flinkVersion/enum"),
                YAML.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /**
     * A copy whose flinkVersion enum also allows {@code versions}: a CRD lags the Flink releases
     * that come after its operator release, and nothing else in the schema depends on them.
     */
    CrdSchema withFlinkVersionsAdded(List<String> versions) {
        JsonNode copy = openApi.deepCopy();
        ArrayNode allowed = (ArrayNode) copy.at("/properties/spec/properties/flinkVersion/enum");
        for (String v : versions) {
            if (flinkVersions().stream().noneMatch(v::equals)) {
                allowed.add(v);
            }
        }
        return new CrdSchema(copy);
    }

    List<String> validate(JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties")
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.properties().forEach(e -> strict(e.getValue()));
        } else if (node instanceof ArrayNode a) {
            a.forEach(CrdSchema::strict);
        }
    }
}
