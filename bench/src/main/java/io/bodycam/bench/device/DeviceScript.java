package io.bodycam.bench.device;

import java.io.PrintWriter;
import java.util.List;

/**
 * Runs a file of device steps without a person ({@code bodycam device --script file}): each line is
 * echoed with its outcome, and the first step that fails stops the script, naming its line, so a bug
 * report's steps either replay or say where they stop replaying.
 */
public final class DeviceScript {

    private DeviceScript() {
    }

    /**
     * @return 0 when every step succeeded, else the 1-based number of the line that failed
     */
    public static int run(DeviceSteps steps, List<String> lines, PrintWriter out) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.println("> " + line);
            out.flush();
            DeviceSteps.Outcome o = steps.run(line);
            if (!o.text().isEmpty()) {
                out.println(o.text().indent(2).stripTrailing());
            }
            if (!o.ok()) {
                out.println("line " + (i + 1) + " failed: " + line);
                out.flush();
                return i + 1;
            }
            out.flush();
        }
        return 0;
    }
}
