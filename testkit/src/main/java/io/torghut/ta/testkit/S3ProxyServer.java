package io.torghut.ta.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3 API server (s3proxy, in process) on a free loopback port, storing objects as files
 * under a caller-supplied directory and requiring AWS signature V2/V4 with the given keys.
 *
 * <p>The server can be {@link #stop() stopped} and {@link #start() started} again on the same port
 * and directory, so tests can simulate an S3 outage without losing data. Buckets are directories
 * under {@link #dataDir()}, so they survive a restart as well.
 */
public final class S3ProxyServer implements AutoCloseable {

    /** Region name clients should sign with; s3proxy does not check it. */
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final String accessKey;
    private final String secretKey;
    private final int port;
    private S3Proxy proxy;
    private FilesystemNio2BlobStore blobStore;

    private S3ProxyServer(Path dataDir, String accessKey, String secretKey, int port) {
        this.dataDir = dataDir;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.port = port;
    }

    /**
     * Starts a server storing data under {@code dataDir} and creates the given buckets.
     *
     * @param dataDir directory owned by the caller (e.g. a JUnit {@code @TempDir}); created if
     *     missing
     * @param accessKey access key id clients must sign with
     * @param secretKey secret key clients must sign with
     * @param buckets buckets to create if they do not exist yet
     */
    public static S3ProxyServer start(
            Path dataDir, String accessKey, String secretKey, String... buckets) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        S3ProxyServer server =
                new S3ProxyServer(dataDir, accessKey, secretKey, FreePorts.freePort());
        server.start();
        Arrays.stream(buckets).forEach(server::createBucket);
        return server;
    }

    /** (Re)starts the server on its original port and directory; a no-op if already running. */
    public synchronized void start() {
        if (proxy != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            blobStore = new FilesystemNio2BlobStore(dataDir.toString());
            S3Proxy candidate =
                    S3Proxy.builder()
                            .blobStore(blobStore)
                            .endpoint(URI.create("http://127.0.0.1:" + port))
                            .awsAuthentication(
                                    AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                            .build();
            candidate.start();
            awaitStarted(candidate);
            proxy = candidate;
        } catch (Exception e) {
            closeBlobStore();
            throw new IllegalStateException("s3proxy did not start on port " + port, e);
        }
    }

    private static void awaitStarted(S3Proxy candidate) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(candidate.getState())) {
            if (System.nanoTime() > deadline) {
                candidate.stop();
                throw new IllegalStateException(
                        "s3proxy state is " + candidate.getState() + " after " + START_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /** Stops serving requests; objects stay on disk and {@link #start()} serves them again. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop cleanly", e);
        } finally {
            proxy = null;
            closeBlobStore();
        }
    }

    private void closeBlobStore() {
        if (blobStore != null) {
            blobStore.close();
            blobStore = null;
        }
    }

    /** True while the server accepts requests. */
    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** Creates a bucket (a directory under {@link #dataDir()}) if it does not exist. */
    public synchronized void createBucket(String bucket) {
        if (blobStore == null) {
            throw new IllegalStateException("s3proxy is stopped; start() it before createBucket");
        }
        if (!blobStore.containerExists(bucket)) {
            blobStore.createContainer(bucket);
        }
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port, stable across {@link #stop()}/{@link #start()}. */
    public int port() {
        return port;
    }

    /** Directory holding the buckets and objects. */
    public Path dataDir() {
        return dataDir;
    }

    /** Access key id clients sign with. */
    public String accessKey() {
        return accessKey;
    }

    /** Secret key clients sign with; tests must never print it. */
    public String secretKey() {
        return secretKey;
    }

    /**
     * Flink cluster configuration for flink-s3-fs-hadoop ({@code s3.*} maps to {@code fs.s3a.*}),
     * to pass to {@code FileSystem.initialize} and the MiniCluster.
     */
    public Map<String, String> flinkS3Config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("s3.endpoint", endpoint().toString());
        config.put("s3.path.style.access", "true");
        config.put("s3.access-key", accessKey);
        config.put("s3.secret-key", secretKey);
        return config;
    }

    /**
     * Environment for the {@code aws} CLI or any SDK reading standard variables: keys, region and
     * {@code AWS_ENDPOINT_URL}.
     */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKey);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        return env;
    }

    /** A path-style AWS SDK v2 client for this server; the caller closes it. */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Lists the object keys of a bucket under a prefix through the S3 API, sorted. */
    public List<String> listKeys(String bucket, String prefix) {
        try (S3Client client = newClient()) {
            return client
                    .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .stream()
                    .map(o -> o.key())
                    .sorted()
                    .toList();
        }
    }

    /** Stops the server; the data directory belongs to the caller and is left in place. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "S3ProxyServer{" + endpoint() + ", dir=" + dataDir + "}";
    }
}
