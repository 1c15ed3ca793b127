package io.fhirguard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fhirguard.audit.internal.AuditJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event as one compact JSON object per line (JSON Lines), to the dedicated SLF4J
 * logger {@code fhirguard.audit} at INFO and/or appended to a file.
 *
 * <p>With {@link Builder#hashChain(boolean)} on, each line also carries {@code prevHash} (the
 * previous line's hash; 64 zeros for the first) and ends with {@code "hash"}: the SHA-256 of the
 * previous hash followed by the line's content up to, not including, the hash member. Appending
 * to an existing file continues its chain from the last line. {@link AuditLogVerifier} checks a
 * file. The chain shows edits, deletions and reordering inside the file; it cannot show that the
 * newest lines were cut off, nor a rewrite of the whole tail by someone who can also recompute
 * hashes, so copy the head hash (logged at INFO on {@link #close()}) somewhere else.
 *
 * <p>Each line is flushed to the operating system before {@link #record} returns, not forced to
 * disk. Thread-safe: records are written one at a time, in call order. A write failure throws
 * {@link AuditException}, is logged at ERROR, and leaves the chain at the last written line.
 *
 * @since 1.0
 */
public final class JsonLinesAuditSink implements AuditSink {
    /** The name of the SLF4J logger the lines go to. */
    public static final String LOGGER_NAME = "fhirguard.audit";

    private static final Logger log = LoggerFactory.getLogger(JsonLinesAuditSink.class);
    private static final Logger auditLog = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final boolean toLogger;
    private final Path file;
    private final boolean chained;
    private BufferedWriter writer;
    private String lastHash = AuditJson.GENESIS;
    private long written;
    private boolean closed;

    private JsonLinesAuditSink(Builder b) {
        this.toLogger = b.toLogger;
        this.file = b.file;
        this.chained = b.hashChain;
    }

    /**
     * Starts a sink that writes to the {@code fhirguard.audit} logger, without a file or chain.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void record(AuditEvent event) {
        if (closed) {
            throw new IllegalStateException("audit sink is closed");
        }
        if (file != null && writer == null) {
            open(event);
        }
        String line = render(event);

        if (file != null) {
            writeToFile(event, line);
        }
        if (toLogger) {
            auditLog.info(line);
        }
        written++;
    }

    /**
     * Returns the hash of the last chained line written (or read from the file when appending).
     *
     * @return 64 hex characters; 64 zeros before the first record; empty without a hash chain
     */
    public synchronized Optional<String> headHash() {
        return chained ? Optional.of(lastHash) : Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                log.error("audit file could not be closed: {}", file, e);
            }
        }
        if (chained) {
            log.info("audit log closed after {} records; hash chain head {}", written, lastHash);
        }
    }

    private String render(AuditEvent event) {
        ObjectNode json = AuditJson.toJson(event);
        if (!chained) {
            return AuditJson.write(json);
        }
        json.put("prevHash", lastHash);
        String content = AuditJson.write(json);
        String hash = AuditJson.chainHash(lastHash, content);
        return AuditJson.chainedLine(content, hash);
    }

    private void writeToFile(AuditEvent event, String line) {
        try {
            writer.write(line);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw failure(event, e);
        }
        if (chained) {
            lastHash = line.substring(line.length() - 66, line.length() - 2);
        }
    }

    // The chain continues from the file's last line, so the file is read before the first
    // record is rendered.
    private void open(AuditEvent event) {
        try {
            if (chained && Files.exists(file) && Files.size(file) > 0) {
                lastHash = lastHashOf(file);
            }
            createOwnerOnly(file);
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw failure(event, e);
        }
    }

    // Audit lines name subjects, patients and resources: a new file is readable by its owner
    // only (rw-------) where the file system has POSIX permissions, whatever the umask says.
    // An existing file keeps the permissions the operator gave it.
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file) || !FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            log.debug("audit file appeared while being created; appending to it");
        }
    }

    private AuditException failure(AuditEvent event, IOException e) {
        log.error("audit event {} could not be written to {}", event.id(), file, e);
        return new AuditException("audit event " + event.id() + " could not be written to "
                + file, e);
    }

    private static String lastHashOf(Path file) throws IOException {
        String last = lastLine(file);
        JsonNode hash = last.isEmpty() ? null : AuditJson.mapper().readTree(last).get("hash");
        if (hash == null || !HASH.matcher(hash.asText()).matches()) {
            throw new IOException("cannot continue the hash chain: the last line of " + file
                    + " carries no hash; start a new file");
        }
        return hash.asText();
    }

    // Reads backwards from the end in growing chunks, so a large audit file is not loaded whole.
    private static String lastLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            while (end > 0 && byteAt(raf, end - 1) == '\n') {
                end--;
            }
            long start = end;
            while (start > 0 && byteAt(raf, start - 1) != '\n') {
                start = Math.max(0, start - 4096);
                start = newlineAfter(raf, start, end);
            }
            byte[] bytes = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    // The position just after the last newline in [from, to), or from when there is none.
    private static long newlineAfter(RandomAccessFile raf, long from, long to) throws IOException {
        byte[] chunk = new byte[(int) (to - from)];
        raf.seek(from);
        raf.readFully(chunk);
        for (int i = chunk.length - 1; i >= 0; i--) {
            if (chunk[i] == '\n') {
                return from + i + 1;
            }
        }
        return from;
    }

    private static int byteAt(RandomAccessFile raf, long position) throws IOException {
        raf.seek(position);
        return raf.read();
    }

    /**
     * Builds a {@link JsonLinesAuditSink}. Not thread-safe.
     *
     * @since 1.0
     */
    public static final class Builder {
        private boolean toLogger = true;
        private Path file;
        private boolean hashChain;

        private Builder() {
        }

        /**
         * Sets whether lines go to the {@code fhirguard.audit} logger.
         *
         * @param enabled true by default
         * @return this builder
         */
        public Builder logger(boolean enabled) {
            this.toLogger = enabled;
            return this;
        }

        /**
         * Appends lines to a file, created when missing (its directory must exist).
         *
         * @param file the file, or {@code null} for none (the default)
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /**
         * Sets whether lines carry the SHA-256 hash chain.
         *
         * @param enabled false by default
         * @return this builder
         */
        public Builder hashChain(boolean enabled) {
            this.hashChain = enabled;
            return this;
        }

        /**
         * Checks the settings and builds the sink. The file is opened at the first record.
         *
         * @return the sink
         * @throws IllegalArgumentException listing every problem
         */
        public JsonLinesAuditSink build() {
            List<String> problems = new ArrayList<>();
            if (!toLogger && file == null) {
                problems.add("logger/file: at least one destination is needed");
            }
            if (file != null && file.toAbsolutePath().getParent() != null
                    && !Files.isDirectory(file.toAbsolutePath().getParent())) {
                problems.add("file: directory " + file.toAbsolutePath().getParent()
                        + " does not exist");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid JSON-lines audit sink:\n- "
                        + String.join("\n- ", problems));
            }
            return new JsonLinesAuditSink(this);
        }
    }
}
