package org.opendialer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OS file lock a process holds for as long as it runs the embedded PostgreSQL of one data directory. The
 * kernel drops it when the owner dies, even by {@code kill -9}, so "PostgreSQL alive but lock free" proves the
 * server is an orphan that nobody uses. The file sits beside the data directory ({@code data/postgres.lock}), not
 * in it, because initdb wants an empty directory; it holds the owner's pid for error messages.
 */
final class DataDirLock implements AutoCloseable {

    /**
     * Lock files this JVM holds. POSIX drops every lock a process holds on a file when it closes any channel to
     * that file, so a second server or a probe in the same JVM must never even open a held file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileFor(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + ".lock");
    }

    /** The lock, or empty when another process (or another server in this JVM) holds it. */
    static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        Path file = fileFor(dataDir);
        if (!HELD.add(file)) {
            return Optional.empty();
        }
        FileChannel ch;
        try {
            ch = open(file);
        } catch (IOException e) {
            HELD.remove(file);
            throw e;
        }
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            HELD.remove(file);
            return Optional.empty();
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return Optional.of(new DataDirLock(file, ch, lock));
        } catch (IOException e) {
            ch.close();
            HELD.remove(file);
            throw e;
        }
    }

    /** True while some live process (this one included) holds the lock. */
    static boolean isHeld(Path dataDir) {
        Path file = fileFor(dataDir);
        if (HELD.contains(file)) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return ch.tryLock() == null; // closing the channel releases a probe that succeeded
        } catch (IOException e) {
            return false;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The pid the current holder wrote, if readable. */
    static OptionalLong holderPid(Path dataDir) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(fileFor(dataDir), StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock anyway; nothing left to do
        } finally {
            HELD.remove(file);
        }
    }
}
