package me.napolni.dinamics.rapi;

/**
 * A snapshot of a {@link RapiClient}'s counters since it was connected, for metrics and diagnostics.
 *
 * @param requests              requests written to the link
 * @param replies               requests completed by a matching reply (including {@code $NK})
 * @param timeouts              requests that timed out
 * @param errors                requests that failed for any other reason (link lost, closed, corrupted, refused)
 * @param staleReplies          {@code $OK}/{@code $NK} frames dropped because no request waited or the id differed
 * @param droppedFrames         frames dropped: stale replies, echoes, unknown frames and malformed notifications
 * @param decodeErrors          decoder anomalies: garbage, line noise, malformed frames
 * @param notifications         notifications received
 * @param droppedNotifications  notifications dropped because the delivery queue was full
 * @param reopens               successful reopenings of the transport after the first connect
 */
public record RapiClientStats(long requests, long replies, long timeouts, long errors, long staleReplies,
                              long droppedFrames, long decodeErrors, long notifications, long droppedNotifications,
                              long reopens) {
}
