package io.cebridge.connector.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.cebridge.error.RetriableException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** What Bulk API 2.0 query and ingest jobs share: their JSON answers and the wait for a job to finish. */
final class BulkJobs {
    /** States after which a job changes no more. */
    static final Set<String> FINAL = Set.of("JobComplete", "Failed", "Aborted");
    // first look after 250 ms, then twice as long each time up to 10 s: a short job costs two or three calls
    private static final long FIRST_WAIT_MS = 250;
    private static final long LONGEST_WAIT_MS = 10_000;
    /** Longest a job is waited for before its cycle is retried (a 1M-record job takes minutes). */
    static final Duration MAX_WAIT = Duration.ofMinutes(30);

    private BulkJobs() {
    }

    static JsonNode json(BulkAnswer answer) {
        try {
            JsonNode n = SObjectCollections.JSON.readTree(answer.text() == null ? "" : answer.text());
            if (n == null || !n.isObject()) {
                throw new RetriableException("Salesforce answered a Bulk API 2.0 job call without a job", null);
            }
            return n;
        } catch (IOException e) {
            throw new RetriableException("Salesforce answered a Bulk API 2.0 job call with a body that is not JSON", e);
        }
    }

    /** The job id of a create answer. */
    static String id(JsonNode job) {
        String id = job.path("id").asText("");
        if (!id.matches("[A-Za-z0-9]{15,18}")) {
            throw new RetriableException("Salesforce answered a Bulk API 2.0 job create without a job id", null);
        }
        return id;
    }

    /** GETs the job until it is JobComplete, Failed or Aborted; returns its last job info. */
    static JsonNode awaitFinal(SalesforceClient client, String jobPath) {
        return awaitFinal(client, jobPath, FIRST_WAIT_MS, LONGEST_WAIT_MS);
    }

    /** The first wait before looking at an ingest job of {@code records}: a millisecond per 50 records, 250 ms to 5 s. */
    static long firstWaitFor(int records) {
        return Math.max(FIRST_WAIT_MS, Math.min(5_000L, records / 50L));
    }

    /**
     * The longest wait between two looks at an ingest job of {@code records}: a second per 5,000 records, from 10 s
     * to 60 s. A 250,000-record job runs for minutes; looked at every 10 s it would cost 20 calls and more, a fifth of
     * a million-record load's budget of 100.
     */
    static long longestWaitFor(int records) {
        return Math.max(LONGEST_WAIT_MS, Math.min(60_000L, records / 5L));
    }

    /** As {@link #awaitFinal(SalesforceClient, String)}, the waits from {@code firstWaitMs} up to {@code longestWaitMs}. */
    static JsonNode awaitFinal(SalesforceClient client, String jobPath, long firstWaitMs, long longestWaitMs) {
        long waited = 0;
        long wait = firstWaitMs;
        while (true) {
            JsonNode job = json(client.bulkCall("GET", jobPath, null, "application/json"));
            if (FINAL.contains(job.path("state").asText())) {
                return job;
            }
            if (waited >= MAX_WAIT.toMillis()) {
                throw new RetriableException("Bulk API 2.0 job " + jobPath.substring(jobPath.lastIndexOf('/') + 1)
                        + " still " + job.path("state").asText() + " after " + MAX_WAIT, null);
            }
            try {
                // the job runs in Salesforce; each look costs an API call, so they are spaced out, never a busy loop
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while waiting for a Bulk API 2.0 job", e);
            }
            waited += wait;
            wait = Math.min(longestWaitMs, wait * 2);
        }
    }
}
