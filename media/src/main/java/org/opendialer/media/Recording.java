package org.opendialer.media;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;

/** A recording in progress. */
public interface Recording {

    /**
     * @param reason why it ended: STOPPED (asked), DURATION / SIZE (limits), CLOSED (leg closed), FAILED (I/O)
     */
    record Result(Path path, long frames, long dataBytes, Reason reason, String error) {
        public long durationMs() {
            return frames * 20;
        }
    }

    enum Reason { STOPPED, DURATION, SIZE, CLOSED, FAILED }

    /** Stops at the next media tick; the file is complete when the stage completes. */
    CompletionStage<Result> stop();

    /** Completes when the recording ends for any reason. */
    CompletionStage<Result> done();
}
