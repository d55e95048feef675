package io.bodycam.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.ledger.CameraProofView;
import io.bodycam.bench.ledger.DeviceLedger;
import io.bodycam.bench.ledger.store.ReadProgress;
import io.bodycam.bench.ledger.store.RecordedSegment;
import io.bodycam.bench.ledger.store.StoreReadBack;
import io.bodycam.bench.ledger.store.StoreReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceProofTest {

    @Test
    void a_store_that_cannot_be_read_leaves_the_cameras_proofs_and_the_run_says_why() {
        StoreReader refusing = new StoreReader() {
            @Override
            public String method() {
                return "read-back by the test";
            }

            @Override
            public StoreReadBack read(List<RecordedSegment> segments, ReadProgress progress) throws IOException {
                throw new IOException("GET http://store/evidence?list-type=2 answered 403: AccessDenied");
            }
        };
        RunBackend backend = new RunBackend(null, null, new CameraProofView("kept to compare"), null, refusing, null);
        StringWriter console = new StringWriter();

        EvidenceProof proof = EvidenceProof.of(backend, new DeviceLedger(), List.of(), false, new PrintWriter(console, true));
        Map<String, String> notes = proof.notes();

        assertTrue(proof.view() instanceof CameraProofView, proof.toString());
        assertTrue(proof.cameras().isEmpty(), "nothing to compare them with: " + proof);
        String why = "the bench could not read the store back (GET http://store/evidence?list-type=2 answered 403: AccessDenied)";
        assertEquals(why, notes.get("evidence.readBackFailed"), notes.toString());
        assertEquals(CameraProofView.METHOD + "; " + why, notes.get("evidence.method"), notes.toString());
        assertTrue(console.toString().contains("bodycam: " + why + "; the evidence figures are the cameras' own proofs"),
                console.toString());
    }
}
