package io.bodycam.bench.conform;

import java.util.List;

/**
 * One case's outcome.
 *
 * @param evidence the requests and answers that decided it, or why it was not applicable
 */
public record CaseResult(String id, String title, List<String> clauses, Verdict verdict, String evidence, long millis) {
}
