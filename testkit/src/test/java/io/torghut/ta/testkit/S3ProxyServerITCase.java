package io.torghut.ta.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Tests for {@link S3ProxyServer}: a real S3 API with signatures, surviving a restart. */
class S3ProxyServerITCase {

    @TempDir Path dir;

    @Test
    void putListGetAndDataSurvivesStopAndRestartOnTheSamePort() {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir, "test-ak", "test-sk-123", "ckpt")) {
            int port = s3.port();
            try (S3Client client = s3.newClient()) {
                client.putObject(
                        b -> b.bucket("ckpt").key("a/chk-1/_metadata"),
                        RequestBody.fromString("meta-1"));
                client.putObject(
                        b -> b.bucket("ckpt").key("a/chk-1/state"),
                        RequestBody.fromString("state-1"));
                assertThat(s3.listKeys("ckpt", "a/"))
                        .containsExactly("a/chk-1/_metadata", "a/chk-1/state");
            }

            s3.stop();
            assertThat(s3.isRunning()).isFalse();
            try (S3Client client = s3.newClient()) {
                assertThatThrownBy(() -> client.listBuckets()).isInstanceOf(SdkException.class);
            }

            s3.start();
            assertThat(s3.port()).isEqualTo(port);
            try (S3Client client = s3.newClient()) {
                String body =
                        client.getObjectAsBytes(b -> b.bucket("ckpt").key("a/chk-1/state"))
                                .asString(StandardCharsets.UTF_8);
                assertThat(body).isEqualTo("state-1");
                assertThat(s3.listKeys("ckpt", "")).hasSize(2);
            }
        }
    }

    @Test
    void rejectsRequestsSignedWithTheWrongSecret() {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir, "test-ak", "right-secret", "b");
                S3Client client =
                        S3Client.builder()
                                .endpointOverride(s3.endpoint())
                                .region(Region.of(S3ProxyServer.REGION))
                                .credentialsProvider(
                                        StaticCredentialsProvider.create(
                                                AwsBasicCredentials.create(
                                                        "test-ak", "wrong-secret")))
                                .forcePathStyle(true)
                                .build()) {
            assertThatThrownBy(() -> client.listObjectsV2(b -> b.bucket("b")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }
}
