package org.opendialer.contacts.lists;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One CSV upload into a list as a job (Genesys' {@code importStatus}). While it runs, {@code totalRecords} counts
 * the rows read so far and {@code completedRecords} the good ones; once completed, {@code completedRecords} is
 * the contacts written (new or updated by key). Nothing of an upload is visible in the list before it completes.
 *
 * @param totalBytes the upload's Content-Length when the client sent one, else null
 * @param badRows    the first {@link ContactCsvImport#REPORTED_ERRORS} bad rows
 */
public record ImportStatus(UUID id, UUID listId, State state, ContactCsvImport.Mode mode, Long totalBytes, long readBytes,
                          long totalRecords, long completedRecords, long badRecords, long duplicateRecords,
                          List<RowError> badRows, String failureReason, Instant startedAt, Instant finishedAt) {

    /** A refused row: its 1-based line in the file (0 when the file as a whole is unreadable) and why. */
    public record RowError(long line, String reason) {
    }

    /** Job states; a finished job never changes again. */
    public enum State {
        IN_PROGRESS, COMPLETED, FAILED;

        private static final Map<State, Set<State>> NEXT = Map.of(
                IN_PROGRESS, Set.of(COMPLETED, FAILED),
                COMPLETED, Set.of(),
                FAILED, Set.of());

        public boolean canBecome(State next) {
            return NEXT.get(this).contains(next);
        }
    }

    /** 0–100: by bytes read of the announced length while running (at most 99), 100 once completed. */
    public int percentComplete() {
        if (state == State.COMPLETED) {
            return 100;
        }
        if (totalBytes == null || totalBytes <= 0) {
            return 0;
        }
        return (int) Math.min(99, readBytes * 100 / totalBytes);
    }
}
