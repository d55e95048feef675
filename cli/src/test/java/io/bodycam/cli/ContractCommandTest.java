package io.bodycam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bodycam contract} as a user types it: the specs of a shipped profile, and a bad profile named. */
class ContractCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int contract(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "contract";
        System.arraycopy(args, 0, all, 1, args.length);
        return BodycamCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void writes_the_specs_shipped_for_a_profile(@TempDir Path dir) throws Exception {
        assertEquals(0, contract("--profile", "s3", "--out", dir.toString()), () -> out + "\n" + err);
        for (String f : new String[] {"asyncapi.yaml", "openapi.yaml"}) {
            assertEquals(Files.readString(Path.of("..", "docs", "contract", "profiles", "s3", f)), Files.readString(dir.resolve(f)), f);
            assertTrue(out.toString().contains("wrote " + dir.resolve(f)), out::toString);
        }
    }

    @Test
    void an_unknown_profile_is_bad_input() {
        assertEquals(2, contract("--profile", "s4", "--out", "unused"));
        assertTrue(err.toString().contains("unknown device profile 's4', did you mean 's3'?"), err::toString);
    }
}
