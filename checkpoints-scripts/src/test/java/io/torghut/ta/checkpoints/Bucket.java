package io.torghut.ta.checkpoints;

import io.torghut.ta.testkit.S3ProxyServer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Direct S3 access for tests: snapshots with sha256, copies and tampering. */
final class Bucket implements AutoCloseable {

    /** One object as the tests compare it. */
    record Obj(long size, String sha256) {}

    private final S3Client client;
    private final String bucket;

    Bucket(S3ProxyServer s3, String bucket) {
        this.client = s3.newClient();
        this.bucket = bucket;
    }

    /** Every object under a prefix, keyed relative to it, with size and sha256 of its bytes. */
    Map<String, Obj> snapshot(String prefix) {
        Map<String, Obj> out = new TreeMap<>();
        for (S3Object o :
                client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            out.put(o.key().substring(prefix.length()), new Obj(o.size(), sha256(get(o.key()))));
        }
        return out;
    }

    byte[] get(String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    void put(String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    void delete(String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** Copies every object under {@code from} to {@code to} (bytes, directory markers too). */
    void copyPrefix(String from, String to) {
        for (S3Object o :
                client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(from)).contents()) {
            put(to + o.key().substring(from.length()), get(o.key()));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
