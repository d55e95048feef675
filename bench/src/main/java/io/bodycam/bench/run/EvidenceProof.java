package io.bodycam.bench.run;

import io.bodycam.bench.fleet.FleetMember;
import io.bodycam.bench.ledger.BackendView;
import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.store.ReadProgress;
import io.bodycam.bench.ledger.store.RecordedSegment;
import io.bodycam.bench.ledger.store.StoreReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The judging step's first part: which view of the backend proves the run's evidence figures. Against a
 * foreign store the bench can read (an S3 bucket, a PUT server), the store read back now, with the cameras'
 * own proofs kept beside it for comparison; if the store cannot be read, the cameras' proofs, saying why.
 * Runs on the runner's thread after the watch, never on an event loop.
 *
 * @param view    the view the figures come from
 * @param cameras the cameras' own proofs, when the figures come from elsewhere and they can be compared
 * @param failure why the store could not be read back, when it could not
 */
record EvidenceProof(BackendView view, Optional<CameraProofView> cameras, Optional<String> failure) {

    /** The proof of a run against {@code backend}, reading its store back now when it has a reader. */
    static EvidenceProof of(RunBackend backend, DeviceLedger ledger, List<FleetMember> members, boolean mp4,
                            PrintWriter console) {
        Optional<StoreReader> reader = backend.readBack();
        if (reader.isEmpty() || !(backend.view() instanceof CameraProofView proofs)) {
            return new EvidenceProof(backend.view(), Optional.empty(), Optional.empty());
        }
        try {
            BackendView read = reader.get().read(segments(ledger, members, mp4), ReadProgress.every5s(console));
            return new EvidenceProof(read, Optional.of(proofs), Optional.empty());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            String why = "the bench could not read the store back (" + e.getMessage() + ")";
            console.println("bodycam: " + why + "; the evidence figures are the cameras' own proofs");
            return new EvidenceProof(proofs.because(why), Optional.empty(), Optional.of(why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the store back", e);
        }
    }

    /** Every segment the ledger holds, with its camera's agency and officer. */
    private static List<RecordedSegment> segments(DeviceLedger ledger, List<FleetMember> members, boolean mp4) {
        Map<String, FleetMember> byDevice = new HashMap<>();
        members.forEach(m -> byDevice.put(m.camera().deviceId(), m));
        List<RecordedSegment> list = new ArrayList<>();
        for (DeviceLedger.Entry e : ledger.entries()) {
            FleetMember m = byDevice.get(e.deviceId());
            list.add(RecordedSegment.of(e, m.agency(), m.camera().config().officer(), mp4));
        }
        return list;
    }

    /** The summary's words on how the figures were proved: {@code evidence.method}, {@code evidence.unexpectedMethod}, and any failure. */
    Map<String, String> notes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("evidence.method", view.method());
        notes.put("evidence.unexpectedMethod", view.allKeys().isPresent() ? view.method()
                : "not measured: this backend's holdings cannot be listed, so evidence.unexpected stays 0");
        failure.ifPresent(f -> notes.put("evidence.readBackFailed", f));
        return notes;
    }
}
