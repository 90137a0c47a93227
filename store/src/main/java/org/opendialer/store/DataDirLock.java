package org.opendialer.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
    /** Held files whose server has begun to stop: a start in this JVM waits for those rather than failing. */
    private static final Set<Path> STOPPING = ConcurrentHashMap.newKeySet();

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

    /**
     * The lock, or empty when another process or a running server of this JVM holds it. A server of this JVM that
     * is stopping ({@link #stopping()}) is waited for, up to {@code sameJvmWait}: when its stop outran its budget it
     * is still closing PostgreSQL on a daemon thread, and a restart in the same JVM (tests, an embedding
     * application) must wait for it, not fail.
     */
    static Optional<DataDirLock> acquire(Path dataDir, Duration sameJvmWait) throws IOException {
        Path file = fileFor(dataDir);
        long deadline = System.nanoTime() + sameJvmWait.toNanos();
        synchronized (HELD) {
            while (HELD.contains(file) && STOPPING.contains(file)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(HELD, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return tryAcquire(dataDir);
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
            forget(file);
            throw e;
        }
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            forget(file);
            return Optional.empty();
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return Optional.of(new DataDirLock(file, ch, lock));
        } catch (IOException e) {
            ch.close();
            forget(file);
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
            forget(file);
        }
    }

    /** Marks the server as stopping: from now on a start in this JVM waits for {@link #close()}. */
    void stopping() {
        STOPPING.add(file);
    }

    /** Takes the file out of this JVM's held set and wakes starts waiting for it. */
    private static void forget(Path file) {
        synchronized (HELD) {
            STOPPING.remove(file);
            HELD.remove(file);
            HELD.notifyAll();
        }
    }
}
