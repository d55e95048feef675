package io.bodycam.sim.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract's {@code events} table (docs/contract/README.md) lists exactly the event types a camera
 * publishes, each with exactly the fields its JSON mapping writes, in that order.
 */
class ContractEventTableTest {

    private static final Path CONTRACT = Path.of("..", "docs", "contract", "README.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The table's rows: each type with the field names of its {@code fields} column. */
    private static Map<String, List<String>> table() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inEvents = false;
        for (String line : Files.readAllLines(CONTRACT)) {
            if (line.startsWith("### ")) {
                inEvents = line.equals("### `events`");
            } else if (inEvents && line.startsWith("| `") && !line.startsWith("| `type`")) {
                String[] cells = line.split("\\|");
                List<String> fields = cells[2].trim().equals("none") ? List.of() : codes(cells[2]);
                for (String type : codes(cells[1])) {
                    assertTrue(rows.put(type, fields) == null, "one row per type: " + type);
                }
            }
        }
        assertFalse(rows.isEmpty(), "no events table in " + CONTRACT.toAbsolutePath());
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The field names each published sample writes, in its order. */
    private static List<String> fields(CameraEvent e) throws IOException {
        List<String> names = new ArrayList<>();
        Iterator<String> it = JSON.readTree(EventJsonTest.json(e)).fieldNames();
        it.next();
        it.forEachRemaining(names::add);
        return names;
    }

    /** Published types with the union of their samples' fields. */
    private static Map<String, Set<String>> published() throws IOException {
        Map<String, Set<String>> types = new TreeMap<>();
        for (EventSamples.Pinned p : EventSamples.ALL) {
            if (p.event().published()) {
                types.computeIfAbsent(p.event().type(), t -> new LinkedHashSet<>()).addAll(fields(p.event()));
            }
        }
        return types;
    }

    @Test
    void every_published_event_type_is_in_the_table_with_its_fields_and_nothing_else_is() throws IOException {
        Map<String, List<String>> table = table();
        Map<String, Set<String>> published = published();
        assertEquals(published.keySet(), new TreeMap<>(table).keySet(), "event types in the table");
        for (Map.Entry<String, Set<String>> e : published.entrySet()) {
            assertEquals(Set.copyOf(e.getValue()), Set.copyOf(table.get(e.getKey())), "fields of " + e.getKey());
        }
    }

    @Test
    void the_table_lists_each_events_fields_in_the_order_they_are_written() throws IOException {
        Map<String, List<String>> table = table();
        for (EventSamples.Pinned p : EventSamples.ALL) {
            if (p.event().published()) {
                List<String> written = fields(p.event());
                List<String> listed = new ArrayList<>(table.get(p.event().type()));
                listed.retainAll(written);
                assertEquals(written, listed, "order of " + p.json());
            }
        }
    }
}
